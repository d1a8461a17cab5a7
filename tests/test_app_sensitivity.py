"""The Herkkyys / Sensitivity page through ``streamlit.testing.v1.AppTest``:
tornado and two-way table, Monte Carlo, goal seek and its copy.

Expected figures come from the uncertainty library called directly on the
same scenario (``sensitivity.tornado``, ``montecarlo.run_montecarlo``,
``goal.solve``), formatted the Finnish way, and from the pilot YAML by hand
where noted."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import start_app
from streamlit.testing.v1 import AppTest
from test_app import PILOTS, pilot_hashes, user_dir  # noqa: F401  (fixtures: tmp user dir, pilots unchanged)

from simulator.engine.projection import project
from simulator.i18n import fmt_eur, fmt_percent, label
from simulator.model.loader import load
from simulator.uncertainty.goal import margin, parse_goal, solve
from simulator.uncertainty.montecarlo import run_montecarlo
from simulator.uncertainty.sensitivity import default_values, tornado, two_way

ROOT = Path(__file__).resolve().parent.parent
PAGE = "ui/pages/sensitivity.py"
VARKAUS = ROOT / "scenarios" / "varkaus_cooperative.yaml"
PRICE = "revenue[Siivous- ja kiinteistöpalvelut].price"


@pytest.fixture(autouse=True)
def local_mode(monkeypatch):
    """No users file and no workspace from the environment: the local user, the tmp user dir."""
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    monkeypatch.delenv("SIMULATOR_WORKSPACE", raising=False)


def page(tab: str | None = None, **query) -> AppTest:
    at = start_app(**query)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    if tab:
        at.session_state["sens-tab-fi"] = label(tab)
        at.run()
        assert not at.exception, at.exception
    return at


def spec(at: AppTest, key: str) -> dict:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id)
    return json.loads(chart.proto.spec)


def array(v) -> np.ndarray:
    """A Plotly data array: a list, or a typed array ``{"dtype", "bdata"}`` (base64)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
    return np.asarray(v, dtype=float)


def metric(at: AppTest, title: str) -> str:
    found = [m.value for m in at.metric if m.label == title]
    assert found, [m.label for m in at.metric]
    return found[0]


TABLES = {  # a table on the page -> a column only it has
    "sens-table": lambda: label("ua.swing"), "sens-dists": lambda: label("sens.dist.parameters"),
    "sens-percentiles": lambda: label("sens.mc.as_written"), "sens-two-way": lambda: "↓"}


def table(at: AppTest, key: str):
    """A table by what it shows (data frames carry no key in AppTest)."""
    want = TABLES[key]()
    frames = [d.value for d in at.dataframe
              if any(want in str(c) for c in getattr(d.value, "columns", getattr(d.value, "data", d.value).columns))]
    assert len(frames) == 1, [list(d.value.columns) for d in at.dataframe]
    return frames[0]


# ---------------------------------------------------------------- the page opens

@pytest.mark.parametrize("stem", PILOTS)
def test_page_opens_with_a_tornado_for_each_pilot(stem):
    at = page(s=stem)
    name = load(ROOT / "scenarios" / f"{stem}.yaml").name
    assert at.title[0].value == f"{label('sens.page')}: {name}"
    assert len(at.get("plotly_chart")) == 1                      # the tornado; the other tabs are not run
    assert not at.error


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("stem", PILOTS)
def test_every_tab_renders_for_each_pilot(stem, lang):
    at = page(s=stem, lang=lang)
    for tab in ("sens.tab.mc", "sens.tab.goal"):
        at.session_state[f"sens-tab-{lang}"] = label(tab, lang)
        at.run()
        assert not at.exception, (tab, at.exception)
        assert not at.error, (tab, [e.value for e in at.error])
    assert [b for b in at.button if b.key == "sens-goal-solve"]


def test_page_in_english_keeps_the_open_tab():
    at = page("sens.tab.goal")
    next(b for b in at.get("button_group") if b.key == "lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Sensitivity: Varkaus")
    assert at.session_state["sens-tab-en"] == "Goal seek"
    assert at.button(key="sens-goal-solve").label == "Solve"


# ---------------------------------------------------------------- tornado

def test_tornado_bars_match_the_library_for_varkaus():
    at = page()
    tr = tornado(load(VARKAUS), "npv", rel=0.2)
    fig = spec(at, "sens-tornado")
    low, high = fig["data"][0], fig["data"][1]
    assert len(low["y"]) == 10                                     # top 10 of the bars
    # the top bar is drawn last (Plotly lists categories bottom-up)
    assert low["y"][-1].replace("<br>", " ") == tr.bars[0].label("fi")
    assert low["text"][-1] == fmt_eur(tr.bars[0].kpi_low, 0) and high["text"][-1] == fmt_eur(tr.bars[0].kpi_high, 0)
    df = table(at, "sens-table")
    assert list(df[label("ua.assumption")]) == [b.label("fi") for b in tr.bars]
    # the price bar takes the scenario's bounds (uncertainty.sensitivity: low 22, high 30 €/h)
    row = df[df[label("ua.assumption")] == "Siivous- ja kiinteistöpalvelut: hinta"].iloc[0]
    assert (row[label("ua.base")], row[label("ua.low")], row[label("ua.high")]) == ("26 €/h", "22 €/h", "30 €/h")
    assert row[label("sens.bounds_from")] == label("sens.bounds_from.scenario")


def test_relative_bounds_follow_the_slider():
    at = page()
    at.slider(key="sens-rel").set_value(10).run()
    df = table(at, "sens-table")
    # M1's hourly wage 11,06 €/h ± 10 %: 11.06 × 0.9 = 9.954, 11.06 × 1.1 = 12.166
    row = df[df[label("ua.assumption")].str.startswith("M1: tuntipalkka")].iloc[0]
    assert (row[label("ua.low")], row[label("ua.high")]) == ("9,95 €/h", "12,17 €/h")


def test_changing_the_kpi_changes_the_first_bar():
    at = page()
    first_npv = table(at, "sens-table")[label("ua.assumption")].iloc[0]
    at.selectbox(key="sens-kpi").set_value("net_income:M3").run()
    assert not at.exception
    tr = tornado(load(VARKAUS), "net_income:M3", rel=0.2)
    first = table(at, "sens-table")[label("ua.assumption")].iloc[0]
    assert first == tr.bars[0].label("fi") != first_npv
    assert "M3" in first                            # the person's own pension moves their net income most
    assert "henkilön M3 nettotulot" in spec(at, "sens-tornado")["layout"]["title"]["text"]


def test_break_even_kpi_says_never_in_words():
    at = page()
    at.selectbox(key="sens-kpi").set_value("break_even_month").run()
    tr = tornado(load(VARKAUS), "break_even_month", rel=0.2)
    df = table(at, "sens-table")
    b = tr.bars[0]
    assert df[label("ua.kpi_low")].iloc[0] == (label("sens.never") if b.kpi_low is None else f"{b.kpi_low:.0f} kk")
    assert label("sens.never") in set(df[label("ua.kpi_low")]) | set(df[label("ua.kpi_high")])


def test_two_way_table_matches_the_library():
    at = page()
    sc = load(VARKAUS)
    tr = tornado(sc, "npv", rel=0.2)
    a, b = tr.bars[0].path, tr.bars[1].path                      # the defaults: the two largest bars
    assert (at.selectbox(key="sens-tw-a").value, at.selectbox(key="sens-tw-b").value) == (a, b)
    tw = two_way(sc, "npv", a, default_values(sc, a), b, default_values(sc, b))
    df = table(at, "sens-two-way")
    assert df.shape == (5, 6)                                    # 5 × 5 and the row-label column
    assert df.iloc[0, 1] == pytest.approx(tw.table[0, 0])
    assert df.iloc[4, 5] == pytest.approx(tw.table[4, 4])
    assert "(nyt)" in df.iloc[2, 0]                              # the middle row is the current value


# ---------------------------------------------------------------- Monte Carlo

def test_monte_carlo_matches_a_direct_run_and_is_not_recomputed(monkeypatch):
    from ui import sensitivity as sv
    calls = []
    real = sv.run_montecarlo

    def counting(*args, **kwargs):
        assert callable(kwargs.get("progress"))          # feeds the progress bar
        calls.append(kwargs.get("draws"))
        return real(*args, **kwargs)
    monkeypatch.setattr(sv, "run_montecarlo", counting)
    at = page("sens.tab.mc")
    assert "Siivous- ja kiinteistöpalvelut: hinta" in list(table(at, "sens-dists")[label("ua.assumption")])
    at.number_input(key="sens-draws-varkaus_cooperative").set_value(500)
    at.number_input(key="sens-seed-varkaus_cooperative").set_value(7)
    at.button(key="sens-mc-run").click().run()
    assert not at.exception and not at.error
    direct = run_montecarlo(load(VARKAUS), draws=500, seed=7)
    assert metric(at, label("sens.mc.p12")) == fmt_percent(direct.prob_negative_within(12), 1)
    assert metric(at, label("sens.mc.p24")) == fmt_percent(direct.prob_negative_within(24), 1)
    assert metric(at, label("sens.mc.p_all").format(n=60)) == fmt_percent(direct.prob_cash_negative, 1)
    pct = table(at, "sens-percentiles")
    for kpi, row in (("npv", "npv"), ("min_cash", "min_cash"), ("total_result", "total_result")):
        for p in (10, 50, 90):
            col = label("sens.mc.pcol").format(p=p)          # "10 %:n raja", not "P10"
            assert pct.loc[label(row), col] == fmt_eur(direct.kpi_percentiles[kpi][p], 0), (kpi, p)
    lows = [direct.kpi_percentiles["npv"][p] for p in (5, 10, 25, 50, 75, 90, 95)]
    assert lows == sorted(lows)
    fan = spec(at, "sens-fan")["data"]
    np.testing.assert_allclose(array(fan[2]["y"]), direct.cash_percentiles[50])   # the P50 line
    assert len(spec(at, "sens-break-even")["data"][0]["x"]) == len(direct.break_even_distribution)
    assert calls == [500]
    at.run()                                                                 # a re-render: no new run
    at.button(key="sens-mc-run").click().run()                               # the same inputs: kept result
    assert calls == [500]
    assert metric(at, label("sens.mc.p_all").format(n=60)) == fmt_percent(direct.prob_cash_negative, 1)
    at.number_input(key="sens-seed-varkaus_cooperative").set_value(8)
    at.button(key="sens-mc-run").click().run()
    assert calls == [500, 500]


def test_scenario_without_distributions_explains_and_edits_them():
    at = page("sens.tab.mc", s="mikkeli_subcontracting")
    assert any(label("sens.mc.none") == i.value for i in at.info)
    assert "uncertainty:" in at.code[0].value and "revenue[Alihankinta (pakkaus ja kokoonpano)].price" in at.code[0].value
    assert not [b for b in at.button if b.key == "sens-mc-run"]            # nothing to run
    key = at.data_editor[0].key
    price = "Alihankinta (pakkaus ja kokoonpano): hinta"
    # a mode outside low–high is refused, naming the row and the column; nothing applied
    at.session_state[key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"assumption": price, "kind": "kolmiojakauma", "low": "18", "mode": "20", "high": "19"}]}
    next(b for b in at.button if b.key.startswith("FormSubmitter:sens-dist-form")).click().run()
    assert f"Jakaumat, rivi 1, {label('sens.dist.mode_col')}" in at.error[0].value
    assert not [b for b in at.button if b.key == "sens-mc-run"]
    # a good one (decimal comma, wage growth typed in percent) is applied to the working copy
    at.session_state[key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"assumption": price, "kind": "kolmiojakauma", "low": "18", "mode": "20", "high": "23,5"},
        {"assumption": "palkkojen nousu/v", "kind": "normaalijakauma", "mean": "2,5", "sd": "1", "low": "0"}]}
    next(b for b in at.button if b.key.startswith("FormSubmitter:sens-dist-form")).click().run()
    assert not at.exception and not at.error
    dists = at.session_state["_ws"]["mikkeli_subcontracting"].current["uncertainty"]["distributions"]
    assert dists[0] == {"assumption": "revenue[Alihankinta (pakkaus ja kokoonpano)].price", "kind": "triangular",
                        "low": 18.0, "mode": 20.0, "high": 23.5}
    assert dists[1]["assumption"] == "assumptions.wage_growth" and dists[1]["mean"] == pytest.approx(0.025)
    at.number_input(key="sens-draws-mikkeli_subcontracting").set_value(300)
    at.button(key="sens-mc-run").click().run()
    assert not at.exception and len(at.get("plotly_chart")) == 2


# ---------------------------------------------------------------- goal seek

def goal_page(month: str = "2022-12") -> AppTest:
    at = page("sens.tab.goal")
    assert at.selectbox(key="sens-goal-path").value == PRICE              # default: the first line's price
    at.selectbox(key="sens-goal-month").set_value(month).run()
    at.button(key="sens-goal-solve").click().run()
    assert not at.exception
    return at


def test_goal_seek_shows_the_answer():
    at = goal_page()
    r = solve(load(VARKAUS), PRICE, "break_even_by:2022-12")
    assert metric(at, label("ua.solve.answer")) == r.value_text("fi")
    assert metric(at, label("ua.solve.direction")) == label("ua.solve.raise")
    assert metric(at, label("sens.goal.achieved.break_even_by")) == f"{int(r.achieved[5:])}/{r.achieved[:4]}"
    assert metric(at, label("ua.solve.iterations")) == str(r.iterations)
    assert r.value_text("fi") in at.success[0].value and "nostetaan" in at.success[0].value


def test_goal_already_met_says_so():
    at = page("sens.tab.goal")
    at.session_state["sens-goal-kind"] = "min_cash_at_least"
    at.run()
    # the pilot's lowest cash is about −4 500 € (docs/rules.md), above a −10 000 € floor
    assert project(load(VARKAUS)).kpis["min_cash"] > -10_000
    at.number_input(key="sens-goal-floor").set_value(-10_000.0).run()
    at.button(key="sens-goal-solve").click().run()
    assert not at.exception
    assert any("täyttää jo tavoitteen" in i.value for i in at.info), [i.value for i in at.info]
    assert not [b for b in at.button if b.key == "sens-goal-apply"]


def test_impossible_goal_says_so_in_plain_words():
    at = page("sens.tab.goal")
    at.segmented_control(key="sens-goal-kind").set_value("min_cash_at_least").run()
    at.number_input(key="sens-goal-floor").set_value(1_000_000.0)
    at.button(key="sens-goal-solve").click().run()
    assert not at.exception and not at.error
    text = at.warning[0].value
    assert "ei saavuteta" in text and "Siivous- ja kiinteistöpalvelut: hinta" in text
    assert "0 €/h – 130 €/h" in text           # the default range: 0 … 5 × 26 €/h
    assert not [b for b in at.button if b.key == "sens-goal-apply"]


def test_apply_to_a_copy_creates_a_user_scenario_that_meets_the_goal(user_dir, pilot_hashes):  # noqa: F811
    at = goal_page()
    at.button(key="sens-goal-apply").click().run()
    assert not at.exception
    path = user_dir / "varkaus_tyoosuuskunta_tavoite.yaml"
    assert path.exists()
    assert at.session_state["s"] == "varkaus_tyoosuuskunta_tavoite"
    assert at.title[0].value == f"{label('sens.page')}: Varkaus – työosuuskunta – tavoite"
    assert "base: varkaus_cooperative" in path.read_text(encoding="utf-8")
    copy = load(path)
    goal = parse_goal("break_even_by:2022-12")
    p = project(copy)
    assert margin(p, goal) >= 0 and p.kpis["break_even_month"] <= "2022-12"
    be = project(load(VARKAUS)).kpis["break_even_month"]
    assert be is None or be > "2022-12"                                     # the pilot did not meet it
    r = solve(load(VARKAUS), PRICE, "break_even_by:2022-12")
    assert next(x.price for x in copy.revenue if x.name.startswith("Siivous")) == pytest.approx(r.value)
    assert [x for x in at.get("page_link")]                                 # a link to open it
    assert not at.session_state["_ws"]["varkaus_cooperative"].dirty        # the pilot's working copy as it was
    # the same answer applied again from the pilot gets a new name
    at.session_state["s"] = "varkaus_cooperative"
    at.run()
    at.button(key="sens-goal-solve").click().run()
    at.button(key="sens-goal-apply").click().run()
    assert (user_dir / "varkaus_tyoosuuskunta_tavoite_2.yaml").exists()


def test_apply_to_a_copy_of_a_user_scenario_leaves_it_as_saved(user_dir, pilot_hashes):  # noqa: F811
    at = start_app()
    at.text_input(key="newname-varkaus_cooperative").set_value("Oma")
    at.button(key="saveas-varkaus_cooperative").click().run()
    saved = (user_dir / "oma.yaml").read_text(encoding="utf-8")
    at.switch_page(PAGE).run()
    at.session_state["sens-tab-fi"] = label("sens.tab.goal")
    at.run()
    at.selectbox(key="sens-goal-month").set_value("2022-12").run()
    at.button(key="sens-goal-solve").click().run()
    at.button(key="sens-goal-apply").click().run()
    assert not at.exception
    assert at.session_state["s"] == "oma_tavoite"
    assert (user_dir / "oma.yaml").read_text(encoding="utf-8") == saved
    assert not at.session_state["_ws"]["oma"].dirty
    copy = load(user_dir / "oma_tavoite.yaml")
    assert copy.name == "Oma – tavoite"
    assert project(copy).kpis["break_even_month"] <= "2022-12"
