"""One CSV writer: the app's monthly download (``ui.results.csv_bytes``, what the
Results page's button calls) is byte for byte the file of ``python -m simulator
export SCENARIO -o FILE.csv`` — for the three pilots, in both dialects — and
``run``/``compare --format csv`` print the exporter's ``standard`` dialect."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.projection import project
from simulator.export.csv_dialects import monthly_csv
from simulator.model.loader import load
from ui.results import csv_bytes

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [ROOT / "scenarios" / f"{n}.yaml" for n in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]


def _cli_csv(tmp_path, scenario: Path, *args) -> bytes:
    out = tmp_path / (scenario.stem + "-" + "-".join(args).replace("--", "") + ".csv")
    assert main(["export", str(scenario), "-o", str(out), *args]) == 0
    return out.read_bytes()


@pytest.mark.parametrize("path", PILOTS, ids=lambda p: p.stem)
def test_app_download_is_the_cli_file(path, tmp_path, capsys):
    s = load(path)
    # the page's call: the dialect follows the language (fi -> fi, en -> standard)
    fi = csv_bytes(s, "fi")
    assert fi == _cli_csv(tmp_path, path, "--lang", "fi")
    assert fi.startswith(b"\xef\xbb\xbf") and b"\r\n" in fi and b";" in fi.split(b"\r\n")[0]
    std = csv_bytes(s, "en")
    assert std == _cli_csv(tmp_path, path, "--lang", "en")
    assert not std.startswith(b"\xef\xbb\xbf") and b"\r\n" not in std
    assert std.split(b"\n")[0].startswith(b"month,sales,")
    # either dialect asked for explicitly, in Finnish
    for dialect in ("fi", "standard"):
        assert csv_bytes(s, "fi", dialect) == _cli_csv(tmp_path, path, "--lang", "fi", "--csv-dialect", dialect)
    assert csv_bytes(s, "fi", "standard") != fi


def test_run_and_compare_csv_are_the_standard_dialect(capsys):
    p = project(load(PILOTS[1]))
    assert main(["run", str(PILOTS[1]), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.encode("utf-8") == monthly_csv([p], "standard", "en")
    rows = list(csv.DictReader(io.StringIO(out)))
    # money to cents: 2022-07 wages as the engine has them, rounded
    assert rows[6]["month"] == "2022-07"
    assert rows[6]["wages"] == f"{p.columns['wages'][6]:.2f}"
    assert main(["compare", *map(str, PILOTS), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.encode("utf-8") == monthly_csv([project(load(x)) for x in PILOTS], "standard", "en")
    assert out.startswith("scenario,month,sales,")
    # one scenario compared still names it
    assert main(["compare", str(PILOTS[0]), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("scenario,month,")
