"""Finding a person of a scenario by id, with an error naming the ids there
are. (The checks of the person's inputs that need two fields are part of
scenario validation: ``simulator/model/problems.py``.)"""
from __future__ import annotations

from simulator.model.problems import ScenarioError
from simulator.model.scenario import Scenario


def find_person(scenario: Scenario, person_id: str, source: str = "<scenario>"):
    """The person with ``person_id``, or a ``ScenarioError`` naming the ids there are."""
    for p in scenario.people:
        if p.id == person_id:
            return p
    ids = ", ".join(p.id for p in scenario.people) or "–"
    raise ScenarioError(source, [("people", f"no person {person_id!r} in the scenario (people: {ids})",
                                  f"skenaariossa ei ole henkilöä {person_id!r} (henkilöt: {ids})")])
