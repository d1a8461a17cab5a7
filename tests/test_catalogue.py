"""The catalogue of outputs (simulator/engine/catalogue.py) is the one list:
it and the projection name the same columns and key figures; each entry has
a unit, a label and a help text in both languages, a rule section that
exists in docs/rules.md, a function of its name in engine/lines (or kpis.py)
or the lines it sums, a display format, and a worked case; and the command
line, the comparison table and the app's Compare page show every key figure
of the three pilots alike."""
from __future__ import annotations

import importlib
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from simulator.cli.main import render_compare
from simulator.compare import side_by_side as cmp
from simulator.engine import catalogue, display
from simulator.engine.catalogue import COLUMNS, KPIS
from simulator.engine.projection import project
from simulator.i18n import LABELS
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
UNITS = {"eur", "eur_per_hour", "hours", "days", "persons", "person_months", "month", "share", "rate", "code"}
KINDS = {"accrual", "cash", "stock", "volume", "outside", "kpi"}   # outside: other parties' money (issue 13)
ENTRIES = [pytest.param(o, id=f"column:{o.name}") for o in COLUMNS.values()] + \
          [pytest.param(o, id=f"kpi:{o.name}") for o in KPIS.values()]


@lru_cache(maxsize=None)
def _pilots():
    return tuple(project(load(ROOT / "scenarios" / f"{p}.yaml")) for p in PILOTS)


def _headings() -> set[str]:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    return {m.group(1).strip() for m in re.finditer(r"^#{2,3} (.+)$", text, re.M)}


def test_projection_columns_are_the_catalogue():
    for p in _pilots():
        assert list(p.columns) == list(COLUMNS), (
            f"not in the catalogue: {sorted(set(p.columns) - set(COLUMNS))}; "
            f"catalogued but not projected: {sorted(set(COLUMNS) - set(p.columns))}")


def test_kpis_are_the_catalogue():
    for p in _pilots():
        assert set(p.kpis) == set(KPIS), (
            f"not in the catalogue: {sorted(set(p.kpis) - set(KPIS))}; "
            f"catalogued but not computed: {sorted(set(KPIS) - set(p.kpis))}")


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_is_complete(entry):
    assert entry.unit in UNITS, entry.unit
    assert entry.kind in KINDS, entry.kind
    assert (entry.kind == "kpi") == (entry.name in KPIS and entry is KPIS[entry.name])
    for key in {entry.label, entry.short, entry.help}:
        fi, en = LABELS.get(key, ("", ""))
        assert fi.strip() and en.strip(), f"{entry.name}: no Finnish and English text for {key!r}"
    assert entry.rule in _headings(), f"{entry.name}: docs/rules.md has no section {entry.rule!r}"
    assert isinstance(entry.decimals, int) and 0 <= entry.decimals <= 2
    assert entry.better in (None, "higher", "lower")


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_names_its_function_or_its_lines(entry):
    if entry.sums:
        assert entry.function is None and entry.total
        order = list(COLUMNS)
        for part in entry.sums:
            name = part.lstrip("-")
            assert name in COLUMNS, f"{entry.name} sums unknown line {name!r}"
            assert order.index(name) < order.index(entry.name), f"{entry.name} sums a later line {name!r}"
        return
    module, _, function = (entry.function or "").partition(".")
    assert module and function == entry.name, f"{entry.name}: its function must have its name, not {entry.function!r}"
    package = "simulator.engine" if entry.kind == "kpi" else "simulator.engine.lines"
    mod = importlib.import_module(f"{package}.{module}")
    fn = getattr(mod, function, None)
    assert callable(fn), f"{entry.name}: no function {package}.{entry.function}"
    assert (fn.__doc__ or "").strip(), f"{package}.{entry.function} has no docstring stating its rule"


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_has_a_format(entry):
    sample = {"month": "2024-03", "code": "irr_undefined"}.get(entry.unit, -1234.5678)
    if entry.kind == "kpi":
        if entry.unit == "code":
            return                       # a reason code is shown as its message, not formatted
        for lang in ("fi", "en"):
            text = display.format_value(entry.name, sample, lang)
            assert text and text != "–"
            assert display.format_value(entry.name, None, lang) == "–"
            assert display.format_difference(entry.name, sample, sample, lang) == "0"
    else:
        for lang in ("fi", "en"):
            assert display.format_line(entry.name, sample, lang) not in ("", "–")


def test_finnish_formats():
    assert display.format_value("npv", -1234.5) == "−1\u202f234 €"            # the sign in Finnish: U+2212
    assert display.format_value("cost_per_paid_hour", 17.175) in ("17,17 €", "17,18 €")
    assert display.format_value("subsidy_share", 0.034) == "3,4 %"
    assert display.format_value("paid_hours", 20150.0) == "20\u202f150 h"
    assert display.format_value("break_even_month", "2023-09") == "9/2023"
    assert display.format_difference("break_even_month", "2023-09", "2023-07") == "−2 kk"
    assert display.format_difference("subsidy_share", 0.034, 0.041) == "+0,7 %-yks."
    assert display.format_difference("total_costs", 100.0, 100.4) == "0"         # rounds to nothing
    assert display.format_difference("total_costs", 100.0, 1334.6) == "+1\u202f235 €"
    assert display.format_difference("npv", None, 1.0) == "–"


def _case_coverage():
    lines, kpis = set(), set()
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            for month_lines in (case.get("expect") or {}).values():
                lines |= set(month_lines)
            lines |= set(case.get("totals") or {})
            kpis |= set(case.get("kpis") or {})
    return lines, kpis


def test_every_output_has_a_worked_case():
    """The rule: every monthly column is expected by at least one line of a
    worked case in tests/cases/*.yaml (under ``expect`` or ``totals``), and
    every key figure under a case's ``kpis``; tests/test_cases.py checks them
    against hand arithmetic written beside them. The reference agreement
    (test_reference_agreement.py) compares every column with an independent
    implementation too, but it cannot stand in for a worked case: it covers
    all columns by construction, so it would never flag a line without one."""
    lines, kpis = _case_coverage()
    assert not set(COLUMNS) - lines, f"monthly columns without a worked case: {sorted(set(COLUMNS) - lines)}"
    assert not set(KPIS) - kpis, f"key figures without a worked case: {sorted(set(KPIS) - kpis)}"


def test_totals_are_their_declared_sums():
    p = _pilots()[0]
    for name, entry in COLUMNS.items():
        if entry.sums:
            expected = sum(-p.columns[k[1:]] if k.startswith("-") else p.columns[k] for k in entry.sums)
            assert p.columns[name] == pytest.approx(expected, abs=1e-6), name


def test_groups_name_catalogue_entries():
    for group in (catalogue.HEADLINE_KPIS, catalogue.TOTAL_KPIS, catalogue.LIVE_KPIS, catalogue.RUN_KPIS,
                  catalogue.COMPARED_KPIS):
        assert set(group) <= set(KPIS), group
    for group in (catalogue.SUMMARY_LINES, catalogue.YEARLY_LINES, catalogue.MAIN_LINES):
        assert set(group) <= set(COLUMNS), group


def _eur0_fi(v: float) -> str:
    """An independent Finnish whole-euro format: 1 234 € (narrow no-break space, U+2212 minus)."""
    text = f"{abs(round(v)):,}".replace(",", "\u202f") + " €"
    return ("−" + text) if round(v) < 0 else text


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_cli_compare_table_and_app_page_show_the_same_figures(lang):
    from ui.results import compare_table
    runs = list(_pilots())
    names = [p.scenario.name for p in runs]
    cli_lines = render_compare(runs, lang).splitlines()
    table = cmp.text_table(runs, lang)
    page = compare_table(runs, [p.scenario.model for p in runs], names, [n[:8] for n in names], lang)
    keys = list(catalogue.COMPARED_KPIS) + [f"result_{y}" for y in sorted(runs[0].kpis["result_by_year"])]
    for key in keys:
        row = cmp.row_label(key, lang)
        kpi = cmp.row_kpi(key)
        values = [p.kpis["result_by_year"][key[7:]] if kpi == "result_by_year" else p.kpis[key] for p in runs]
        expected = [display.format_value(kpi, v, lang) for v in values]
        if lang == "fi" and KPIS[kpi].unit == "eur":
            assert expected == [_eur0_fi(v) for v in values], key
        assert list(table.loc[row, names]) == expected, key
        assert list(page.loc[row, names]) == expected, key
        line = next(x for x in cli_lines if x.startswith(row + "  ") or x == row)
        cells = [c for c in re.split(r" {2,}", line[len(row):].strip())]
        assert cells == expected, (key, line)
