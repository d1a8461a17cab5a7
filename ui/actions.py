"""Button callbacks on a working copy that do not store anything (undo, revert,
reset), the flash message shown after a callback, who the user is, and why
they may not save (``*_denied``, ``error_text``). Saving: ``ui.saving``."""
from __future__ import annotations

import logging

import streamlit as st

from simulator import store as sstore
from simulator.model.problems import ScenarioError, validate
from simulator.store import access

from . import auth, storage
from .session import lang, t
from .working import Working, working


def flash(kind: str, text: str) -> None:
    st.session_state["_flash"] = (kind, text)


def pop_flash():
    return st.session_state.pop("_flash", None)


def undo(sid: str) -> None:
    w = working(sid)
    if w and w.history:
        w.current, w.model = w.history.pop()
        w.rebase()
        flash("info", t("ui.msg.undone"))


def revert_to_saved(sid: str) -> None:
    w = working(sid)
    if w and w.dirty:
        w.set_current(w.saved, w.saved_model)
        w.rebase()
        flash("info", t("ui.msg.reverted"))


def reset_to_base(sid: str) -> None:
    w = working(sid)
    if not w:
        return
    base = storage.load_pilot(w.base_stem) if w.base_stem in storage.PILOTS else w.saved
    if not w.is_pilot:
        base = {**base, "name": w.current["name"]}
    model = validate(base)
    w.set_current(storage.dump(model), model)
    w.rebase()
    flash("info", t("ui.msg.reset"))


def user() -> access.User:
    """Who is using the app (``ui.auth``: the local user when no users file is configured)."""
    return auth.current_user()


def _denial_text(exc: access.AccessDenied) -> str:
    return exc.en if lang() == "en" else exc.fi


def edit_denied(w: Working) -> str | None:
    """Why the user may not save this scenario (None: they may)."""
    if w.is_pilot:
        return t("ui.msg.pilot_readonly")
    exc = access.denial(user(), w.unit, w.owner, w.sid)
    return _denial_text(exc) if exc else None


def new_unit(base_stem: str | None, model) -> str | None:
    """The unit a new scenario built on ``base_stem`` (a pilot, or None) with ``model`` belongs to."""
    doc = {"base": base_stem, "model": model} if base_stem else {"model": model}
    return sstore.docs.unit_for(doc, storage.user_dir() / "new.yaml")


def new_denied(base_stem: str | None, model) -> str | None:
    """Why the user may not save a new scenario built on ``base_stem`` (None: they may)."""
    exc = access.denial(user(), new_unit(base_stem, model), None, t("ui.new_scenario"))
    return _denial_text(exc) if exc else None


def create_denied(w: Working) -> str | None:
    """Why the user may not save this scenario under a new name (None: they may)."""
    return new_denied(w.base_stem, w.current.get("model"))


def error_text(exc: Exception, name: str = "") -> str:
    """A refused or failed save (one of ``CREATE_ERRORS``) in the user's language."""
    if isinstance(exc, storage.SaveError):
        return t(exc.key, **exc.fmt)
    if isinstance(exc, sstore.NameTaken):
        return t("ui.msg.name_taken", name=name)
    if isinstance(exc, access.AccessDenied):
        return _denial_text(exc)
    if isinstance(exc, (sstore.StoreError, ScenarioError)):
        return exc.render(lang())
    # an OSError names server paths: the details go to the server log, not to the visitor
    logging.getLogger("simulator.app").error("save failed: %r", exc)
    return t("ui.msg.save_failed", error=t("ui.msg.server_error"))
