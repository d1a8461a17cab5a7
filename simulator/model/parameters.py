"""Dated statutory parameters from ``data/parameters/**/*.yaml``.

One file per parameter; its name is the path below ``data/parameters``
with dots, e.g. ``tyel/employer_average.yaml`` -> ``tyel.employer_average``.
A file holds ``description``, ``description_fi``, ``unit``, ``known_until``
and ``values``: dated entries ``YYYY-MM-DD: {value, source, status, note}``.
An entry is in force from its date until the next entry's date.

- ``unit: percent`` values are written as in the source (24.4) and returned
  as fractions (0.244) by ``value`` and ``series``.
- ``status`` is ``confirmed``, ``unconfirmed``, ``computed`` or ``gap``. A
  ``gap`` entry carries an earlier value forward because the real figure was
  not found; using it adds a warning.
- A date after ``known_until`` carries the last value forward and adds a
  warning too.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from simulator.i18n.messages import Message, Text
from simulator.model.conventions import first_day

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "parameters"
UNITS = {
    "percent", "eur_per_month", "eur_per_year", "eur_per_day", "eur",
    "months", "days_per_month", "days", "hours_per_month", "flag", "years",
}
STATUSES = {"confirmed", "unconfirmed", "computed", "gap"}


class ParameterError(ValueError):
    """A parameter file is malformed or a parameter is unknown."""


@dataclass(frozen=True)
class Entry:
    valid_from: dt.date
    value: float
    source: str
    status: str
    note: str = ""


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    description_fi: str
    unit: str
    known_until: dt.date
    entries: tuple[Entry, ...]
    note: str = ""
    ages: tuple[int | None, int | None] | None = None
    path: str = ""
    upper_age_by_birth_year: str | None = None  # a parameter keyed by birth date (tyel.upper_age)

    @property
    def scale(self) -> float:
        return 0.01 if self.unit == "percent" else 1.0

    def entry_at(self, day: dt.date) -> Entry:
        found = None
        for e in self.entries:
            if e.valid_from <= day:
                found = e
            else:
                break
        if found is None:
            raise ParameterError(
                f"{self.name}: no value before {day.isoformat()} "
                f"(first value is from {self.entries[0].valid_from.isoformat()})")
        return found


def _as_date(raw, where: str) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError as exc:
        raise ParameterError(f"{where}: expected a date YYYY-MM-DD, got {raw!r}") from exc


def _load_file(path: Path, root: Path) -> Parameter:
    name = ".".join(path.relative_to(root).with_suffix("").parts)
    where = str(path)
    try:
        # libyaml's safe loader when PyYAML has it: the same documents, 7x faster (the app's cold start)
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{where}: not readable YAML ({exc})") from exc
    if not isinstance(doc, dict):
        raise ParameterError(f"{where}: expected a mapping")
    problems = [f"{where}: missing '{k}'" for k in
                ("description", "description_fi", "unit", "known_until", "values")
                if k not in doc]
    if problems:
        raise ParameterError("; ".join(problems))
    if doc["unit"] not in UNITS:
        raise ParameterError(f"{where}: unit {doc['unit']!r} is not one of {sorted(UNITS)}")
    entries = []
    for raw_day, item in sorted(doc["values"].items(), key=lambda kv: str(kv[0])):
        w = f"{where}: values.{raw_day}"
        if not isinstance(item, dict) or "value" not in item or "source" not in item:
            raise ParameterError(f"{w}: expected value and source")
        status = item.get("status", "confirmed")
        if status not in STATUSES:
            raise ParameterError(f"{w}: status {status!r} not in {sorted(STATUSES)}")
        try:
            value = float(item["value"])
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"{w}: value must be a number") from exc
        entries.append(Entry(_as_date(raw_day, w), value, str(item["source"]),
                             status, str(item.get("note", ""))))
    if not entries:
        raise ParameterError(f"{where}: no values")
    ages = doc.get("applies_to_ages")
    return Parameter(
        name=name, description=str(doc["description"]),
        description_fi=str(doc["description_fi"]), unit=doc["unit"],
        known_until=_as_date(doc["known_until"], f"{where}: known_until"),
        entries=tuple(entries), note=str(doc.get("note", "")),
        ages=tuple(ages) if ages else None, path=str(path.relative_to(root.parent.parent)),
        upper_age_by_birth_year=doc.get("upper_age_by_birth_year"))


@dataclass
class ParameterSet:
    """All parameters, with lookups by date and by month series."""

    parameters: dict[str, Parameter]
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, directory: Path | str = DATA_DIR) -> "ParameterSet":
        return _load_cached(str(Path(directory).resolve()))

    def get(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise ParameterError(f"unknown parameter {name!r}") from None

    def value(self, name: str, day: dt.date | int) -> float:
        """Value in force on a date (or the first day of a month number)."""
        p = self.get(name)
        if isinstance(day, (int, np.integer)):
            day = first_day(int(day))
        return p.entry_at(day).value * p.scale

    def age_band(self, name: str, birth_year: int) -> tuple[int | None, int | None] | None:
        """The ages (lo, hi), by age reached in the calendar year, at which a
        parameter applies to a person born in ``birth_year``; None = all ages.
        Where the file names ``upper_age_by_birth_year`` (the TyEL/JuEL
        upper age limit 68/69/70), ``hi`` is that limit for the birth year:
        the one place where the limit depends on the birth year."""
        p = self.get(name)
        if not p.ages:
            return None
        lo, hi = p.ages
        if p.upper_age_by_birth_year:
            hi = int(self.get(p.upper_age_by_birth_year).entry_at(dt.date(int(birth_year), 1, 1)).value)
        return lo, hi

    def series(self, name: str, months: np.ndarray, warnings: set | None = None) -> np.ndarray:
        """Values in force on the first day of each month, as an array.

        Adds to ``warnings`` a ``Message`` (``parameter_gap``) where a value
        is a carried-forward gap or the month is past ``known_until``.
        """
        key = (name, int(months[0]), len(months))
        hit = self._cache.get(key)
        if hit is None:
            p = self.get(name)
            vals = np.empty(len(months))
            unsourced = set()
            for i, m in enumerate(months):
                day = first_day(int(m))
                e = p.entry_at(day)
                vals[i] = e.value * p.scale
                if e.status == "gap" or day > p.known_until:
                    unsourced.add(int(m) // 12)
            notes = (gap_message(p, unsourced),) if unsourced else ()
            hit = (vals, notes)
            self._cache[key] = hit
        if warnings is not None:
            warnings.update(hit[1])
        return hit[0]

    def estimate_years(self, name: str, months: np.ndarray) -> tuple[int, ...]:
        """Years in which a value used for ``months`` is an unconfirmed
        estimate (status ``unconfirmed`` with ``[check]`` in its note); cached."""
        key = ("estimate", name, int(months[0]), len(months))
        hit = self._cache.get(key)
        if hit is None:
            p = self.get(name)
            hit = tuple(sorted({int(m) // 12 for m in months
                                if (e := p.entry_at(first_day(int(m)))).status == "unconfirmed"
                                and "[check]" in e.note}))
            self._cache[key] = hit
        return hit

    def in_force(self, day: dt.date) -> list[dict]:
        """Every parameter's entry in force on a date, for display."""
        rows = []
        for name, p in sorted(self.parameters.items()):
            try:
                e = p.entry_at(day)
            except ParameterError:
                continue
            rows.append({
                "name": name, "description": p.description, "description_fi": p.description_fi,
                "value": e.value, "unit": p.unit, "valid_from": e.valid_from.isoformat(),
                "status": e.status, "source": e.source, "note": e.note,
                "estimate": e.status == "gap" or day > p.known_until,
            })
        return rows


def gap_message(p: Parameter, years) -> Message:
    """The warning that ``p`` has no sourced value for ``years`` and the last
    known value is carried forward (its description in both languages)."""
    return Message.make("parameter_gap", name=p.name, label=Text(p.description_fi, p.description),
                        years=sorted(int(y) for y in years))


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> ParameterSet:
    root = Path(directory)
    if not root.is_dir():
        raise ParameterError(f"parameter directory not found: {root}")
    params = {}
    for path in sorted(root.rglob("*.yaml")):
        p = _load_file(path, root)
        params[p.name] = p
    return ParameterSet(params)
