"""The engine never imports Streamlit or the UI."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_streamlit_import_in_simulator_source():
    for path in (ROOT / "simulator").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for n in names:
                assert not n.split(".")[0] in ("streamlit", "ui", "plotly"), f"{path}: imports {n}"


def test_importing_the_engine_loads_no_streamlit():
    code = ("import sys, simulator.engine, simulator.compare, simulator.__main__; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'ui')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
