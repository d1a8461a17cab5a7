"""The person's pensions a month and their rest (lepääminen) above the
earnings limit, by the institution that pays each (employment-models.md §0,
household-benefits.md §7).

Which institution: ``disability_pension`` is Kela's (kansaneläke with
takuueläke); ``earnings_related_pension`` is paid by the person's
``pension_institution`` (Keva for the public sector, or a TyEL pension
company). Each follows its institution's practice:

- The Kela pension follows the Kela index (× ``pension.takuuelake_full`` /
  its first-month value). It rests from the first month the pay exceeds
  ``pension.earnings_limit`` (``pension.rest_trigger_months_kela`` = 1;
  Kela's rule on single-month excesses is not written down [check]);
  lomaraha counts in the month it is paid only if
  ``pension.lomaraha_counted_kela`` (0: left out [check]).
- The earnings-related pension (nominal €/month) rests above the higher of
  the earnings limit and ``personal_earnings_limit`` only after
  ``pension.rest_trigger_months_earnings_related`` (3) consecutive months
  over it, from the first of them (Keva; TyEL companies alike [check]);
  lomaraha is spread over the year (the year's lomaraha / 12 added to each
  month's pay: ``pension.lomaraha_spread_earnings_related``), so an excess
  caused only by lomaraha does not rest it. A full pension that would
  become a partial one is treated as resting [simplification].
- A rest lasts at least ``pension.rest_min_months`` while the person stays
  employed and ends when the pay is back under the limit (after the
  minimum) or the employment ends; with ``let_pension_rest`` it rests
  through every employment spell with a month over. A rest that reaches
  ``pension.rest_max_months`` (2 years) ends the pension: not claimed back
  within 2 years, it is terminated (law 738/2009 original 3–6 §), and it
  is not paid from then on (a note says so).
- The law's validity (``pension.resting_law_in_force``: 738/2009 in force
  2010–2024, still in 2025–2026 [check]) is shown as an estimate note for
  rests in years whose validity is not confirmed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .income import pay_regular
from simulator.i18n.messages import Message, Text
from simulator.model.conventions import calendar_year, first_day
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


def consecutive(over: np.ndarray, needed: np.ndarray) -> np.ndarray:
    """Months in a run of at least ``needed`` consecutive months over the
    limit (``needed`` read at the run's first month)."""
    out = np.zeros(len(over), dtype=bool)
    for a, b in runs(over):
        if b - a + 1 >= int(needed[a]):
            out[a:b + 1] = True
    return out


def yearly_lomaraha_spread(row: Row) -> np.ndarray:
    """The lomaraha paid in each calendar year / 12, in every month of that year."""
    years = calendar_year(row.months)
    out = np.zeros(row.n)
    for y in np.unique(years):
        sel = years == y
        out[sel] = row.lomaraha[sel].sum() / 12.0
    return out


def kela_test_pay(row: Row) -> np.ndarray:
    """Pay tested against the Kela pension's limit: ``B``, plus lomaraha in
    the month it is paid where ``pension.lomaraha_counted_kela`` is 1."""
    return pay_regular(row) + row.lomaraha * row.series("pension.lomaraha_counted_kela")


def earnings_related_test_pay(row: Row) -> np.ndarray:
    """Pay tested against the earnings-related pension's limit: ``B`` plus
    the year's lomaraha spread over its 12 months (Keva's practice)."""
    return pay_regular(row) + yearly_lomaraha_spread(row) * row.series("pension.lomaraha_spread_earnings_related")


@dataclass(frozen=True)
class Pension:
    """What differs between the two pensions' rest (the rules in the module
    docstring): the amount entered, the pay tested, the limit, and the
    consecutive months over it that start a rest."""
    key: str
    amount: Callable[[Row], float]
    full: Callable[[Row], np.ndarray]
    test_pay: Callable[[Row], np.ndarray]
    limit: Callable[[Row], np.ndarray]
    trigger_months: str


KELA = Pension("kela", lambda row: row.person.disability_pension or 0.0, kela_pension_full,
               kela_test_pay, earnings_limit, "pension.rest_trigger_months_kela")
EARNINGS_RELATED = Pension("earnings_related", lambda row: row.person.earnings_related_pension or 0.0,
                           earnings_related_pension_full, earnings_related_test_pay, earnings_related_limit,
                           "pension.rest_trigger_months_earnings_related")


def over_limit(row: Row, pension: Pension) -> np.ndarray:
    """Months the pension's tested pay exceeds its limit (with that pension),
    in runs of at least its trigger months."""
    over = (pension.test_pay(row) > pension.limit(row) + 1e-9) & (pension.amount(row) > 0)
    return consecutive(over, row.series(pension.trigger_months))


def rests_and_end(row: Row, pension: Pension) -> tuple[np.ndarray, np.ndarray]:
    """(months the pension rests, months after it ended), computed once a row."""
    return row.memo(("rests_and_end", pension.key),
                    lambda: _rests_and_end(row, over_limit(row, pension), pension.amount(row)))


def paid(row: Row, pension: Pension) -> np.ndarray:
    """The pension paid: 0 in the months it rests and after it ended."""
    rest, ended = rests_and_end(row, pension)
    return np.where(rest | ended, 0.0, pension.full(row))


def kela_over_limit(row: Row) -> np.ndarray:
    """Months the tested pay exceeds the earnings limit (with a Kela pension),
    in runs of at least ``pension.rest_trigger_months_kela`` months."""
    return over_limit(row, KELA)


def earnings_related_over_limit(row: Row) -> np.ndarray:
    """Months the tested pay exceeds the earnings-related pension's limit, in
    runs of at least ``pension.rest_trigger_months_earnings_related`` months."""
    return over_limit(row, EARNINGS_RELATED)


def ended_after(rest: np.ndarray, longest: np.ndarray) -> np.ndarray:
    """Months from which a pension has ended: from the month a rest reaches
    ``longest`` months (read at the rest's first month) onwards."""
    out = np.zeros(len(rest), dtype=bool)
    for a, b in runs(rest):
        if b - a + 1 > int(longest[a]):
            out[a + int(longest[a]):] = True
            break
    return out


def _rests_and_end(row: Row, over: np.ndarray, amount: float) -> tuple[np.ndarray, np.ndarray]:
    rest = rest_months(over, row.employed, bool(row.person.let_pension_rest), _min_rest(row)) & (amount > 0)
    ended = ended_after(rest, row.series("pension.rest_max_months")) & (amount > 0)
    return rest & ~ended, ended


def kela_rests(row: Row) -> np.ndarray:
    """Months the Kela pension rests (bool)."""
    return rests_and_end(row, KELA)[0]


def kela_ended(row: Row) -> np.ndarray:
    """Months after the Kela pension ended (a rest of more than 2 years)."""
    return rests_and_end(row, KELA)[1]


def earnings_related_rests(row: Row) -> np.ndarray:
    """Months the earnings-related pension rests (bool)."""
    return rests_and_end(row, EARNINGS_RELATED)[0]


def earnings_related_ended(row: Row) -> np.ndarray:
    """Months after the earnings-related pension ended (a rest of more than 2 years)."""
    return rests_and_end(row, EARNINGS_RELATED)[1]


def kela_pension(row: Row) -> np.ndarray:
    """The Kela pension paid: 0 in the months it rests and after it ended."""
    return paid(row, KELA)


def earnings_related_pension(row: Row) -> np.ndarray:
    """The earnings-related pension paid: 0 in the months it rests and after it ended."""
    return paid(row, EARNINGS_RELATED)


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
    for pension in (KELA, EARNINGS_RELATED):
        kind, over, (rest, ended), lim = (pension.key, over_limit(row, pension), rests_and_end(row, pension),
                                          pension.limit(row))
        if over.any() or rest.any():
            notes.append(Message.make(
                f"pension_rests_{kind}" + ("_chosen" if whole else ""), pid=row.person.id, branch=row.branch,
                n_over=int(over.sum()), over=row.labels(over),
                n_rest=int(rest.sum()), rest=row.labels(rest),
                limit=float(lim[np.nonzero(over)[0][0]]) if over.any() else float(lim[0])))
            if ended.any():
                notes.append(Message.make("rest_over_two_years", pid=row.person.id, branch=row.branch,
                                          months=row.labels(ended), n=int(ended.sum())))
            years = {int(y) for y in calendar_year(row.months[rest])}
            law = row.params.get("pension.resting_law_in_force")
            unsure = sorted(y for y in years
                            if (e := law.entry_at(first_day(y * 12))).status != "confirmed" and "[check]" in e.note)
            if unsure:
                notes.append(Message.make("parameter_estimate", name=law.name, years=unsure,
                                          label=Text(law.description_fi, law.description)))
    return notes
