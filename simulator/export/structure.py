"""Which input drives each roster row in each month.

The engine compiles people and staff into person × month arrays
(``simulator/roster.py``). The workbook shows the same rows, but its
amounts must be formulas that point at the Assumptions sheet, so the
exporter needs to know, for every row and month, which phase row (or staff
row, or the pipeline's ``after_conversion``) is in force. This module
repeats the roster's timing rules on the roster's own rows
(``roster._expand_people`` and ``roster._staff_rows``) and records the
source of every phase. The timing (which months, weights' kinds, settlement
months) is structure: the workbook holds it as values, while every amount,
rate and hour count stays a formula.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.engine import roster as rst
from simulator.model.conventions import month_number
from simulator.model.scenario import EmploymentPhase, Scenario


@dataclass(frozen=True)
class Source:
    """Where a phase's amounts live in the Assumptions sheet.

    kind: ``phase`` (a row of the phases table), ``back`` (the returned share
    of a time-limited avotyö: that avotyö row's work-activity terms, no
    company fee), ``pipeline`` (``after_conversion``), ``staff`` (a staff row).
    """
    kind: str
    index: int = -1          # phases-table row or staff-table row


@dataclass
class Decision:
    """An employment with this organisation of a person row: the pay-subsidy
    rules are those in force at its start."""
    row: int
    phase: EmploymentPhase
    source: Source
    start_no: int
    cols: tuple[int, int]    # projection columns [a, b) of the phase


@dataclass
class RowPlan:
    index: int
    id: str
    person_id: str
    share: str               # "one", "paid_work" (conversion_rate), "returned" (1 - conversion_rate)
    is_staff: bool
    person_index: int        # index into scenario.people (-1 for staff)
    staff_index: int         # index into scenario.staff (-1 for people)
    month_source: list       # per column: (Source, phase) or None
    employment_start: np.ndarray
    employment_last: np.ndarray
    decisions: list = field(default_factory=list)


def phase_table_index(s: Scenario) -> dict[tuple[int, int], int]:
    """(person index, phase index in the file) -> row of the flat phases table."""
    out, k = {}, 0
    for i, p in enumerate(s.people):
        for j, _ in enumerate(p.phases):
            out[(i, j)] = k
            k += 1
    return out


def plan(s: Scenario) -> list[RowPlan]:
    """One RowPlan per roster row, in the roster's order."""
    flat = phase_table_index(s)
    first, last = s.first_month, s.last_month
    n = last - first + 1
    person_at = {p.id: i for i, p in enumerate(s.people)}
    # the staff rows of the roster (rst._staff_rows): not paid by the municipality, and not a
    # shared post at marginal cost (share 0)
    staff_idx = [i for i, st in enumerate(s.staff)
                 if st.paid_by != "municipality" and rst.unit_share(s, st.shared_by_participants) != 0]
    rows = rst._expand_people(s) + rst._staff_rows(s)
    plans = []
    k_staff = 0
    for ri, row in enumerate(rows):
        if row.is_staff:
            pi, si = -1, staff_idx[k_staff]
            k_staff += 1
            sources = [Source("staff", si)] * len(row.phases)
            share = "one"
        else:
            pi, si = person_at[row.person_id], -1
            orig = s.people[pi].phases
            sources = []
            for ph in row.phases:
                j = next((j for j, o in enumerate(orig) if o is ph), None)
                if j is None and ph.kind == "avotyo":
                    j = next(j for j, o in enumerate(orig)
                             if o.kind == "avotyo" and o.start == ph.start)
                if j is not None:
                    sources.append(Source("phase", flat[(pi, j)]))
                elif ph.kind == "employment":
                    sources.append(Source("pipeline"))
                else:  # the returned share goes back to the avotyö's work-activity terms
                    sources.append(Source("back", sources[-1].index))
            share = row.id.rsplit(":", 1)[1] if ":" in row.id and row.id.split(":")[-1] in (
                "paid_work", "returned") else "one"
        month_source = [None] * n
        emp_start = np.full(n, -1, dtype=np.int64)
        emp_last = np.zeros(n, dtype=bool)
        rp = RowPlan(ri, row.id, row.person_id, share, row.is_staff, pi, si, month_source,
                     emp_start, emp_last)
        phases = row.phases
        for k, (ph, src) in enumerate(zip(phases, sources)):
            nxt = month_number(phases[k + 1].start) if k + 1 < len(phases) else None
            sl = rst._span(ph, first, last, nxt if ph.end is None else None)
            if sl is None:
                continue
            a, e = sl
            for c in range(a, e):
                month_source[c] = (src, ph)
            if isinstance(ph, EmploymentPhase):
                start_no = month_number(ph.start)
                emp_start[a:e] = start_no
                if ph.employer == "this":
                    end_no = month_number(ph.end) if ph.end else (nxt - 1 if nxt else None)
                    if end_no is not None and first <= end_no <= last:
                        emp_last[end_no - first] = True
                    if not row.is_staff:
                        rp.decisions.append(Decision(ri, ph, src, start_no, (a, e)))
        plans.append(rp)
    return plans
