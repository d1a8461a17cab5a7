"""Who may change which scenario.

Rules: everyone reads everything. ``local`` (single-user mode, no users file)
edits everything. A ``director`` edits scenarios whose unit is their unit
(including creating a new scenario based on their unit's pilot). A
``coordinator`` creates new scenarios (any base) and edits the scenarios they
own. A ``viewer`` edits nothing. Pilot files are never written by anyone
(the store refuses pilot names before it asks this module).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

ROLES = ("director", "coordinator", "viewer", "local")
UNITS = ("varkaus", "mikkeli", "pieksamaki")

ROLE_NAMES = {
    "director": ("director", "johtaja"),
    "coordinator": ("coordinator", "koordinaattori"),
    "viewer": ("viewer", "katselija"),
    "local": ("local user", "paikallinen käyttäjä"),
}


@dataclass(frozen=True)
class User:
    name: str
    role: str                 # one of ROLES
    unit: str | None = None   # directors: "varkaus" | "mikkeli" | "pieksamaki"


LOCAL_USER = User("local", "local", None)


class AccessDenied(Exception):
    """Refusal to write; the message is bilingual (en + fi) and names user, role and scenario."""

    def __init__(self, user: User, scenario: str, reason_en: str, reason_fi: str):
        self.user, self.scenario = user, scenario
        role_en, role_fi = ROLE_NAMES.get(user.role, (user.role, user.role))
        self.en = (f"{user.name} ({role_en}) may not change scenario '{scenario}': {reason_en}")
        self.fi = (f"{user.name} ({role_fi}) ei voi muuttaa skenaariota '{scenario}': {reason_fi}")
        super().__init__(self.render())

    def render(self) -> str:
        return f"{self.en}\n{self.fi}"


def unit_of(stem_or_base) -> str | None:
    """Unit of a pilot stem or base path: ``varkaus_cooperative`` → ``varkaus``; unknown → None."""
    if not stem_or_base:
        return None
    stem = os.path.basename(str(stem_or_base))
    if stem.endswith(".yaml"):
        stem = stem[:-5]
    first = stem.split("_", 1)[0].lower()
    return first if first in UNITS else None


def _reason(user: User, unit: str | None, owner: str | None) -> tuple[str, str] | None:
    """None when allowed, else (english, finnish) reason."""
    if user.role == "local":
        return None
    if user.role == "director":
        if user.unit and unit == user.unit:
            return None
        return (f"directors edit only their own unit's scenarios (yours: {user.unit or '–'}, "
                f"this one: {unit or '–'})",
                f"johtaja voi muuttaa vain oman yksikkönsä skenaarioita (oma: {user.unit or '–'}, "
                f"tämä: {unit or '–'})")
    if user.role == "coordinator":
        if owner is None or owner == user.name:
            return None
        return (f"coordinators edit only scenarios they own (owner: {owner})",
                f"koordinaattori voi muuttaa vain omia skenaarioitaan (omistaja: {owner})")
    if user.role == "viewer":
        return ("viewers may only read", "katselija voi vain lukea")
    return (f"unknown role '{user.role}'", f"tuntematon rooli '{user.role}'")


def can_edit(user: User, unit: str | None, owner: str | None) -> bool:
    """True when ``user`` may write a scenario of ``unit`` owned by ``owner``.

    ``owner`` None means a new scenario (nobody owns it yet): coordinators may create it.
    """
    return _reason(user, unit, owner) is None


def denial(user: User, unit: str | None, owner: str | None, scenario: str = "") -> AccessDenied | None:
    """None when ``user`` may edit, else the AccessDenied that says why."""
    reason = _reason(user, unit, owner)
    return None if reason is None else AccessDenied(user, scenario, *reason)


def require_edit(user: User, unit: str | None, owner: str | None, scenario: str = "") -> None:
    """Raise AccessDenied unless ``can_edit``."""
    exc = denial(user, unit, owner, scenario)
    if exc is not None:
        raise exc
