"""The parties and the party lines, declared once.

A party line is one transfer between two parties (or a party and the
outside world), with one amount a month; ``data/payers.yaml`` says who pays
and who receives it in each period (``payers.py``). Labels are in
``simulator/i18n/parties.py``: ``party.<party>`` and ``party_line.<line>``
(fi, en); docs/rules.md, chapter "Parties and the status quo", states each
line's rule.

- ``PARTIES``: the parties of ``compare --format json`` ``parties``, in
  order. ``organisation_full_cost`` is a view of the organisation (its
  result less the public inputs it gets free), not a party of its own: it
  is left out of the conservation sums.
- ``FLOW_PARTIES``: the parties money moves between; ``OUTSIDE`` the world
  beyond them (customers, companies, suppliers, staff, private insurers,
  lenders).
- ``PUBLIC``: the public bodies (the public purse).
- ``LINES``: every party line: ``source`` says where its amount comes
  from (``person`` = the engine's person line of that name or named in
  ``PERSON_SOURCE``; ``column`` = the projection's accrual column of that
  name; ``derived`` = computed in ``flows.py``).
- ``FREE_INPUTS``: the lines that are public inputs the organisation gets
  free (``organisation_full_cost`` subtracts them from its result).
"""
from __future__ import annotations

from dataclasses import dataclass

PARTIES = ("organisation", "organisation_full_cost", "county", "municipality", "employment_area", "state",
           "kela", "pension_insurers", "people")
FLOW_PARTIES = ("organisation", "county", "municipality", "employment_area", "state", "kela",
                "pension_insurers", "people")
PUBLIC = ("county", "municipality", "employment_area", "state", "kela", "pension_insurers")
OUTSIDE = "outside"


@dataclass(frozen=True)
class PartyLine:
    name: str
    source: str            # person | column | derived
    topic: str             # people | organisation | public_staff

    @property
    def label(self) -> str:
        return f"party_line.{self.name}"


def _p(name):
    return PartyLine(name, "person", "people")


def _c(name):
    return PartyLine(name, "column", "organisation")


def _d(name, topic="organisation"):
    return PartyLine(name, "derived", topic)


#: the engine's person line each person-sourced party line reads (default: the same name)
PERSON_SOURCE = {"tyoosuusraha_here": "tyoosuusraha_here", "work_activity_fees_here": "work_activity_fees_here"}

_LINES = [
    # the people's own money
    _d("pay_from_organisation", "people"), _d("pay_from_company", "people"),
    _p("tyoosuusraha_here"), _d("tyoosuusraha_elsewhere", "people"),
    _p("kela_pension"), _p("earnings_related_pension"), _p("hoitotuki"), _p("vammaistuki"),
    _p("housing_allowance"), _p("pensioners_housing_allowance"), _p("general_housing_allowance"), _p("labour_market_support"),
    _p("basic_social_assistance"), _p("supplementary_social_assistance"),
    _p("work_activity_fees_here"), _d("work_activity_fees_elsewhere", "people"), _p("client_fee"),
    _p("state_tax"), _p("yle_tax"), _p("municipal_tax"), _p("medical_care"),
    _p("employee_pension"), _p("employee_unemployment"), _p("daily_allowance_contribution"),
    # work activity arranged by another unit
    _d("day_prices_elsewhere", "people"), _d("day_price_elsewhere", "outside"),
    _d("company_pay_subsidy", "outside"),
    # the organisation's own lines
    _c("sales"), _c("avotyo_fees"), _c("other_income"), _c("day_price_income"), _c("pay_subsidy"), _c("grants"),
    _c("avoided_costs"),
    _d("pay_accrual_difference"), _d("staff_pay"),
    _c("employer_pension"), _c("employer_health_insurance"), _c("employer_unemployment_insurance"),
    _c("accident_insurance"), _c("group_life_insurance"), _c("sick_pay_contributions"),
    _c("occupational_health_care"), _c("work_activity_costs"), _c("overheads"), _c("one_off_costs"),
    _c("depreciation"), _c("interest"), _c("vat_relief"), _c("non_deductible_vat"), _c("income_tax"),
    # staff paid by the public outside the organisation's budget
    _d("public_staff_pay", "public_staff"), _d("public_staff_pension", "public_staff"),
    _d("public_staff_health_insurance", "public_staff"), _d("public_staff_unemployment_insurance", "public_staff"),
]
LINES: dict[str, PartyLine] = {x.name: x for x in _LINES}

#: the organisation's pay costs of its rows: split into pay to its people,
#: pay to its staff and ``pay_accrual_difference`` (flows.py)
PAY_COLUMNS = ("wages", "holiday_pay", "holiday_bonus", "sick_pay")
#: the organisation's work-activity pay (työosuusraha): to the people (tyoosuusraha_here)
WORK_ACTIVITY_PAY_COLUMN = "work_activity_pay"
#: the organisation's fees from its clients: from the people (work_activity_fees_here)
CLIENT_FEES_COLUMN = "client_fees"

FREE_INPUTS = ("grants", "public_staff_pay", "public_staff_pension", "public_staff_health_insurance",
               "public_staff_unemployment_insurance")
