"""Aloitus / Start through AppTest: the default page, the paths, a unit
director's unit; and revision times in Helsinki time."""
from __future__ import annotations

import pytest
from conftest import start_app

from simulator.i18n import fmt_datetime, label
from simulator.store import Store, auth
from simulator.store.access import User

START = "ui/pages/start.py"


@pytest.fixture(autouse=True)
def ws(tmp_path, monkeypatch):
    d = tmp_path / "ws"
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(d))
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(d))
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    return d


@pytest.fixture
def users(ws, tmp_path, monkeypatch):
    monkeypatch.setenv(auth.PROFILE_ENV, "test")
    path = tmp_path / "users.yaml"
    auth.write_users(path, {n: auth.UserRecord(n, r, u, auth.hash_password(f"{n}-salasana"))
                            for n, r, u in (("anna", "director", "varkaus"), ("koo", "coordinator", None))})
    monkeypatch.setenv("SIMULATOR_USERS", str(path))
    Store(ws).create("v_koo", {"base": "varkaus_cooperative", "name": "Varkaus (koo)"}, user=User("koo", "coordinator"))
    return path


def titles(at) -> list[str]:
    return [x.value for x in at.title]


def test_app_opens_on_the_start_page_with_three_paths():
    at = start_app(page=None)
    assert titles(at) == [label("ui.app_title")]
    assert [b.label for b in at.main.button] == [label("start.edit"), label("start.compare"), label("start.person")]
    assert [h.value for h in at.header] == [label("start.paths_title"), label("start.models_title")]


def test_english_start_page():
    at = start_app(page=None, lang="en")
    assert titles(at) == ["Employment-model cash-flow simulator"]
    assert [b.label for b in at.main.button] == ["Edit my unit's budget", "Compare the models", "A person's view"]


def test_local_user_picks_the_unit_then_edits_its_scenario():
    at = start_app(page=None)
    unit = next(b for b in at.get("button_group") if b.key.startswith("start-unit"))
    assert unit.value == "varkaus"                  # the chosen scenario's unit
    unit.set_value("mikkeli").run()
    at.button(key="start-edit").click().run()
    assert not at.exception, at.exception
    assert titles(at)[0].startswith(f"{label('ui.page.scenario')}: Mikkeli")
    assert at.session_state["s"] == "mikkeli_subcontracting"


def test_compare_and_person_paths():
    at = start_app(page=None)
    at.button(key="start-compare").click().run()
    assert titles(at)[0] == label("ui.page.compare")
    at.switch_page(START).run()
    at.button(key="start-person").click().run()
    assert titles(at)[0].startswith(f"{label('ui.page.person')}:")


def test_director_lands_on_their_unit(users):
    at = start_app("anna", page=None, s="mikkeli_subcontracting")
    assert not [b for b in at.get("button_group") if b.key.startswith("start-unit")]   # no choice: their unit
    assert label("start.your_unit").format(unit="Varkaus") in [c.value for c in at.main.caption]
    at.button(key="start-edit").click().run()
    assert titles(at)[0].startswith(f"{label('ui.page.scenario')}: Varkaus")
    assert at.session_state["s"] == "varkaus_cooperative"


def test_director_keeps_their_units_own_scenario(users):
    at = start_app("anna", page=None, s="v_koo")
    at.button(key="start-edit").click().run()
    assert titles(at)[0] == f"{label('ui.page.scenario')}: Varkaus (koo)"


@pytest.mark.parametrize("stored, fi, en", [
    ("2026-12-05T12:03:09+00:00", "5.12.2026 klo 14.03", "5 Dec 2026 14:03"),    # winter: UTC+2
    ("2026-07-01T21:30:00+00:00", "2.7.2026 klo 0.30", "2 Jul 2026 00:30"),      # summer: UTC+3, next day
    ("2026-03-29T00:59:00+00:00", "29.3.2026 klo 2.59", "29 Mar 2026 02:59"),    # just before the clocks go forward
    ("2026-03-29T01:00:00+00:00", "29.3.2026 klo 4.00", "29 Mar 2026 04:00"),    # just after
])
def test_revision_times_in_helsinki_time(stored, fi, en):
    assert fmt_datetime(stored, "fi") == fi
    assert fmt_datetime(stored, "en") == en


def test_readme_lists_the_apps_pages_in_order():
    """The README's page table names every page, in the navigation's order, with its typed address."""
    import re
    from pathlib import Path

    from ui.shell import PAGES
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \*\*(\w+)\*\*.*?\| `/(?:` or `/)?(\w+)` \|", readme, flags=re.MULTILINE)
    assert rows == [(label(title), url) for _, url, title, _ in PAGES]
