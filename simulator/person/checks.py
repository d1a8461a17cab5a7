"""Input checks of the person's view, reported like scenario errors:
``(path, English, Finnish)`` triples, raised as a ``ScenarioError`` so the
command line and the app show them the same way as any bad scenario field.

The strict scenario model already refuses negative amounts, unknown
municipalities and unknown benefit levels; these checks cover what needs
two fields at once.
"""
from __future__ import annotations

from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError


def person_problems(scenario: Scenario) -> list[tuple[str, str, str]]:
    """Every problem of every person's view inputs in a scenario."""
    out = []
    for i, p in enumerate(scenario.people):
        path = f"people[{i}]"
        kela = p.disability_pension or 0.0
        er = p.earnings_related_pension or 0.0
        if p.let_pension_rest and kela <= 0 and er <= 0:
            out.append((f"{path}.let_pension_rest",
                        "let_pension_rest is set but the person has no pension amount: give "
                        "disability_pension (Kela, €/month) or earnings_related_pension (€/month)",
                        "eläkkeen lepäämään jättäminen on valittu, mutta eläkkeen määrää ei ole annettu: "
                        "anna disability_pension (Kela, €/kk) tai earnings_related_pension (€/kk)"))
        if p.hoitotuki and kela <= 0 and er <= 0:
            out.append((f"{path}.hoitotuki",
                        "hoitotuki (care allowance for pensioners) needs a pension amount: give "
                        "disability_pension or earnings_related_pension, or use vammaistuki",
                        "eläkettä saavan hoitotuki edellyttää eläkettä: anna disability_pension tai "
                        "earnings_related_pension, tai käytä vammaistukea"))
        if p.hoitotuki and p.vammaistuki:
            out.append((f"{path}.vammaistuki",
                        "give either hoitotuki or vammaistuki, not both (they are not paid together)",
                        "anna joko hoitotuki tai vammaistuki, ei molempia (niitä ei makseta yhtä aikaa)"))
        if p.personal_earnings_limit is not None and er <= 0:
            out.append((f"{path}.personal_earnings_limit",
                        "a personal earnings limit applies to an earnings-related pension: give "
                        "earnings_related_pension (€/month)",
                        "henkilökohtainen ansioraja koskee työeläkettä: anna earnings_related_pension (€/kk)"))
    return out


def check_people(scenario: Scenario, source: str = "<scenario>") -> None:
    """Raise ``ScenarioError`` with every person-view problem of a scenario."""
    problems = person_problems(scenario)
    if problems:
        raise ScenarioError(source, problems)


def find_person(scenario: Scenario, person_id: str, source: str = "<scenario>"):
    """The person with ``person_id``, or a ``ScenarioError`` naming the ids there are."""
    for p in scenario.people:
        if p.id == person_id:
            return p
    ids = ", ".join(p.id for p in scenario.people) or "–"
    raise ScenarioError(source, [("people", f"no person {person_id!r} in the scenario (people: {ids})",
                                  f"skenaariossa ei ole henkilöä {person_id!r} (henkilöt: {ids})")])
