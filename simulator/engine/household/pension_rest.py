"""The person's pensions a month and their rest (lepääminen) above the
earnings limit (employment-models.md §0, household-benefits.md §7).

- A Kela pension (kansaneläke with takuueläke, ``disability_pension`` in
  the scenario's first-month terms) follows the Kela index: × the ratio of
  ``pension.takuuelake_full`` to its first-month value.
- It rests whole in the months the regular pay ``B`` exceeds
  ``pension.earnings_limit`` (law 738/2009; verneri.net); a rest lasts at
  least ``pension.rest_min_months`` while the person stays employed and
  ends when the pay is back under the limit (after the minimum) or the
  employment ends. With ``let_pension_rest`` it rests through every
  employment spell with a month over the limit. Lomaraha is not counted
  against the limit [simplification].
- An earnings-related pension (nominal €/month) rests above the higher of
  ``pension.earnings_limit`` and the person's ``personal_earnings_limit``;
  a full pension that would become a partial one is treated as resting
  [simplification].
- A rest longer than ``pension.rest_max_months`` (2 years: the pension
  would end) is named in a note.
"""
from __future__ import annotations

import numpy as np

from .income import pay_regular
from simulator.i18n.messages import Message
from .row import Row


def rest_months(over: np.ndarray, employed: np.ndarray, whole_spell: bool, min_months) -> np.ndarray:
    """Months a pension rests: from the first month over the limit, at least
    ``min_months`` (a month's value, read at the rest's first month) while
    employed, until the pay is back under the limit; or (``whole_spell``)
    every month of an employment spell with a month over."""
    n = len(over)
    rest = np.zeros(n, dtype=bool)
    if whole_spell:
        t = 0
        while t < n:
            if not employed[t]:
                t += 1
                continue
            u = t
            while u < n and employed[u]:
                u += 1
            if over[t:u].any():
                rest[t:u] = True
            t = u
        return rest
    t = 0
    while t < n:
        if not over[t]:
            t += 1
            continue
        end = t
        while end + 1 < n and over[end + 1]:
            end += 1
        end = max(end, t + int(min_months[t]) - 1)
        u = t
        while u < n and u <= end and (employed[u] or over[u]):
            rest[u] = True
            u += 1
        t = max(u, t + 1)
    return rest


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True."""
    out, t, n = [], 0, len(mask)
    while t < n:
        if mask[t]:
            u = t
            while u + 1 < n and mask[u + 1]:
                u += 1
            out.append((t, u))
            t = u + 1
        else:
            t += 1
    return out


def earnings_limit(row: Row) -> np.ndarray:
    """The earnings limit beside a disability pension, a month (the full
    takuueläke, ``pension.earnings_limit``; law 738/2009)."""
    return row.memo("earnings_limit", lambda: row.series("pension.earnings_limit"))


def earnings_related_limit(row: Row) -> np.ndarray:
    """The limit of an earnings-related pension: the higher of the earnings
    limit and the person's own (40 % / 60 % of earlier earnings)."""
    return np.maximum(earnings_limit(row), row.person.personal_earnings_limit or 0.0)


def kela_pension_full(row: Row) -> np.ndarray:
    """The Kela pension before any rest: the entered amount × the Kela index
    (``pension.takuuelake_full`` a month / its first-month value)."""
    def calc():
        amount = row.person.disability_pension or 0.0
        if amount <= 0:
            return np.zeros(row.n)
        takuu = row.series("pension.takuuelake_full")
        return amount * takuu / takuu[0]
    return row.memo("kela_full", calc)


def earnings_related_pension_full(row: Row) -> np.ndarray:
    """The earnings-related pension before any rest (nominal €/month as entered)."""
    return np.full(row.n, row.person.earnings_related_pension or 0.0)


def _min_rest(row: Row) -> np.ndarray:
    return row.series("pension.rest_min_months")


def kela_over_limit(row: Row) -> np.ndarray:
    """Months the regular pay exceeds the earnings limit (with a Kela pension)."""
    return (pay_regular(row) > earnings_limit(row) + 1e-9) & ((row.person.disability_pension or 0.0) > 0)


def earnings_related_over_limit(row: Row) -> np.ndarray:
    """Months the regular pay exceeds the earnings-related pension's limit."""
    return (pay_regular(row) > earnings_related_limit(row) + 1e-9) & ((row.person.earnings_related_pension or 0.0) > 0)


def kela_rests(row: Row) -> np.ndarray:
    """Months the Kela pension rests (bool)."""
    return row.memo("kela_rests", lambda: rest_months(
        kela_over_limit(row), row.employed, bool(row.person.let_pension_rest), _min_rest(row))
        & ((row.person.disability_pension or 0.0) > 0))


def earnings_related_rests(row: Row) -> np.ndarray:
    """Months the earnings-related pension rests (bool)."""
    return row.memo("er_rests", lambda: rest_months(
        earnings_related_over_limit(row), row.employed, bool(row.person.let_pension_rest), _min_rest(row))
        & ((row.person.earnings_related_pension or 0.0) > 0))


def kela_pension(row: Row) -> np.ndarray:
    """The Kela pension paid: 0 in the months it rests."""
    return np.where(kela_rests(row), 0.0, kela_pension_full(row))


def earnings_related_pension(row: Row) -> np.ndarray:
    """The earnings-related pension paid: 0 in the months it rests."""
    return np.where(earnings_related_rests(row), 0.0, earnings_related_pension_full(row))


def pension_resting(row: Row) -> np.ndarray:
    """The pension not paid because it rests (Kela and earnings-related)."""
    return (kela_pension_full(row) - kela_pension(row)
            + earnings_related_pension_full(row) - earnings_related_pension(row))


def all_pensions_rest(row: Row) -> np.ndarray:
    """Months in which every pension of the person rests (none: all False)."""
    kela_amount = row.person.disability_pension or 0.0
    er_amount = row.person.earnings_related_pension or 0.0
    has = kela_amount > 0 or er_amount > 0
    return (np.full(row.n, has) & (kela_rests(row) | (kela_amount <= 0))
            & (earnings_related_rests(row) | (er_amount <= 0)))


def rest_notes(row: Row) -> list:
    """A note for each pension that rests (months over the limit, months
    resting) and for a rest longer than ``pension.rest_max_months``."""
    notes = []
    whole = bool(row.person.let_pension_rest)
    longest = row.series("pension.rest_max_months")
    for kind, over, rest, lim in (("kela", kela_over_limit(row), kela_rests(row), earnings_limit(row)),
                                  ("earnings_related", earnings_related_over_limit(row),
                                   earnings_related_rests(row), earnings_related_limit(row))):
        if over.any() or rest.any():
            notes.append(Message.make(
                f"pension_rests_{kind}" + ("_chosen" if whole else ""), pid=row.person.id, branch=row.branch,
                n_over=int(over.sum()), over=row.labels(over),
                n_rest=int(rest.sum()), rest=row.labels(rest),
                limit=float(lim[np.nonzero(over)[0][0]]) if over.any() else float(lim[0])))
            for a, b in runs(rest):
                if b - a + 1 > longest[a]:
                    span = np.zeros(row.n, dtype=bool)
                    span[a:b + 1] = True
                    notes.append(Message.make("rest_over_two_years", pid=row.person.id, branch=row.branch,
                                           months=row.labels(span), n=int(b - a + 1)))
    return notes
