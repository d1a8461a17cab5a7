"""Log-in in the app (AppTest): the form when a users file is set, refusals,
rate limiting, the signed-in user's role line, sign-out, local mode."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import start_app
from streamlit.testing.v1 import AppTest

from simulator.store import auth, login_limits
from simulator.i18n import label

ROOT = Path(__file__).resolve().parent.parent
PW = {"anna": "anna-salasana-1", "ville": "ville-salasana-2"}
BAD_FI = "Kirjautuminen epäonnistui: tuntematon käyttäjätunnus tai väärä salasana."


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    monkeypatch.setenv(auth.PROFILE_ENV, "test")
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(tmp_path / "user"))
    monkeypatch.setenv(login_limits.WORKSPACE_ENV, str(tmp_path / "ws"))
    monkeypatch.delenv(auth.USERS_ENV, raising=False)


@pytest.fixture
def users(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "users.yaml"
    auth.write_users(path, {
        "anna": auth.UserRecord("anna", "director", "varkaus", auth.hash_password(PW["anna"])),
        "ville": auth.UserRecord("ville", "viewer", None, auth.hash_password(PW["ville"])),
    })
    monkeypatch.setenv(auth.USERS_ENV, str(path))
    return path


def start(**query) -> AppTest:
    return start_app(**query)


def log_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label in (label("auth.log_in", "fi"), label("auth.log_in", "en"))).click()
    at.run()
    assert not at.exception, at.exception
    return at


def shows_login_only(at: AppTest) -> bool:
    keys = {w.key for w in at.text_input}
    return {"login_name", "login_password"} <= keys and len(at.selectbox) == 0 and len(at.metric) == 0 \
        and len(at.sidebar.button) == 0


def test_login_form_instead_of_the_pages(users):
    at = start()
    assert shows_login_only(at)
    assert [w.label for w in at.text_input] == ["Käyttäjätunnus", "Salasana"]
    assert at.text_input(key="login_password").proto.type == 1   # TextInput.Type.PASSWORD: masked
    assert not at.sidebar.info   # no local-mode notice


def test_login_form_in_english(users):
    at = start(lang="en")
    assert [w.label for w in at.text_input] == ["User name", "Password"]


def test_wrong_password_is_refused_with_a_message(users):
    at = log_in(start(), "anna", "wrong-password")
    assert [e.value for e in at.error] == [BAD_FI]
    assert shows_login_only(at) and "_auth_user" not in at.session_state
    at = log_in(at, "nobody", PW["anna"])        # unknown user: the same message
    assert [e.value for e in at.error] == [BAD_FI]


def test_sixth_failure_is_rate_limited(users):
    at = start()
    for _ in range(5):
        at = log_in(at, "anna", "wrong-password")
        assert [e.value for e in at.error] == [BAD_FI]
    at = log_in(at, "anna", PW["anna"])           # even the right password is refused now
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("Liian monta epäonnistunutta kirjautumista tunnukselle 'anna'")
    assert shows_login_only(at)
    # another browser session (a new AppTest) is refused too: the count is in the workspace, not the session
    at2 = log_in(start(), "anna", PW["anna"])
    assert at2.error[0].value.startswith("Liian monta")


def test_correct_log_in_shows_the_app_and_the_role_line(users):
    at = log_in(start(), "anna", PW["anna"])
    assert not at.error
    assert at.session_state["_auth_user"] == "anna"
    assert "login_name" not in {w.key for w in at.text_input}
    assert len(at.selectbox) >= 1                # the sidebar's scenario choice: the pages are shown
    assert any(x.value.startswith("Skenaario: ") for x in at.title), [x.value for x in at.title]
    lines = [m.value for m in at.sidebar.markdown]
    assert "Kirjautunut: **anna** (johtaja, varkaus)" in lines, lines
    assert [b.label for b in at.sidebar.button] == ["Kirjaudu ulos"]
    assert not at.sidebar.info


def test_viewer_role_line_and_sign_out(users):
    at = log_in(start(lang="en"), "Ville", PW["ville"])
    assert "Signed in: **ville** (viewer)" in [m.value for m in at.sidebar.markdown]
    at.sidebar.button(key="auth_log_out").click()
    at.run()
    assert not at.exception
    assert shows_login_only(at) and "_auth_user" not in at.session_state
    assert [w.label for w in at.text_input] == ["User name", "Password"]   # language kept (from the URL)


def test_removed_user_is_signed_out(users):
    at = log_in(start(), "anna", PW["anna"])
    records = auth.load_users(users)
    del records["anna"]
    auth.write_users(users, records)
    at.run()
    assert shows_login_only(at)
    assert at.warning[0].value == label("auth.removed")


def test_local_mode_says_so():
    at = start()
    assert "login_name" not in {w.key for w in at.text_input}
    assert [i.value for i in at.sidebar.info] == ["Paikallinen yksikäyttäjätila"]
    assert not [b for b in at.sidebar.button if b.key == "auth_log_out"]


def test_local_mode_in_english():
    at = start(lang="en")
    assert [i.value for i in at.sidebar.info] == ["Local single-user mode"]


def test_broken_users_file_stops_the_app(tmp_path, monkeypatch, caplog):
    """Never a silent fall-back to local mode: the app stops with a general
    message; the details (path, names) go to the server log, not to visitors."""
    missing = tmp_path / "missing.yaml"
    monkeypatch.setenv(auth.USERS_ENV, str(missing))
    with caplog.at_level("ERROR", logger="simulator.store.auth"):
        at = start()
    text = at.error[0].value
    assert text == label("auth.file_error") and str(missing) not in text
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "simulator.store.auth")
    assert str(missing) in logged and "not found" in logged and "ei löydy" in logged
    assert not at.text_input and not at.selectbox and not at.sidebar.info


def test_language_switch_on_the_login_page(users):
    at = start()
    next(b for b in at.get("button_group") if b.key == "_login_lang").set_value("en").run()
    assert not at.exception
    assert [w.label for w in at.text_input] == ["User name", "Password"]
    at = log_in(at, "anna", "wrong-password")
    assert at.error[0].value == "Log-in failed: unknown user name or wrong password."


def test_deep_link_while_logged_out_shows_only_the_form_then_the_page(users):
    """Issue 17 item 10: /tulokset?s=... opened while logged out shows the log-in
    form alone (no page, no "Page not found"), and after signing in that page."""
    at = start_app(page="ui/pages/results.py", s="mikkeli_subcontracting")
    assert shows_login_only(at) and not at.exception
    assert [x.value for x in at.title] == [label("ui.app_title")]
    assert not at.warning and not at.error and not at.get("plotly_chart")
    at = log_in(at, "anna", PW["anna"])
    titles = [x.value for x in at.title]
    assert titles and titles[0].startswith(f"{label('ui.page.results')}: Mikkeli"), titles
