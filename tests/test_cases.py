"""Worked cases: tests/cases/*.yaml, each expected figure with its arithmetic
and the source of its rates written beside it: monthly lines under
``expect`` (by month) and ``totals``, key figures under ``kpis``."""
from pathlib import Path

import pytest
import yaml

from simulator.engine.projection import project
from simulator.model.problems import validate

CASES = Path(__file__).parent / "cases"
TOL = 1e-5  # the expectations are written to 6 decimals or exactly


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_worked_case(case):
    p = project(validate(case["scenario"]))
    m = p.monthly.set_index("month")
    checked = 0
    for month, lines in (case.get("expect") or {}).items():
        for line, expected in lines.items():
            got = m.at[str(month), line]
            assert got == pytest.approx(expected, abs=TOL), f"{month} {line}: {got} != {expected}"
            checked += 1
    for line, expected in (case.get("totals") or {}).items():
        got = m[line].sum()
        assert got == pytest.approx(expected, abs=TOL), f"total {line}: {got} != {expected}"
        checked += 1
    for key, expected in (case.get("kpis") or {}).items():
        got = p.kpis[key]
        if expected is None or isinstance(expected, str):
            assert got == (None if expected is None else str(expected)), f"kpi {key}: {got!r} != {expected!r}"
        elif isinstance(expected, dict):
            assert got == pytest.approx({str(k): v for k, v in expected.items()}, abs=TOL), f"kpi {key}"
        else:
            assert got == pytest.approx(expected, abs=TOL), f"kpi {key}: {got} != {expected}"
        checked += 1
    assert checked > 0
