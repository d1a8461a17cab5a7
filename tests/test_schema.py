"""The scenario's one field schema (simulator/model/schema.py).

Every field of every scenario class carries a unit (or an explicit "no
unit"), a label and a help text in Finnish and English; the editor, the
workbook's Assumptions sheet and the assumption paths take units, labels and
limits from it, and a field added without metadata fails here.
"""
from __future__ import annotations

import re
from typing import Annotated

import pytest
from pydantic import Field, create_model

from simulator.export import fields as F
from simulator.i18n import LABELS, label
from simulator.model import paths
from simulator.model import scenario as sc
from simulator.model.loader import load
from simulator.model.schema import UNITS, field_meta, fields, meta
from ui import groups

PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
CLASSES = sc.MODELS


def missing_metadata(classes) -> list[str]:
    """``Class.field: what is missing`` for every field without full metadata."""
    out = []
    for cls in classes:
        for m in fields(cls):
            if m.unit is None:
                out.append(f"{cls.__name__}.{m.name}: no unit")
            elif m.unit not in UNITS:
                out.append(f"{cls.__name__}.{m.name}: unknown unit {m.unit!r}")
            for what, key in (("label", m.label), ("help", m.help)):
                if not key:
                    out.append(f"{cls.__name__}.{m.name}: no {what}")
                elif key not in LABELS or not all(LABELS[key]):
                    out.append(f"{cls.__name__}.{m.name}: {what} {key!r} has no fi and en text")
            if m.short is not None and (m.short not in LABELS or not all(LABELS[m.short])):
                out.append(f"{cls.__name__}.{m.name}: short name {m.short!r} has no fi and en text")
    return out


def test_the_scenario_classes_are_all_there():
    names = {c.__name__ for c in CLASSES}
    assert {"Scenario", "Assumptions", "Person", "WorkActivityPhase", "AvotyoPhase", "EmploymentPhase",
            "ExplicitPalkkatuki", "Staff", "RevenueLine", "Item", "Grant", "ShareCapital", "Loan",
            "Financing", "AfterConversion", "Pipeline"} <= names
    assert "Strict" not in names                     # the base class has no fields


def test_every_field_has_unit_label_and_help_in_finnish_and_english():
    assert missing_metadata(CLASSES) == []


def test_a_field_added_without_metadata_fails():
    grown = create_model("GrownStaff", __base__=sc.Staff,
                         bonus=(Annotated[float, Field(ge=0)], 0.0))
    assert missing_metadata([grown]) == ["GrownStaff.bonus: no unit", "GrownStaff.bonus: no label",
                                         "GrownStaff.bonus: no help"]
    half = create_model("HalfStaff", __base__=sc.Staff,
                        bonus=(Annotated[float, Field(ge=0), meta("eur", "f.no_such_label")], 0.0))
    assert missing_metadata([half]) == ["HalfStaff.bonus: label 'f.no_such_label' has no fi and en text",
                                        "HalfStaff.bonus: no help"]
    with pytest.raises(ValueError, match="unknown unit"):
        meta("furlongs", "f.amount", "h.amount")


def test_limits_and_kinds_come_from_the_types():
    m = field_meta(sc.EmploymentPhase, "hours_per_week")
    assert (m.unit, m.ge, m.le, m.kind, m.required, m.integer) == ("hours_week", 0.0, 60.0, "num", True, False)
    m = field_meta(sc.RevenueLine, "growth")             # Optional[Annotated[...]]: the limits inside
    assert (m.ge, m.le, m.optional, m.kind) == (-0.5, 1.0, True, "pct")
    m = field_meta(sc.Item, "due_month")
    assert (m.ge, m.le, m.integer, m.kind) == (1.0, 12.0, True, "calendar_month")
    assert field_meta(sc.Staff, "end").kind == "month"
    assert field_meta(sc.EmploymentPhase, "palkkatuki").choices == ("auto", "none")
    # the metadata is also in the JSON schema
    props = sc.Loan.model_json_schema()["properties"]
    assert props["annual_rate"]["unit"] == "share_year" and props["annual_rate"]["maximum"] == 1


def _unit_in_label(text: str) -> str | None:
    m = re.search(r"\(([^()]*)\)\s*$", text)
    return m.group(1) if m else None


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_editor_columns_and_fields_agree_with_the_schema(lang):
    """Each column and form field that is a model field shows the schema's
    label and help, and a unit written in its label is the schema's unit."""
    models = {"people": sc.Person, "wa": sc.AvotyoPhase, "emp": sc.EmploymentPhase, "staff": sc.Staff,
              "revenue": sc.RevenueLine, "overheads": sc.Item, "grants": sc.Grant,
              "share_capital": sc.ShareCapital, "loans": sc.Loan}
    pt = {"pt_choice": "palkkatuki", "pt_rate": "rate", "pt_months": "months", "pt_cap": "monthly_cap"}
    seen = []
    for tid, table in groups.TABLES.items():
        for c in table.cols:
            if c.key == "person":
                continue                                   # the row's person: not a field
            model, name = models[tid], c.key
            if c.key in pt:
                model, name = (sc.EmploymentPhase if c.key == "pt_choice" else sc.ExplicitPalkkatuki), pt[c.key]
            seen.append((model, name, c.label, c.help))
    for f in groups.GENERAL_FIELDS + groups.PIPELINE_FIELDS + groups.GROUPS["financing"].fields:
        if f.path == ("pipeline", "enabled"):
            continue                                       # the pipeline on or off: not a field
        model = {"assumptions": sc.Assumptions, "pipeline": sc.Pipeline}.get(f.path[0], sc.Scenario)
        if f.path[:2] == ("pipeline", "after_conversion"):
            model = sc.AfterConversion
        seen.append((model, f.path[-1], f.label, f.help))
    assert len(seen) > 60
    for model, name, lab, hlp in seen:
        m = field_meta(model, name)
        assert (lab, hlp) == (m.label, m.help), f"{model.__name__}.{name}"
        shown = _unit_in_label(label(lab, lang))
        if shown is not None and m.unit:
            assert shown == label(f"u.{m.unit}", lang), f"{model.__name__}.{name}: {shown!r} vs {m.unit}"


def test_workbook_rows_agree_with_the_schema():
    """The Assumptions sheet's scalar rows: one a schema field, in the model's
    order, with the schema's unit; tables list the model's fields."""
    owners = {"": sc.Scenario, "assumptions": sc.Assumptions, "pipeline": sc.Pipeline,
              "pipeline.after_conversion": sc.AfterConversion}
    for path, kind, unit in F.SCALARS + F.ASSUMPTIONS + F.PIPELINE:
        head, _, name = path.rpartition(".")
        if name not in owners[head].model_fields and name not in F.PALKKATUKI_COLUMNS[1:]:
            # a sheet-only row of a field (the English text of a {fi, en} description)
            assert name.split("_")[0] in owners[head].model_fields, path
            continue
        if name in F.PALKKATUKI_COLUMNS[1:]:
            m = field_meta(sc.ExplicitPalkkatuki, {"palkkatuki_rate": "rate", "palkkatuki_months": "months",
                                                   "palkkatuki_cap": "monthly_cap"}[name])
        else:
            m = field_meta(owners[head], name)
        expected = "bool" if m.base is bool else F.XL_UNIT.get(m.unit, "")
        assert unit == expected, path
        if unit:
            assert all(LABELS[f"xl.unit.{unit}"]), path
    # units of the rows as they were declared by hand before the schema (hand-checked)
    rows = {p: u for p, _, u in F.SCALARS + F.ASSUMPTIONS + F.PIPELINE}
    assert rows["start"] == "month" and rows["horizon_months"] == "months" and rows["opening_cash"] == "eur"
    assert rows["assumptions.wage_growth"] == "share_year"
    assert rows["assumptions.accident_insurance_rate"] == "share_blank_statutory"
    assert rows["assumptions.vat_registered"] == "bool"
    assert rows["pipeline.after_conversion.hourly_wage"] == "eur_hour"
    assert rows["pipeline.after_conversion.palkkatuki_cap"] == "eur_month"
    assert [p for p, _, _ in F.ASSUMPTIONS] == [f"assumptions.{n}" for n in sc.Assumptions.model_fields]
    assert [f for f, _ in F.TABLES["loans"]] == list(sc.Loan.model_fields)
    assert [f for f, _ in F.TABLES["phases"]][:4] == ["person", "kind", "start", "end"]


@pytest.mark.parametrize("pilot", PILOTS)
def test_assumption_paths_agree_with_the_schema(pilot):
    """Each path's unit, short label and limits are the schema's (revenue's
    price and volume take the line's basis into the unit)."""
    s = load(f"scenarios/{pilot}.yaml")
    items = paths.numeric_assumptions(s, months=False)
    assert items
    for a in items:
        t = paths._resolve(s, a.path)
        m = field_meta(t.model, t.field)
        assert m.assumption, a.path
        fi, en = LABELS[m.short]
        assert a.label_fi.endswith(fi) or f": {fi} (" in a.label_fi or a.label_fi == fi, a.path
        assert a.label_en.endswith(en) or f": {en} (" in a.label_en or a.label_en == en, a.path
        if not (a.path.startswith("revenue[") and t.field in ("price", "volume")):
            assert a.unit == paths.PATH_UNIT[m.unit], a.path
        assert (a.minimum, a.maximum, a.integer) == (m.ge, m.le, m.integer), a.path


def test_the_same_field_has_the_same_unit_everywhere():
    """A field that is in the editor, on the sheet and an assumption path
    has one unit: the sheet's and the path's unit both come from it."""
    m = field_meta(sc.EmploymentPhase, "hourly_wage")
    assert (F.XL_UNIT[m.unit], paths.PATH_UNIT[m.unit], label(f"u.{m.unit}", "fi")) == ("eur_hour", "€/h", "€/h")
    assert _unit_in_label(label(field_meta(sc.EmploymentPhase, "hourly_wage").label, "fi")) == "€/h"
    m = field_meta(sc.Assumptions, "discount_rate")
    assert (F.UNITS["discount_rate"], paths.ASSUMPTION_FIELDS["discount_rate"]) == ("share_year", "share")
    assert _unit_in_label(label(m.label, "fi")) == "%/v"
