"""What keeps an edit's rerun cheap (issue 17, "Twenty people at once";
measured by benchmarks/app_rerun.py and benchmarks/app_load.py): the
charts redrawn on every edit are built as plain dicts that plotly's own
validation accepts unchanged, the per-person household lines are made only
when a page asks for them, a scenario file is parsed once per version, the
rerun does no full garbage collection, and the chart code is preloaded."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from conftest import start_app

from simulator.engine.projection import project
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(tmp_path / "user"))


@pytest.mark.parametrize("stem", PILOTS)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_cash_chart_dict_is_what_plotly_validation_gives(stem, lang):
    from ui import charts
    p = project(load(ROOT / "scenarios" / f"{stem}.yaml"))
    saved = p.monthly.copy()
    saved["closing_cash"] = saved["closing_cash"] + 500.0
    for old in (None, saved):
        fast = charts.cash_chart(p.monthly, p.kpis, lang, old)
        checked = go.Figure(charts.cash_spec(p.monthly, p.kpis, lang, old))     # validates every property
        assert json.loads(pio.to_json(fast)) == json.loads(pio.to_json(checked))
        go.Figure(charts.mini_cash_spec(p.monthly, p.kpis, lang, old))           # raises if invalid
        assert fast.layout.title.text == charts.label("ui.ch.cash", lang)
    # the break-even line and its label where the scenario breaks even (Mikkeli: 2022-01)
    if p.kpis.get("break_even_month"):
        assert len(fast.layout.shapes) == 1 and len(fast.layout.annotations) == 1


def test_per_person_lines_are_made_only_on_demand(monkeypatch):
    from ui import engine_cache
    sc = load(ROOT / "scenarios" / "varkaus_cooperative.yaml")
    engine_cache._project.clear()
    engine_cache._people.clear()
    calls = []
    real = engine_cache._per_person
    monkeypatch.setattr(engine_cache, "_per_person", lambda p: calls.append(1) or real(p))
    run = engine_cache.run(sc)
    assert calls == []                          # the projection alone: what the Scenario page needs
    totals = engine_cache.per_person_totals([run], ["s"], "gross_pay")
    assert calls == [1]
    expected = real(project(sc)).groupby("person", sort=False)["gross_pay"].sum()
    assert totals["s"].to_dict() == pytest.approx(expected.to_dict())


def test_an_edit_on_the_scenario_page_makes_no_per_person_lines(monkeypatch):
    from ui import engine_cache

    def refuse(p):
        raise AssertionError("the Scenario page asked for the per-person lines")
    monkeypatch.setattr(engine_cache, "_per_person", refuse)
    at = start_app(s="varkaus_cooperative")
    key = next(d.key for d in at.data_editor if d.key and d.key.endswith("-emp"))
    at.session_state[key] = {"edited_rows": {0: {"hours_per_week": "21,5"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 1        # the live panel's small cash chart


def test_a_scenario_file_is_parsed_once_per_version(monkeypatch):
    from ui import storage
    storage._ENTRY_CACHE.clear()
    storage._MODEL_CACHE.clear()
    loads = []
    real = storage.load
    monkeypatch.setattr(storage, "load", lambda path: loads.append(Path(path).stem) or real(path))
    entries = {e.id: e for e in storage.catalogue()}
    storage.catalogue()
    full = storage.load_full(entries["varkaus_cooperative"])
    assert sorted(loads) == sorted(PILOTS)           # once each, not once per call
    assert full["name"] == load(ROOT / "scenarios" / "varkaus_cooperative.yaml").name


def test_no_full_garbage_collection_after_every_rerun():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["runner"]["postScriptGC"] is False


def test_the_chart_code_to_preload_is_found():
    from ui import preload
    mods = preload._chart_modules()
    assert len(mods) == 1 and mods[0].startswith("./static/js/PlotlyChart."), mods
