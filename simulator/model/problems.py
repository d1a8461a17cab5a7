"""Every problem in a scenario at once, each with its path
(``people[2].phases[0].hours_per_week``) and its English and Finnish text."""
from __future__ import annotations

from pydantic import ValidationError

from simulator.model.conventions import month_number
from simulator.model.scenario import Scenario
from simulator.model.uncertainty_spec import own_problems


SHOWN_CHARS = 80        # a user's value echoed in a message: at most this many characters
MESSAGE_CHARS = 600     # one place or text of a problem: at most this many (a safety net)


def shown(value, limit: int = SHOWN_CHARS) -> str:
    """A user's value as echoed in a message: its repr, cut to ``limit``
    characters with "…" (a 100 000-character value is not echoed whole)."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]            # cut before repr: never build a huge text
        return repr(value)[:limit] + "…"
    text = repr(value) if not isinstance(value, (list, dict, tuple)) or len(value) < 50 else \
        f"<{type(value).__name__} of {len(value)}>"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _cut(text: str) -> str:
    text = str(text)
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS - 1] + "…"


class ScenarioError(Exception):
    """Every problem found in one scenario file. Every text is cut to
    ``MESSAGE_CHARS`` here, whoever built it (values are cut to ``SHOWN_CHARS``
    by ``shown`` where they are put in a message)."""

    def __init__(self, source: str, problems: list[tuple[str, str, str]]):
        self.source = _cut(source)
        self.problems = [(_cut(p), _cut(en), _cut(fi)) for p, en, fi in problems]  # (path, english, finnish)
        super().__init__(self.render())

    def render(self, lang: str = "both") -> str:
        lines = []
        for path, en, fi in self.problems:
            where = f"{self.source}: {path}" if path else self.source
            text = {"en": en, "fi": fi}.get(lang, f"{en} / {fi}")
            lines.append(f"{where}: {text}")
        return "\n".join(lines)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("work_activity", "avotyo", "employment", "function-after[_check_month()]",
                      "ExplicitPalkkatuki", "literal['auto','none']"):
            continue  # discriminator and union branch names are noise
        elif isinstance(part, str) and part.isidentifier():
            out += ("." if out else "") + part
        else:
            out += f"[{shown(part)}]"   # an odd key ('', ' name', None) stays visible
    return out


_FI = {
    "missing": "pakollinen kenttä puuttuu",
    "extra_forbidden": "tuntematon kenttä",
    "greater_than_equal": "pitää olla vähintään {ge}",
    "less_than_equal": "saa olla enintään {le}",
    "float_type": "pitää olla luku",
    "int_type": "pitää olla kokonaisluku",
    "bool_type": "pitää olla true tai false",
    "string_type": "pitää olla tekstiä",
    "literal_error": "sallitut arvot: {expected}",
    "union_tag_invalid": "tuntematon vaihe (sallitut: work_activity, avotyo, employment)",
    "union_tag_not_found": "vaiheelta puuttuu kind",
    "list_type": "pitää olla luettelo",
    "model_type": "pitää olla avain–arvo-rakenne",
    "dict_type": "pitää olla avain–arvo-rakenne",
    "string_too_short": "ei saa olla tyhjä",
    "string_pattern_mismatch": "saa sisältää vain kirjaimia, numeroita, - ja _",
    "finite_number": "pitää olla äärellinen luku",
    "string_too_long": "liian pitkä (enintään {max_length} merkkiä)",
}


_FI_VALUE = {
    "expected a month": "odotettiin kuukautta muodossa VVVV-KK",
    "month must be": "kuukauden pitää olla 01–12",
    "year out of range": "vuosi ei ole mahdollinen",
    "needs 12 monthly factors": "tarvitaan 12 kuukausikerrointa",
    "expected a text or {fi": "odotettiin tekstiä tai {fi: teksti, en: teksti}",
}


def _pydantic_problems(exc: ValidationError) -> list[tuple[str, str, str]]:
    out = []
    for err in exc.errors(include_url=False):
        path = _loc(err["loc"])
        ctx = err.get("ctx") or {}
        en = err["msg"].removeprefix("Value error, ")
        if "input" in err and err["type"] not in ("missing", "value_error") and not isinstance(err["input"], (dict, list)):
            en += f" (got {shown(err['input'])})"
        fi = _FI.get(err["type"])
        if fi:
            try:
                fi = fi.format(**ctx)
            except (KeyError, IndexError):
                pass
        elif err["type"] == "value_error":
            msg = str(ctx.get("error", en))
            fi = next((f for e, f in _FI_VALUE.items() if msg.startswith(e)), "virheellinen arvo")
        else:
            fi = "virheellinen arvo"
        out.append((path, en, fi))
    # A union of literal/model reports each branch; keep one line per path.
    seen, unique = set(), []
    for p in out:
        if p[0] not in seen:
            seen.add(p[0])
            unique.append(p)
    return unique


def _semantic_problems(s: Scenario) -> list[tuple[str, str, str]]:
    """Cross-field checks: end before start, overlapping phases, pay given."""
    probs = []

    def span(obj, path):
        if getattr(obj, "start", None) and getattr(obj, "end", None):
            if month_number(obj.end) < month_number(obj.start):
                probs.append((f"{path}.end", f"end {obj.end} is before start {obj.start}",
                              f"loppu {obj.end} on ennen alkua {obj.start}"))

    for i, p in enumerate(s.people):
        if p.birth_year is None and p.age is None:
            probs.append((f"people[{i}]", "give birth_year or age", "anna birth_year tai age"))
        starts = sorted((month_number(ph.start), j) for j, ph in enumerate(p.phases))
        spans = []
        for k, (a, j) in enumerate(starts):
            ph = p.phases[j]
            path = f"people[{i}].phases[{j}]"
            span(ph, path)
            if ph.kind == "employment" and (ph.hourly_wage is None) == (ph.monthly_pay is None):
                probs.append((path, "give exactly one of hourly_wage or monthly_pay",
                              "anna joko hourly_wage tai monthly_pay (vain toinen)"))
            # a phase without end lasts until the next phase begins
            nxt = next((b for b, _ in starts[k + 1:] if b > a), None)
            end = month_number(ph.end) if ph.end else (nxt - 1 if nxt else 10**9)
            spans.append((a, end, j))
        for (a1, b1, j1), (a2, b2, j2) in zip(spans, spans[1:]):
            if a2 <= b1:
                probs.append((f"people[{i}].phases[{j2}]",
                              f"overlaps phases[{j1}] of the same person",
                              f"menee päällekkäin saman henkilön vaiheen phases[{j1}] kanssa"))
    ids = [p.id for p in s.people]
    for i, pid in enumerate(ids):
        if ids.index(pid) != i:
            probs.append((f"people[{i}].id", f"duplicate id {shown(pid)}", f"tunnus {shown(pid)} on jo käytössä"))
    for i, st in enumerate(s.staff):
        span(st, f"staff[{i}]")
    for i, r in enumerate(s.revenue):
        span(r, f"revenue[{i}]")
    for group in ("overheads", "grants"):
        for i, it in enumerate(getattr(s, group)):
            path = f"{group}[{i}]"
            span(it, path)
            if it.kind == "one_off" and not it.start:
                probs.append((f"{path}.start", "a one-off needs start (its month)",
                              "kertaerälle pitää antaa start (kuukausi)"))
            if it.kind == "annual" and it.due_month is None:
                probs.append((f"{path}.due_month", "an annual item needs due_month (1-12)",
                              "vuosierälle pitää antaa due_month (1–12)"))
    ac = s.pipeline.after_conversion if s.pipeline else None
    if ac is not None and (ac.hourly_wage is None) == (ac.monthly_pay is None):
        probs.append(("pipeline.after_conversion", "give exactly one of hourly_wage or monthly_pay",
                      "anna joko hourly_wage tai monthly_pay (vain toinen)"))
    if s.uncertainty is not None:
        # the section's own checks; whether its paths name fields of the scenario
        # is checked where they are used (a renamed item must not block saving)
        probs.extend(own_problems(s.uncertainty))
    probs.extend(_person_problems(s))
    return probs


def validate(data: object, source: str = "<scenario>") -> Scenario:
    """Validate a mapping into a Scenario or raise ScenarioError with every problem."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise ScenarioError(source, [("", f"expected a YAML mapping of scenario fields, got {kind}",
                                      "odotettiin YAML-rakennetta (avain: arvo), tiedosto on " +
                                      ("tyhjä" if data is None else "väärän muotoinen"))])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(source, _pydantic_problems(exc)) from None
    probs = _semantic_problems(scenario)
    if probs:
        raise ScenarioError(source, probs)
    return scenario


def _person_problems(scenario: Scenario) -> list[tuple[str, str, str]]:
    """Benefit and pension inputs that need two fields at once (a pension flag
    without an amount, hoitotuki and vammaistuki together)."""
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
