"""The dated payer map (``data/payers.yaml``): which party pays and which
receives each party line in a month.

``payer(line, month)`` and ``receiver(line, month)`` give a party name
(``simulator/parties/catalogue.py`` ``PARTIES`` or ``outside``) for a
month (``YYYY-MM`` or the month number of ``model.conventions``);
``payer_by_month(line, months)`` the same for an array of month numbers.
A line's side is a party, or a role (``social_services``, ``pay_subsidy``,
``grantor``) whose body changes by date.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from simulator.model.conventions import month_number

PAYERS_FILE = Path(__file__).resolve().parents[2] / "data" / "payers.yaml"


@lru_cache(maxsize=4)
def payer_map(path: str | None = None) -> dict:
    """The file as read: ``{"roles": {...}, "lines": {...}}``."""
    with open(path or PAYERS_FILE, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    return {"roles": doc.get("roles") or {}, "lines": doc.get("lines") or {},
            "engine_roles": doc.get("engine_roles") or {}}


def _month(month) -> int:
    return month_number(month) if isinstance(month, str) else int(month)


def _bound(value) -> int | None:
    if value is None:
        return None
    return month_number(str(value) if not hasattr(value, "year") else f"{value.year:04d}-{value.month:02d}")


def resolve(side: str, month) -> str:
    """A party, or a role's body in ``month``."""
    roles = payer_map()["roles"]
    if side not in roles:
        return side
    m = _month(month)
    for period in roles[side]:
        a, b = _bound(period.get("from")), _bound(period.get("until"))
        if (a is None or m >= a) and (b is None or m <= b):
            return period["body"]
    raise KeyError(f"no body for role {side!r} in month {month}")


def engine_sides(line: str) -> dict | None:
    """``{"payer": role, "receiver": role}`` from the engine catalogue's
    declaration of ``line`` (its roles translated by ``engine_roles``), or None."""
    from simulator.engine.catalogue import COLUMNS
    entry = COLUMNS.get(line)
    payer_role, receiver_role = getattr(entry, "payer", None), getattr(entry, "receiver", None)
    if not payer_role or not receiver_role:
        return None
    roles = payer_map()["engine_roles"]
    if payer_role not in roles or receiver_role not in roles:
        return None
    return {"payer": roles[payer_role], "receiver": roles[receiver_role]}


def known(line: str) -> bool:
    """Whether the map (or the engine catalogue's roles) gives ``line`` its sides."""
    return line in payer_map()["lines"] or engine_sides(line) is not None


def _side(line: str, key: str, month) -> str:
    entry = payer_map()["lines"].get(line) or engine_sides(line)
    if entry is None:
        raise KeyError(f"party line {line!r} is not in {PAYERS_FILE.name}")
    return resolve(entry[key], month)


def payer(line: str, month) -> str:
    """Who pays ``line`` in ``month``."""
    return _side(line, "payer", month)


def receiver(line: str, month) -> str:
    """Who receives ``line`` in ``month``."""
    return _side(line, "receiver", month)


def by_month(line: str, months: np.ndarray, key: str = "payer") -> np.ndarray:
    """``payer`` (or ``receiver``) of ``line`` for each month number (an array of names)."""
    return np.array([_side(line, key, int(m)) for m in months], dtype=object)
