"""The person's side and the public purse's side of a scenario.

Built on the engine (``simulator.engine.project``); the engine never imports
this package.

The person's lines themselves (pay with lomaraha, työosuusraha, pensions
with the earnings limit, benefits, contributions, tax, fees, net income,
against staying in the first phase) are engine outputs
(``simulator/engine/household``, read through ``Projection.person(id)`` and
``Projection.people``; docs/rules.md "The person's money"). Here:

- ``income.py``: ``person_view(scenario, "M1")``: the view of those lines
  month by month and year by year, the summary, the JSON of ``person``;
  warnings as messages (``simulator/i18n/messages.py``).
- ``cliff.py``: ``pension_cliff(...)``: net income a month by hours a week,
  the limit and break-even hours, the hours under the limit each year.
- ``public.py``: ``public_purse(scenario)``: paid out and back by payer
  (municipality/county, state, Kela, pension insurers), net public cost per
  person-year and per paid hour.
- ``checks.py``: input checks that need two fields (a pension flag without
  an amount, hoitotuki and vammaistuki together); raise ``ScenarioError``.
- the ``person`` and ``public`` commands are ``simulator/cli/person.py``.

The state income tax scale is stored one bracket element a file
(``income_tax/state_scale_lower_k``, ``state_scale_rate_k``, k = 1..6, and
``state_scale_base``) because a parameter file holds one number per date;
a year with fewer brackets repeats its top bracket, which changes nothing.
Municipal rates not found for a year carry the last rate forward with
status ``gap``, and every use is named in the warnings.
"""
from .cliff import pension_cliff
from .income import PersonView, person_view
from .public import PublicPurse, public_purse

__all__ = ["PersonView", "PublicPurse", "pension_cliff", "person_view",
           "public_purse"]
