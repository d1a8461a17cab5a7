"""The layers hold: arrows run downward only (design.md §2), with no import
cycles in ``simulator/``, and nothing in ``simulator/`` imports Streamlit or
the UI. Every import counts, including those inside functions.

    ui, cli  ->  analyses (parties, person, compare, uncertainty, export)  ->  engine  ->  model
    store    ->  model                        (i18n: the translations, below all)
"""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# part -> the parts it may import (besides itself)
ALLOWED = {
    "simulator.i18n": set(),
    "simulator.model": {"simulator.i18n"},
    "simulator.engine": {"simulator.model", "simulator.i18n"},
    "simulator.parties": {"simulator.engine", "simulator.model", "simulator.i18n"},
    "simulator.person": {"simulator.parties", "simulator.engine", "simulator.model", "simulator.i18n"},
    "simulator.compare": {"simulator.parties", "simulator.person", "simulator.engine", "simulator.store", "simulator.model",
                          "simulator.i18n"},   # store: the scenario diff (store/diff.py) for the assumption differences
    "simulator.uncertainty": {"simulator.person", "simulator.engine", "simulator.model", "simulator.i18n"},
    "simulator.export": {"simulator.parties", "simulator.compare", "simulator.person", "simulator.uncertainty",
                         "simulator.engine", "simulator.store", "simulator.model", "simulator.i18n"},
    "simulator.store": {"simulator.model", "simulator.i18n"},
    "simulator.cli": {"simulator.parties", "simulator.compare", "simulator.person", "simulator.uncertainty", "simulator.export",
                      "simulator.engine", "simulator.store", "simulator.model", "simulator.i18n"},
    "simulator.__main__": {"simulator.cli"},
}
FORBIDDEN_EVERYWHERE_IN_SIMULATOR = ("streamlit", "ui", "plotly")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    mod = _module(path)
    pkg = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(pkg[:len(pkg) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def _graph(top: str) -> dict[str, set[str]]:
    files = {_module(p): p for p in (ROOT / top).rglob("*.py")}
    return {m: {i for i in _imports(p) if i in files and i != m} for m, p in files.items()}


def _part(mod: str) -> str:
    return next((k for k in sorted(ALLOWED, key=len, reverse=True) if mod == k or mod.startswith(k + ".")), mod)


def test_every_simulator_module_belongs_to_a_part():
    loose = [m for m in _graph("simulator") if _part(m) not in ALLOWED and m != "simulator"]
    assert not loose, f"modules outside the parts of design.md §2: {loose}"


def test_arrows_run_downward():
    bad = []
    for mod, deps in _graph("simulator").items():
        part = _part(mod)
        for d in deps:
            if _part(d) != part and _part(d) not in ALLOWED.get(part, set()) and d != "simulator":
                bad.append(f"{mod} -> {d}")
    assert not bad, "imports against the layers:\n" + "\n".join(sorted(bad))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def _without_packages(graph):
    """A package's ``__init__`` that re-exports its modules is not a cycle with them."""
    return {m: {d for d in deps if not (d == m.rsplit(".", 1)[0] or m.startswith(d + "."))}
            for m, deps in graph.items()}


def test_no_import_cycles_in_simulator():
    assert _cycles(_without_packages(_graph("simulator"))) == []


def test_no_import_cycles_in_ui():
    assert _cycles(_without_packages(_graph("ui"))) == []


def test_ui_helpers_do_not_import_pages():
    bad = [f"{m} -> {d}" for m, deps in _graph("ui").items() if not m.startswith("ui.pages")
           for d in deps if d.startswith("ui.pages")]
    assert not bad, bad


def test_the_cycle_test_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_streamlit_import_in_simulator_source():
    for path in (ROOT / "simulator").rglob("*.py"):
        for n in _imports(path):
            assert n.split(".")[0] not in FORBIDDEN_EVERYWHERE_IN_SIMULATOR, f"{path}: imports {n}"


def test_importing_the_engine_loads_no_streamlit():
    code = ("import sys, simulator.engine, simulator.compare, simulator.cli.main; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'ui')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
