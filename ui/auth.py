"""Who is using the app: local single-user mode, or a signed-in user.

With no users file (``$SIMULATOR_USERS`` unset) everyone is ``LOCAL_USER``
and the sidebar says so. With a users file, the pages are shown only after
a log-in (``simulator.auth.authenticate``: argon2 hashes, rate-limited
failures); a users file that is missing or invalid stops the app with the
problem shown, never falling back to local mode. The signed-in user's role
is read from the users file on every run, so a changed role or a removed
user takes effect at once. Signing out clears the session (unsaved edits
included), so the next person on the same browser starts clean.
"""
from __future__ import annotations

import logging

from pathlib import Path

import streamlit as st

from simulator.store import auth
from simulator.store.access import LOCAL_USER, User

from . import session
from .plain import plain, plain_lines
from .session import t

SESSION_KEY = "_auth_user"          # the signed-in user's name
NOBODY = User("-", "viewer", None)  # nobody signed in: may edit nothing

_cache: tuple = (None, {})          # (file signature, users) of the last read


def _users() -> dict[str, auth.UserRecord]:
    """The users file's records, read again only when the file changes."""
    global _cache
    path: Path = auth.users_file()
    try:
        s = path.stat()
        sig = (str(path), s.st_ino, s.st_mtime_ns, s.st_size, s.st_mode)
    except OSError:
        sig = None
    cached_sig, users = _cache
    if sig is not None and sig == cached_sig:
        return users
    users = auth.load_users(path)
    _cache = (sig, users)
    return users


def current_user() -> User:
    """LOCAL_USER in local mode; else the signed-in user, or NOBODY (no rights)."""
    if auth.local_mode():
        return LOCAL_USER
    name = st.session_state.get(SESSION_KEY)
    if not name:
        return NOBODY
    try:
        record = _users().get(name)
    except auth.AuthError:
        return NOBODY
    return record.user() if record else NOBODY


def role_text(user: User) -> str:
    text = t(f"auth.role.{user.role}")
    return f"{text}, {user.unit}" if user.unit else text


def gate() -> bool:
    """True when the pages may be shown. Otherwise shows the log-in form (or
    the users file's problem) and returns False."""
    if auth.local_mode():
        return True
    try:
        users = _users()
    except auth.AuthError as exc:
        # the details (file path, user names) are for the administrator, not
        # for whoever opens the log-in page: they go to the server log
        logging.getLogger("simulator.store.auth").error("users file: %s", exc.render())
        st.error(t("auth.file_error"))
        return False
    name = st.session_state.get(SESSION_KEY)
    if name and name in users:
        return True
    if name:  # removed from the users file while signed in
        del st.session_state[SESSION_KEY]
        st.warning(t("auth.removed"))
    _login_form()
    return False


def _login_form() -> None:
    st.title(t("ui.app_title"))
    st.segmented_control(t("ui.language"), list(session.LANGS), key="_login_lang", default=session.lang(),
                         required=True, on_change=_login_lang,
                         format_func=lambda v: {"fi": "Suomi", "en": "English"}[v])
    with st.form("login", clear_on_submit=True):
        st.subheader(t("auth.log_in_title"))
        name = st.text_input(t("auth.name"), key="login_name", autocomplete="username", max_chars=100)
        password = st.text_input(t("auth.password"), key="login_password", type="password",
                                 autocomplete="current-password", max_chars=1000)
        submitted = st.form_submit_button(t("auth.log_in"), type="primary")
    st.caption(t("auth.log_in_help"))
    if not submitted:
        return
    try:
        user = auth.authenticate(name, password)
    except auth.UsersFileError as exc:
        st.error(plain_lines(exc.render(session.lang())))
    except auth.AuthError as exc:
        st.error(plain_lines(exc.render(session.lang())))
    else:
        st.session_state[SESSION_KEY] = user.name
        st.rerun()


def _login_lang() -> None:
    st.session_state[session.LANG_KEY] = st.session_state.get("_login_lang") or "fi"


def _sign_out() -> None:
    """Forget the whole session, so nothing (unsaved edits included) carries over to the
    next user; the language and scenario are read from the URL again."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def sidebar() -> None:
    """Who is signed in and their role, with a sign-out button; or the local-mode notice."""
    with st.sidebar:
        st.divider()
        if auth.local_mode():
            st.info(t("auth.local_mode"), icon=":material/person:")
            st.caption(t("auth.local_mode_help"))
            return
        user = current_user()
        st.markdown(t("auth.signed_in_as", name=plain(user.name), role=plain(role_text(user))))
        st.button(t("auth.log_out"), key="auth_log_out", on_click=_sign_out, icon=":material/logout:")
