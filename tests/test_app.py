"""The Streamlit app through ``streamlit.testing.v1.AppTest``.

Edits in ``st.data_editor`` are simulated by writing the editor's edit
state (``edited_rows``/``added_rows``/``deleted_rows``) into session state,
which is what the browser sends; the values are the text a user types.
"""
from __future__ import annotations

import json

import copy
import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest
from conftest import start_app
from streamlit.testing.v1 import AppTest

from simulator.engine.projection import project
from simulator.i18n import fmt_eur, fmt_month, label
from simulator.model.loader import load
from simulator.model.problems import validate

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
PAGES = ("ui/pages/start.py", "ui/pages/scenario.py", "ui/pages/results.py", "ui/pages/sensitivity.py", "ui/pages/compare.py",
         "ui/pages/person.py", "ui/pages/parameters.py", "ui/pages/help.py")


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch):
    d = tmp_path / "user"
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(d))
    return d


@pytest.fixture
def pilot_hashes():
    def digest():
        return {p: hashlib.sha256((ROOT / "scenarios" / f"{p}.yaml").read_bytes()).hexdigest() for p in PILOTS}
    before = digest()
    yield
    assert digest() == before, "a pilot scenario file was changed"


def start(**query) -> AppTest:
    return start_app(**query)


def editor_key(at: AppTest, table: str) -> str:
    keys = [d.key for d in at.data_editor if d.key and d.key.endswith(f"-{table}")]
    assert len(keys) == 1, [d.key for d in at.data_editor]
    return keys[0]


def edit(at: AppTest, table: str, edited=None, added=None, deleted=None) -> AppTest:
    at.session_state[editor_key(at, table)] = {"edited_rows": edited or {}, "added_rows": added or [],
                                               "deleted_rows": deleted or []}
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, title: str) -> str:
    found = [m.value for m in at.metric if m.label == title]
    assert found, [m.label for m in at.metric]
    return found[0]


def language(at: AppTest):
    return next(b for b in at.get("button_group") if b.key == "lang")


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


def pilot_dict(stem: str) -> dict:
    d = load(ROOT / "scenarios" / f"{stem}.yaml").model_dump(mode="json")
    d.pop("base", None)
    return d


def first_employment(d: dict) -> dict:
    """The first row of the Palkkatyö table: M1's employment in the Varkaus pilot."""
    return next(ph for ph in d["people"][0]["phases"] if ph["kind"] == "employment")


# ---------------------------------------------------------------- every page

@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page, lang):
    at = start(lang=lang)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title, page


@pytest.mark.parametrize("stem", PILOTS)
def test_scenario_and_results_render_for_each_pilot(stem):
    at = start(s=stem)
    assert load(ROOT / "scenarios" / f"{stem}.yaml").name in at.title[0].value
    at.switch_page("ui/pages/results.py").run()
    assert not at.exception
    kpis = project(load(ROOT / "scenarios" / f"{stem}.yaml")).kpis
    assert metric(at, label("total_result")) == fmt_eur(kpis["total_result"], 0)
    assert len(at.get("plotly_chart")) == 5


def test_every_group_tab_renders():
    at = start()
    for title in ("ui.groups.people", "ui.groups.revenue", "ui.groups.costs", "ui.groups.grants",
                  "ui.groups.financing", "ui.groups.general"):
        at.session_state["group-fi"] = label(title)
        at.run()
        assert not at.exception, title


# ---------------------------------------------------------------- editing moves the KPIs

def test_editing_hours_changes_kpis_to_engine_values():
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    expected = pilot_dict("varkaus_cooperative")
    first_employment(expected)["hours_per_week"] = 20.0
    kpis = project(validate(expected)).kpis
    saved = project(load(ROOT / "scenarios" / "varkaus_cooperative.yaml")).kpis
    assert kpis["total_result"] != saved["total_result"]
    assert metric(at, label("total_result")) == fmt_eur(kpis["total_result"], 0)
    assert metric(at, label("npv")) == fmt_eur(kpis["npv"], 0)
    delta = [m.delta for m in at.metric if m.label == label("total_result")][0]
    assert delta.startswith("+" if kpis["total_result"] > saved["total_result"] else "-")
    # the results page shows the same edited version
    at.switch_page("ui/pages/results.py").run()
    assert metric(at, label("total_result")) == fmt_eur(kpis["total_result"], 0)
    assert metric(at, label("ui.kpi.break_even_month")) == (fmt_month(kpis["break_even_month"])
                                                           if kpis["break_even_month"] else "–")


def test_general_assumptions_form_in_percent():
    at = start()
    at.session_state["group-fi"] = label("ui.groups.general")
    at.run()
    field = next(ti for ti in at.text_input if ti.label == label("f.discount_rate"))
    field.set_value("5")
    next(b for b in at.button if b.label == label("ui.apply")).click()
    at.run()
    assert not at.exception
    expected = pilot_dict("varkaus_cooperative")
    expected["assumptions"]["discount_rate"] = 0.05
    assert metric(at, label("npv")) == fmt_eur(project(validate(expected)).kpis["npv"], 0)


def test_adding_and_deleting_rows():
    at = start()
    at.session_state["group-fi"] = label("ui.groups.costs")
    at.run()
    edit(at, "overheads", added=[{"name": "Uusi vuokra", "kind": "monthly", "amount": "1 000,50"}])
    expected = pilot_dict("varkaus_cooperative")
    expected["overheads"].append({"name": "Uusi vuokra", "kind": "monthly", "amount": 1000.5})
    assert metric(at, label("total_result")) == fmt_eur(project(validate(expected)).kpis["total_result"], 0)
    at2 = start()
    at2.session_state["group-fi"] = label("ui.groups.costs")
    at2.run()
    edit(at2, "overheads", deleted=[0])
    expected = pilot_dict("varkaus_cooperative")
    del expected["overheads"][0]
    assert metric(at2, label("total_result")) == fmt_eur(project(validate(expected)).kpis["total_result"], 0)


def test_typing_the_original_value_back_restores_it():
    at = start()
    saved = metric(at, label("total_result"))
    key = editor_key(at, "emp")
    at.session_state[key] = {"edited_rows": {0: {"hours_per_week": "20"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert metric(at, label("total_result")) != saved
    # the browser drops an edit that equals the original value: the delta is empty again
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert metric(at, label("total_result")) == saved


# ---------------------------------------------------------------- decimal comma

@pytest.mark.parametrize("typed, value", [("23,4", 23.4), ("23.4", 23.4), ("1 234,5", 1234.5),
                                          ("1\u202f234,5 €", 1234.5), ("1.234,5", 1234.5)])
def test_decimal_comma_in_data_editor_is_never_multiplied(typed, value):
    """Streamlit's numeric cells turn a pasted "23,4" into 234 (streamlit#7866);
    the app edits numbers as text and reads the comma as the decimal separator."""
    at = start()
    edit(at, "emp", edited={0: {"hourly_wage": typed}})
    assert not errors(at)
    expected = pilot_dict("varkaus_cooperative")
    first_employment(expected)["hourly_wage"] = value
    assert metric(at, label("total_result")) == fmt_eur(project(validate(expected)).kpis["total_result"], 0)
    changes = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert f"11,06 → {str(value).replace('.', ',')}" in changes


def test_edits_survive_leaving_the_page_and_are_shown_with_a_decimal_comma():
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "23,4"}})
    edited = metric(at, label("total_result"))
    at.switch_page("ui/pages/results.py").run()
    at.switch_page("ui/pages/scenario.py").run()
    assert metric(at, label("total_result")) == edited
    at.run()
    assert metric(at, label("total_result")) == edited
    frame = next(d for d in at.data_editor if d.key.endswith("-emp")).value
    assert frame["hours_per_week"].iloc[0] == "23,4"


def test_edits_survive_switching_tabs():
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    edited = metric(at, label("total_result"))
    at.session_state["group-fi"] = label("ui.groups.revenue")
    at.run()
    at.run()
    assert metric(at, label("total_result")) == edited
    at.session_state["group-fi"] = label("ui.groups.people")
    at.run()
    at.run()
    assert metric(at, label("total_result")) == edited
    edit(at, "emp", edited={1: {"hours_per_week": "20"}})     # a second edit on top of the first
    expected = pilot_dict("varkaus_cooperative")
    expected["people"][0]["phases"][1]["hours_per_week"] = 20.0
    expected["people"][1]["phases"][1]["hours_per_week"] = 20.0
    assert metric(at, label("total_result")) == fmt_eur(project(validate(expected)).kpis["total_result"], 0)


def test_successive_edits_accumulate_in_the_same_editor():
    at = start()
    key = editor_key(at, "emp")
    at.session_state[key] = {"edited_rows": {0: {"hours_per_week": "20"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert editor_key(at, "emp") == key            # the grid keeps its key: not rebuilt while typing
    at.session_state[key] = {"edited_rows": {0: {"hours_per_week": "20"}, 1: {"hours_per_week": "20"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    expected = pilot_dict("varkaus_cooperative")
    expected["people"][0]["phases"][1]["hours_per_week"] = 20.0
    expected["people"][1]["phases"][1]["hours_per_week"] = 20.0
    assert metric(at, label("total_result")) == fmt_eur(project(validate(expected)).kpis["total_result"], 0)
    at.button(key="undo-varkaus_cooperative").click().run()
    assert editor_key(at, "emp") != key            # undo rebuilds the editors
    expected["people"][1]["phases"][1]["hours_per_week"] = 15.0
    assert metric(at, label("total_result")) == fmt_eur(project(validate(expected)).kpis["total_result"], 0)


def test_ambiguous_number_is_refused_in_english():
    at = start(lang="en")
    edit(at, "emp", edited={0: {"hourly_wage": "1,234"}})
    assert "ambiguous" in errors(at)
    at.switch_page("ui/pages/results.py").run()
    saved = project(load(ROOT / "scenarios" / "varkaus_cooperative.yaml")).kpis
    assert metric(at, label("total_result", "en")) == fmt_eur(saved["total_result"], 0, "en")


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("typed, words", [("-5", "vähintään 0"), ("abc", "ei ole luku"),
                                          ("70", "enintään 60")])
def test_invalid_hours_are_shown_next_to_the_table_and_not_applied(typed, words, user_dir, pilot_hashes):
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": typed}})
    msg = errors(at)
    assert words in msg and "Palkkatyö, rivi 1 (M1 · 7/2022) · Tunnit/vko" in msg
    saved = project(load(ROOT / "scenarios" / "varkaus_cooperative.yaml")).kpis
    assert metric(at, label("total_result")) == fmt_eur(saved["total_result"], 0)
    # nothing is saved while the problem is there
    at.text_input(key="newname-varkaus_cooperative").set_value("Virheellinen")
    at.button(key="saveas-varkaus_cooperative").click().run()
    assert label("ui.msg.fix_first") in errors(at)
    assert not saved_files(user_dir)


def test_invalid_form_value_is_shown_under_the_field():
    at = start()
    at.session_state["group-fi"] = label("ui.groups.general")
    at.run()
    next(ti for ti in at.text_input if ti.label == label("f.discount_rate")).set_value("150")
    next(b for b in at.button if b.label == label("ui.apply")).click()
    at.run()
    assert "enintään 100 %" in errors(at)
    next(ti for ti in at.text_input if ti.label == label("f.start_month")).set_value("13/2024")
    next(b for b in at.button if b.label == label("ui.apply")).click()
    at.run()
    assert "kk/vvvv" in errors(at).lower() or "KK/VVVV" in errors(at)


def test_overlapping_phases_are_explained():
    at = start()
    edit(at, "emp", edited={0: {"start": "5/2022"}})
    assert "menee päällekkäin" in errors(at) and "Työtoiminta ja avotyö, rivi 1" in errors(at)


# ---------------------------------------------------------------- saving

def saved_files(user_dir) -> list:
    """What a save wrote into the workspace (the drafts folder is the unsaved edit, kept on purpose)."""
    return [p for p in user_dir.iterdir() if p.name != ".drafts"] if user_dir.exists() else []


def test_save_on_a_pilot_is_refused(user_dir, pilot_hashes):
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    at.button(key="save-varkaus_cooperative").click().run()
    assert label("ui.msg.pilot_readonly") in "\n".join(w.value for w in at.warning)
    assert not saved_files(user_dir)


@pytest.mark.parametrize("name", ["Varkaus – työosuuskunta", "varkaus_cooperative", "Mikkeli cooperative",
                                  "PIEKSÄMÄKI – palkkatyömalli", "   "])
def test_save_as_new_refuses_pilot_names(name, user_dir, pilot_hashes):
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    at.text_input(key="newname-varkaus_cooperative").set_value(name)
    at.button(key="saveas-varkaus_cooperative").click().run()
    if name.strip() == "Mikkeli cooperative":   # a new name: allowed
        assert (user_dir / "mikkeli_cooperative.yaml").exists()
        return
    assert errors(at)
    assert not saved_files(user_dir)


def test_save_as_new_stores_overrides_and_reopens(user_dir, pilot_hashes):
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    at.text_input(key="newname-varkaus_cooperative").set_value("Varkaus 20 h/vko")
    at.button(key="saveas-varkaus_cooperative").click().run()
    assert not at.exception
    path = user_dir / "varkaus_20_h_vko.yaml"
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert "base: varkaus_cooperative" in text and "hours_per_week: 20.0" in text
    assert "overheads" not in text            # only what changed is stored
    assert at.session_state["s"] == "varkaus_20_h_vko"
    assert "Varkaus 20 h/vko" in at.title[0].value
    expected = pilot_dict("varkaus_cooperative")
    first_employment(expected)["hours_per_week"] = 20.0
    expected["name"] = "Varkaus 20 h/vko"
    got = load(path).model_dump(mode="json")
    got.pop("base")
    assert got == expected
    # a new session (a link with ?s=) opens it with the change kept
    again = start(s="varkaus_20_h_vko")
    assert "Varkaus 20 h/vko" in again.title[0].value
    frame = next(d for d in again.data_editor if d.key.endswith("-emp")).value
    assert frame["hours_per_week"].iloc[0] == "20"
    # the pilot is untouched in the app too
    again.switch_page("ui/pages/scenario.py")
    pilot = start()
    frame = next(d for d in pilot.data_editor if d.key.endswith("-emp")).value
    assert frame["hours_per_week"].iloc[0] == "15"


def test_save_user_scenario_then_edit_again(user_dir, pilot_hashes):
    at = start()
    at.text_input(key="newname-varkaus_cooperative").set_value("Oma")
    at.button(key="saveas-varkaus_cooperative").click().run()
    edit(at, "emp", edited={1: {"hourly_wage": "12,5"}})
    at.button(key="save-oma").click().run()
    assert not at.exception
    assert "hourly_wage: 12.5" in (user_dir / "oma.yaml").read_text(encoding="utf-8")
    assert not [w for w in at.warning if label("ui.msg.pilot_readonly") in w.value]


# ---------------------------------------------------------------- undo, reset

def test_undo_and_reset():
    at = start()
    saved = metric(at, label("total_result"))
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    after_one = metric(at, label("total_result"))
    edit(at, "emp", edited={0: {"hours_per_week": "20"}, 1: {"hours_per_week": "20"}})
    assert metric(at, label("total_result")) != after_one
    at.button(key="undo-varkaus_cooperative").click().run()
    assert metric(at, label("total_result")) == after_one
    at.button(key="reset-varkaus_cooperative").click().run()
    assert metric(at, label("total_result")) == saved
    at.button(key="undo-varkaus_cooperative").click().run()      # the reset itself can be undone
    assert metric(at, label("total_result")) == after_one
    at.button(key="revert-varkaus_cooperative").click().run()
    assert metric(at, label("total_result")) == saved


# ---------------------------------------------------------------- language, links

def test_switching_language_changes_labels():
    at = start()
    assert at.title[0].value.startswith("Skenaario")
    language(at).set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Scenario")
    assert any(m.label == "Total result" for m in at.metric)
    assert at.query_params.get("lang") in ("en", ["en"])


def test_switching_language_keeps_the_scenario():
    at = start(s="mikkeli_subcontracting")
    language(at).set_value("en").run()
    assert at.title[0].value.startswith("Scenario: Mikkeli")
    at.switch_page("ui/pages/results.py").run()
    assert at.title[0].value.startswith("Results: Mikkeli")
    language(at).set_value("fi").run()
    assert at.title[0].value.startswith("Tulokset: Mikkeli")


def test_link_opens_the_scenario_and_page():
    at = start(s="mikkeli_subcontracting")
    assert "Mikkeli" in at.title[0].value
    assert at.session_state["s"] == "mikkeli_subcontracting"


# ---------------------------------------------------------------- results, compare, parameters

def test_csv_download_is_finnish_and_complete():
    from ui.results import csv_bytes
    p = project(load(ROOT / "scenarios" / "varkaus_cooperative.yaml"))
    raw = csv_bytes(p.scenario, "fi")
    assert raw.startswith("\ufeff".encode())
    df = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == 60 and label("closing_cash") in df.columns
    assert df[label("closing_cash")].iloc[-1] == pytest.approx(p.monthly["closing_cash"].iloc[-1], abs=0.01)
    en = pd.read_csv(io.BytesIO(csv_bytes(p.scenario, "en")))    # standard dialect: engine keys
    assert "closing_cash" in en.columns
    at = start()
    at.switch_page("ui/pages/results.py").run()
    assert at.get("download_button")
    assert not at.dataframe                       # the monthly table is drawn when opened
    at.session_state["monthly-table"] = True
    at.run()
    table = at.dataframe[0].value
    assert len(table) == 60 and label("closing_cash") in table.columns


def test_excel_download_builds_a_workbook():
    import openpyxl
    from ui.results import xlsx_bytes
    raw = xlsx_bytes([load(ROOT / "scenarios" / f"{p}.yaml") for p in PILOTS[:2]], "fi")
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    assert len(wb.sheetnames) > 2
    at = start()
    at.switch_page("ui/pages/compare.py").run()
    assert any(b.key == "cmp-xlsx" for b in at.get("download_button"))


def test_compare_page_shows_the_three_pilots_and_differences():
    at = start()
    at.switch_page("ui/pages/compare.py").run()
    table = at.table[0].value
    names = [load(ROOT / "scenarios" / f"{p}.yaml").name for p in PILOTS]
    for n in names:
        assert n in table.columns
    assert any(c.startswith("Ero") for c in table.columns)
    kpis = project(load(ROOT / "scenarios" / "mikkeli_subcontracting.yaml")).kpis
    assert table.loc[label("total_result"), names[1]] == fmt_eur(kpis["total_result"], 0)
    assert len(at.get("plotly_chart")) == 6          # five, and the public purse by payer
    at.multiselect(key="cmp").unselect("pieksamaki_salaried").run()
    assert not at.exception and len(at.table[0].value.columns) == 3


def test_compare_uses_edited_version():
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    at.switch_page("ui/pages/compare.py").run()
    table = at.table[0].value
    assert any(label("ui.edited") in c for c in table.columns)


# ---------------------------------------------------------------- person page and public purse

PEOPLE = ("M1", "M2", "M3", "M4", "M5", "M6", "M7")


def person_page(**query) -> AppTest:
    at = start(**query)
    at.switch_page("ui/pages/person.py").run()
    assert not at.exception, at.exception
    return at


def person_metrics(at: AppTest, title_key: str) -> list:
    return [m.value for m in at.metric if m.label == label(title_key)]


@pytest.mark.parametrize("pid", PEOPLE)
def test_person_page_renders_for_each_pilot_person(pid):
    from simulator.person import person_view
    at = person_page()
    at.selectbox(key="per-person").set_value(pid).run()
    assert not at.exception, at.exception
    assert at.title[0].value == f"{label('ui.page.person')}: {pid}"
    views = [person_view(load(ROOT / "scenarios" / f"{p}.yaml"), pid) for p in PILOTS]
    assert person_metrics(at, "ui.per.kpi.net") == [fmt_eur(v.summary()["net_income_per_month"], 0) for v in views]
    table = at.table[0].value
    for p, v in zip(PILOTS, views):
        name = load(ROOT / "scenarios" / f"{p}.yaml").name
        assert table.loc[label("ui.total"), name] == fmt_eur(v.lines["net_income"].sum(), 0)
    # by month, each model's income, benefits and fees, and the curve when there is paid work
    assert len(at.get("plotly_chart")) in (1 + len(PILOTS), 2 + len(PILOTS))
    main = [e for e in list(at.main.warning) + list(at.main.info)]
    assert main                                         # warnings, or "no warnings" (the sidebar's local-mode note excluded)


def test_switching_person_changes_the_figures():
    at = person_page()
    assert at.title[0].value.endswith("M1")
    before = (person_metrics(at, "ui.per.kpi.net"), at.table[0].value.to_dict())
    at.selectbox(key="per-person").set_value("M3").run()
    assert not at.exception and at.title[0].value.endswith("M3")
    assert at.query_params.get("p") in ("M3", ["M3"])
    after = (person_metrics(at, "ui.per.kpi.net"), at.table[0].value.to_dict())
    assert after[0] != before[0] and after[1] != before[1]


def test_person_link_opens_the_person_and_one_model():
    at = person_page(p="M3", ps="mikkeli_subcontracting")
    assert at.title[0].value.endswith("M3")
    assert at.session_state["per-cmp"] == ["mikkeli_subcontracting"]
    assert len(person_metrics(at, "ui.per.kpi.net")) == 1


def test_person_page_shows_the_cliff_and_the_pension_warning():
    from simulator.person import pension_cliff, person_view
    at = person_page(p="M3")
    sc = load(ROOT / "scenarios" / "varkaus_cooperative.yaml")
    v = person_view(sc, "M3")
    c = pension_cliff(sc, v.person, v.first_paid_year(), None, None, v.baseline)
    # Plotly's JSON escapes non-ASCII unless orjson is installed: compare decoded text
    fig = json.dumps(json.loads(at.get("plotly_chart")[-1].proto.spec), ensure_ascii=False)
    assert "Nettotulot työtuntien mukaan" in fig and "Ansioraja" in fig
    text = "\n".join(m.value for m in at.markdown)
    assert f"{c.limit_hours:.1f}".replace(".", ",")[:-1] in text       # the hours under the limit, in words
    notes = [n.text("fi") for n in v.all_notes()]
    shown = "\n".join(w.value for w in at.warning)
    assert all(n in shown for n in notes)


def test_person_page_follows_an_edit_and_warns_in_plain_finnish():
    from simulator.person import person_view
    at = start()
    edit(at, "emp", edited={2: {"hours_per_week": "25"}})          # M3 in Varkaus: pay over the limit
    at.switch_page("ui/pages/person.py").run()
    at.selectbox(key="per-person").set_value("M3").run()
    assert not at.exception, at.exception
    d = pilot_dict("varkaus_cooperative")
    next(ph for ph in d["people"][2]["phases"] if ph["kind"] == "employment")["hours_per_week"] = 25.0
    v = person_view(validate(d), "M3")
    notes = [n.text("fi") for n in v.all_notes()]
    assert any("ansiorajan" in n for n in notes)
    shown = "\n".join(w.value for w in at.warning)
    assert label("ui.edited") in shown and all(n in shown for n in notes)
    assert person_metrics(at, "ui.per.kpi.rest")[0] == str(int(v.summary()["pension_rest_months"]))
    language(at).set_value("en").run()
    shown = "\n".join(w.value for w in at.warning)
    assert all(n.text("en") in shown for n in v.all_notes())


MIKKELI = ROOT / "scenarios" / "mikkeli_subcontracting.yaml"


@pytest.mark.parametrize("pid, benefits", [
    ("M1", ("hoitotuki", "pensioners_housing_allowance")),               # disability pensioner
    ("M6", ("labour_market_support", "general_housing_allowance")),      # unemployed, no pension
])
def test_person_page_shows_the_household_benefits_and_tax_rates(pid, benefits):
    """Mikkeli's M1 and M6: the benefit rows with the engine's yearly sums and
    total, disposable income against the status quo, the two tax rates in
    words; Finnish only."""
    from test_messages import STOP, _texts
    from simulator.i18n import fmt_percent
    from simulator.person import person_view
    at = person_page(p=pid, ps="mikkeli_subcontracting")
    v = person_view(load(MIKKELI), pid)
    y, s = v.yearly(), v.summary()
    table = next(tb.value for tb in at.table if label("person.disposable_income") in tb.value.index)
    assert list(table.columns) == [str(x) for x in y["year"]] + [label("ui.total")]
    for k in benefits + ("disposable_income", "status_quo_disposable_income"):
        row = table.loc[label(f"person.{k}")]
        assert list(row) == [fmt_eur(x, 0) for x in y[k]] + [fmt_eur(v.monthly()[k].sum(), 0)], k
        assert v.lines.get(k, v.monthly()[k]).sum() > 100             # a real benefit, not an empty row
    fees = table.loc[label("person.view.less").format(name=label("person.work_activity_fees"))]
    assert list(fees)[-1] == fmt_eur(v.lines["work_activity_fees"].sum(), 0)
    assert table.loc[label("person.marginal_tax_rate"), label("ui.total")] == fmt_percent(s["marginal_tax_rate_mean"], 0)
    assert table.loc[label("person.participation_tax_rate"), label("ui.total")] == fmt_percent(
        s["participation_tax_rate"], 0)
    # a benefit the person does not get is not a row (M1 has no labour-market support, M6 no pension)
    absent = "labour_market_support" if pid == "M1" else "kela_pension"
    assert label(f"person.{absent}") not in table.index
    # the rates in words: of an extra 100 € of pay, what is left in hand
    text = "\n".join(m.value for m in at.markdown)
    assert label("person.view.mtr_text").format(kept=fmt_eur(s["marginal_kept_per_100"], 0)) in text
    assert "Lisätyön 100 eurosta jää käteen" in text
    assert label("person.view.ptr_text").format(kept=fmt_eur(s["participation_kept_per_100"], 0)) in text
    # by month: the engine's first month
    month = next(d.value for d in at.dataframe if label(f"person.{benefits[1]}") in d.value.columns)
    assert month[label(f"person.{benefits[1]}")].iloc[0] == fmt_eur(v.monthly()[benefits[1]].iloc[0], 0)
    # the stacked chart names each benefit
    figs = [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")]
    assert any(all(label(f"person.{k}") in f for k in benefits) for f in figs)
    texts = _texts(at)
    bad = [line for line in texts.splitlines() if any(w in line for w in STOP)]
    assert not bad, "\n".join(bad[:10])
    assert "Labour-market" not in texts and "housing allowance" not in texts and "tax rate" not in texts


def test_person_page_in_english():
    at = person_page(lang="en")
    assert at.title[0].value.startswith("Person: ")
    assert [m.label for m in at.metric].count("Net income (avg €/month)") == 3
    assert any("Staying in work activity" in c for c in at.table[0].value.columns)
    language(at).set_value("fi").run()
    assert not at.exception and at.title[0].value.startswith("Henkilö: ")
    assert any(m.label == "Nettotulot (keskim. €/kk)" for m in at.metric)


def test_compare_page_shows_the_public_purse():
    from simulator.person import public_purse
    at = start()
    at.switch_page("ui/pages/compare.py").run()
    assert label("public.title") in [s.value for s in at.subheader]
    table = next(tb.value for tb in at.table if label("public.net_public_cost") in tb.value.index)
    names = [load(ROOT / "scenarios" / f"{p}.yaml").name for p in PILOTS]
    for p, n in zip(PILOTS, names):
        k = public_purse(load(ROOT / "scenarios" / f"{p}.yaml")).kpis()
        assert table.loc[label("public.net_public_cost"), n] == fmt_eur(k["net_public_cost"], 0)
        assert table.loc[label("public.net_cost_per_paid_hour"), n] == fmt_eur(k["net_cost_per_paid_hour"], 2)
    assert label("public.net_kela") in table.index and any(c.startswith("Ero") for c in table.columns)
    assert any(m.label == label("ui.pub.per_person_year") for m in at.metric)
    # each party's result and its difference from the status quo, read from simulator.parties
    from simulator.engine.projection import project
    from simulator.parties import parties
    # (the last such table: the verdict's tables above it name the parties too)
    ptable = [tb.value for tb in at.table if label("party.county") in tb.value.index][-1]
    P = parties(project(load(ROOT / "scenarios" / f"{PILOTS[0]}.yaml")))
    assert ptable.loc[label("party.county"), names[0]] == fmt_eur(P.total("county"), 0)
    language(at).set_value("en").run()
    assert "Public purse" in [s.value for s in at.subheader]
    assert any("Net public cost" in tb.value.index for tb in at.table)


def test_parameters_page_marks_estimates_and_links_sources():
    import datetime as dt
    at = start()
    at.switch_page("ui/pages/parameters.py").run()
    at.date_input(key="pday").set_value(dt.date(2023, 7, 1)).run()
    assert not at.exception
    df = at.dataframe[0].value
    assert len(df) > 20 and df["source"].notna().any()
    at.toggle(key="pest").set_value(True).run()
    only = at.dataframe[0].value
    assert len(only) < len(df) and (only["estimate"] != "").all()
    at.toggle(key="pest").set_value(False)
    at.text_input(key="psearch").set_value("palkkatuki").run()
    found = at.dataframe[0].value
    assert 0 < len(found) < len(df) and found["name"].str.startswith("palkkatuki").all()


def test_engine_call_is_cached_by_content():
    from ui import engine_cache
    sc = load(ROOT / "scenarios" / "varkaus_cooperative.yaml")
    engine_cache._project.clear()
    a = engine_cache.run(sc)
    b = engine_cache.run(copy.deepcopy(sc))
    assert a.kpis == b.kpis
    assert engine_cache.run(sc.model_copy(update={"opening_cash": 1000.0})).kpis["closing_cash"] == \
        pytest.approx(a.kpis["closing_cash"] + 1000.0, abs=0.01)


# ---------------------------------------------------------------- the non-Streamlit parts of ui/

@pytest.mark.parametrize("text, lang, value", [
    ("23,4", "fi", 23.4), ("23.4", "fi", 23.4), ("1 234,56", "fi", 1234.56), ("1\u00a0234,56", "fi", 1234.56),
    ("1.234,56", "fi", 1234.56), ("1,234.56", "en", 1234.56), ("−5", "fi", -5.0), ("12 €", "fi", 12.0),
    ("2,5 %", "fi", 2.5), ("1,234", "fi", 1.234), ("", "fi", None), (" ", "fi", None), (7, "fi", 7.0)])
def test_parse_number(text, lang, value):
    from ui.inputs import parse_number
    assert parse_number(text, lang) == value


@pytest.mark.parametrize("text, lang", [("abc", "fi"), ("1,2,3", "fi"), ("1.2.3", "fi"), ("1,234", "en"),
                                        ("1e5", "fi"), ("nan", "fi"), ("--1", "fi")])
def test_parse_number_refuses_what_it_cannot_read_for_sure(text, lang):
    from ui.inputs import InputError, parse_number
    with pytest.raises(InputError):
        parse_number(text, lang)


def test_months_and_percent_round_trip():
    from ui.inputs import month_text, parse_month, parse_percent, percent_text
    assert parse_month("3/2024") == parse_month("03.2024") == parse_month("2024-03") == "2024-03"
    assert month_text("2024-03", "fi") == "3/2024"
    for x in (0.025, 0.244, 0.0345, 0.2):
        assert parse_percent(percent_text(x, "fi"), "fi") == pytest.approx(x, abs=1e-15)


@pytest.mark.parametrize("stem", PILOTS)
def test_user_scenario_is_stored_as_overrides_that_reproduce_it(stem, user_dir, pilot_hashes):
    from ui import storage
    cur = pilot_dict(stem)
    cur["name"] = f"Oma {stem}"
    cur["assumptions"]["discount_rate"] = 0.05
    cur["people"][2]["phases"][0]["end"] = None
    cur["overheads"].append({"name": "Uusi", "kind": "monthly", "amount": 10.0})
    del cur["people"][6]
    cur = storage.dump(validate(cur))
    doc = storage.document(cur, stem)
    assert doc["base"] == stem and "revenue" not in doc
    path = storage.write(storage.target_for_new(cur["name"]), cur, stem)
    assert storage.dump(load(path)) == cur


def test_renamed_item_falls_back_to_a_full_file(user_dir):
    from ui import storage
    cur = pilot_dict("varkaus_cooperative")
    cur["revenue"][0]["name"] = "Uusi nimi"
    cur = storage.dump(validate(cur))
    assert "base" not in storage.document(cur, "varkaus_cooperative")
    path = storage.write(user_dir / "x.yaml", cur, "varkaus_cooperative")
    assert storage.dump(load(path)) == cur


def test_write_refuses_pilot_files_and_other_folders(user_dir, pilot_hashes, tmp_path):
    from ui import storage
    cur = pilot_dict("varkaus_cooperative")
    for target in (ROOT / "scenarios" / "varkaus_cooperative.yaml", user_dir / "varkaus_cooperative.yaml",
                   tmp_path / "elsewhere.yaml", user_dir / "../escape.yaml"):
        with pytest.raises(storage.SaveError):
            storage.write(target, cur, "varkaus_cooperative")
    assert storage.slug("Pieksämäki – 20 h/vko!") == "pieksamaki_20_h_vko"


def test_changes_are_listed_in_words():
    from ui.diffs import changes
    a = pilot_dict("varkaus_cooperative")
    b = copy.deepcopy(a)
    first_employment(b)["hours_per_week"] = 20.0
    b["assumptions"]["discount_rate"] = 0.05
    del b["people"][6]
    fi = changes(a, b, "fi")
    assert "Henkilöt › M1 › Palkkatyö 7/2022 › Tunnit/vko: 15 → 20" in fi
    assert "Yleiset oletukset › Diskonttokorko (%/v): 3 % → 5 %" in fi
    assert "Henkilöt › M7: poistettu" in fi
    assert "People › M7: removed" in changes(a, b, "en")


def test_a_draft_survives_a_new_session(user_dir):
    """Issue 16 item 5: an unsaved edit is kept in the workspace; a new session
    (a reload) offers it back, and "Jatka luonnosta" brings the edit back."""
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "20"}})
    edited = metric(at, label("total_result"))
    assert (user_dir / ".drafts" / "local" / "varkaus_cooperative.json").exists()
    again = start()                                         # a reload: a new session, nothing edited
    assert metric(again, label("total_result")) != edited
    assert any(label("ui.draft.resume") == b.label for b in again.button)
    again.button(key="draft-resume-varkaus_cooperative").click().run()
    assert not again.exception
    assert metric(again, label("total_result")) == edited
    # discarding in a third session removes the file
    third = start()
    third.button(key="draft-discard-varkaus_cooperative").click().run()
    assert not (user_dir / ".drafts" / "local" / "varkaus_cooperative.json").exists()
    assert not any(label("ui.draft.resume") == b.label for b in third.button)


def test_invalid_cell_is_counted_under_its_table_and_on_results():
    """Issue 16 item 4: the invalid cell is named by row and column with a count;
    the Results page mentions the pending invalid edit."""
    at = start()
    edit(at, "emp", edited={0: {"hours_per_week": "kaksikymmentä"}})
    text = errors(at)
    assert label("ui.err.count").format(n=1) in text
    at.switch_page("ui/pages/results.py").run()
    assert label("ui.pending_invalid").format(n=1) in "\n".join(w.value for w in at.warning)
