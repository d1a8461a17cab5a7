"""The "Tuo skenaario / Import a scenario" expander (``ui/upload.py``).

AppTest cannot drive ``st.file_uploader`` (streamlit#8438), so: the page is
checked to draw the expander and the uploader; ``handle_upload`` is tested
with bytes; and the result panel (``upload.show``) with its "Save as new
scenario" button runs in an AppTest script that is handed the checked
upload, as the expander would after a real upload.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import start_app
from streamlit.testing.v1 import AppTest

from simulator.store import access
from simulator.engine.projection import project
from simulator.export.xlsx import workbook_bytes
from simulator.model.loader import load
from ui import actions, upload, working

ROOT = Path(__file__).resolve().parent.parent
MIKKELI = ROOT / "scenarios" / "mikkeli_subcontracting.yaml"


@pytest.fixture(autouse=True)
def workspace(tmp_path, monkeypatch):
    d = tmp_path / "ws"
    monkeypatch.delenv("SIMULATOR_WORKSPACE", raising=False)
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)     # local single-user mode
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(d))
    return d


# ---------------------------------------------------------------- the page

@pytest.mark.parametrize("lang,title,label", [("fi", "Tuo skenaario", "Valitse tiedosto"),
                                              ("en", "Import a scenario", "Choose a file")])
def test_scenario_page_draws_the_import_expander(lang, title, label):
    at = start_app(lang=lang)
    assert title in [e.label for e in at.expander]
    uploaders = at.get("file_uploader")
    assert len(uploaders) == 1
    proto = uploaders[0].proto
    assert proto.label == label
    assert sorted(proto.type) == [".xlsx", ".yaml", ".yml"]
    assert proto.max_upload_size_mb == 10


# ---------------------------------------------------------------- the handler

def test_handle_upload_of_a_valid_yaml_and_workbook():
    up = upload.handle_upload("mikkeli.yaml", MIKKELI.read_bytes(), "fi")
    expected = load(MIKKELI).model_dump(mode="json")
    expected.pop("base")
    assert up.ok and up.problems == [] and up.doc == expected and up.base is None
    book = workbook_bytes([project(load(MIKKELI))], "en")
    up = upload.handle_upload("/home/x/mikkeli.xlsx", book, "en")
    assert up.ok and up.file == "mikkeli.xlsx" and up.doc == expected


def test_handle_upload_lists_each_problem_with_its_place_in_the_language():
    bad = MIKKELI.read_bytes().replace(b"horizon_months: 60", b"horizon_months: 0") + b"colour: blue\n"
    fi = upload.handle_upload("m.yaml", bad, "fi")
    assert not fi.ok and fi.doc is None
    assert any(line.startswith("horizon_months: ") and "vähintään 1" in line for line in fi.problems), fi.problems
    assert any(line.startswith("colour: ") and "tuntematon kenttä" in line for line in fi.problems), fi.problems
    en = upload.handle_upload("m.yaml", bad, "en")
    assert any("greater than or equal to 1" in line for line in en.problems), en.problems
    assert upload.handle_upload("m.txt", b"x", "en").problems[0].startswith("wrong file type .txt")
    too_big = upload.handle_upload("m.yaml", b"#" * 1_000_001, "fi")
    assert "liian suuri" in too_big.problems[0]


def test_a_taken_or_pilot_name_gets_a_free_suggestion(workspace):
    assert upload.suggest_name("Oma") == "Oma"
    assert upload.suggest_name(load(MIKKELI).name) == f"{load(MIKKELI).name} (tuotu)"


# ---------------------------------------------------------------- the panel and saving

def _panel():
    import streamlit as st

    from ui import actions, upload
    up = st.session_state.get("_test_upload")
    if up is not None:
        st.session_state.setdefault(upload.RESULT_KEY, (None, up))
        upload.show(st.session_state[upload.RESULT_KEY][1] if st.session_state.get(upload.RESULT_KEY) else up)
    flash = actions.pop_flash()
    if flash:
        getattr(st, flash[0])(flash[1])


def _panel_app(up, name=None) -> AppTest:
    at = AppTest.from_function(_panel, default_timeout=30)
    at.session_state["_test_upload"] = up
    if name is not None:
        at.session_state[upload.NAME_KEY] = name
    at.run()
    assert not at.exception, at.exception
    return at


def test_save_as_new_scenario_writes_a_new_file_and_opens_it(workspace):
    up = upload.handle_upload("mikkeli.yaml", MIKKELI.read_bytes(), "fi")
    at = _panel_app(up, "Mikkeli tuotu")
    assert "mikkeli.yaml on kelvollinen skenaario: Mikkeli – alihankinta ja avotyö (7 henkilöä, 60 kk)" \
        in at.success[0].value
    button = at.button(key="upload-save")
    assert not button.disabled
    button.click().run()
    assert not at.exception, at.exception
    saved = workspace / "mikkeli_tuotu.yaml"
    assert saved.is_file(), list(workspace.iterdir()) if workspace.exists() else "no workspace"
    again = load(saved).model_dump(mode="json")
    again.pop("base", None)
    assert again == {**up.doc, "name": "Mikkeli tuotu"}           # what was uploaded, under the new name
    assert at.session_state[working.SCENARIO_KEY] == "mikkeli_tuotu"
    assert any("Tuotu skenaario tallennettu" in s.value for s in at.success)
    # the same name again: refused, nothing overwritten
    before = saved.read_bytes()
    at = _panel_app(up, "Mikkeli tuotu")
    at.button(key="upload-save").click().run()
    assert any("on jo olemassa" in e.value for e in at.error), [e.value for e in at.error]
    assert saved.read_bytes() == before


def test_a_pilot_name_is_refused_and_the_pilot_untouched(workspace):
    pilot_before = MIKKELI.read_bytes()
    up = upload.handle_upload("mikkeli.yaml", pilot_before, "fi")
    at = _panel_app(up, load(MIKKELI).name)
    at.button(key="upload-save").click().run()
    assert any("kuuluu pilottiskenaariolle" in e.value for e in at.error), [e.value for e in at.error]
    assert MIKKELI.read_bytes() == pilot_before
    assert not workspace.exists() or not list(workspace.glob("*.yaml"))


def test_invalid_upload_shows_the_problems_and_no_save_button():
    up = upload.handle_upload("m.yaml", b"name: a\nname: b\n", "fi")
    at = _panel_app(up)
    assert "m.yaml" in at.error[0].value
    assert "avain 'name' toistuu" in at.code[0].value
    assert not [b for b in at.button if b.key == "upload-save"]


def test_a_viewer_cannot_save_an_upload(monkeypatch, workspace):
    monkeypatch.setattr(actions, "user", lambda: access.User("v", "viewer"))
    up = upload.handle_upload("mikkeli.yaml", MIKKELI.read_bytes(), "fi")
    at = _panel_app(up, "Katsojan")
    assert at.button(key="upload-save").disabled
    assert any("katselija voi vain lukea" in c.value for c in at.caption)
    kind, text, sid = upload.save_new(up, "Katsojan")               # the store refuses it too
    assert kind == "error" and sid is None and "katselija voi vain lukea" in text
    assert not (workspace / "katsojan.yaml").exists()
