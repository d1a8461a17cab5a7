"""Pension rest by institution (issue 14 item 6): Kela rests from the first
month over the limit; an earnings-related pension (Keva; TyEL alike) only
after 3 consecutive months over, with lomaraha spread over the year; a rest
of 2 years ends the pension. Hand arithmetic beside each expectation."""
from __future__ import annotations

import numpy as np

from simulator.engine.household.pension_rest import consecutive, ended_after


def test_keva_needs_three_consecutive_months_over():
    # over in months 0–1 (2 months: no rest), then 4–6 (3 months: rests)
    over = np.array([1, 1, 0, 0, 1, 1, 1, 0], dtype=bool)
    got = consecutive(over, np.full(8, 3))
    assert got.tolist() == [False, False, False, False, True, True, True, False]


def test_kela_rests_from_the_first_month_over():
    over = np.array([0, 1, 0, 1, 1], dtype=bool)
    assert consecutive(over, np.full(5, 1)).tolist() == over.tolist()


def test_a_rest_of_two_years_ends_the_pension():
    # a rest from month 2 for 30 months: 24 months rest (2..25), ended from month 26 onwards
    rest = np.zeros(40, dtype=bool)
    rest[2:32] = True
    ended = ended_after(rest, np.full(40, 24))
    assert not ended[:26].any() and ended[26:].all()
    # a rest of exactly 24 months does not end it
    rest24 = np.zeros(40, dtype=bool)
    rest24[2:26] = True
    assert not ended_after(rest24, np.full(40, 24)).any()
