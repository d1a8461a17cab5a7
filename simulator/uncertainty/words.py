"""Uncertainty in words (issue 16 item 7): what a Monte Carlo run means for
a reader who does not speak statistics — the plan against the median
outcome, the 90 % range, and the chance of running out of cash. Used by the
app's Herkkyys page and by the decision brief.

Input: a ``MonteCarloResult`` or its summary (``kpi_percentiles`` as
{percentile: value}, ``deterministic`` KPIs, the probability of negative
cash). Output: whole sentences in the reader's language.
"""
from __future__ import annotations

from ..i18n import fmt_eur, fmt_percent, label


def signed_eur(v: float, lang: str) -> str:
    """Whole euros with an explicit sign: ``+9 569 €`` / ``−7 562 €``."""
    text = fmt_eur(round(float(v)), 0, lang)
    return ("+" + text) if round(float(v)) > 0 else text


def _pct(percentiles: dict, p: int):
    """A percentile from either key style ({50: v} or {"p50": v})."""
    return percentiles.get(p, percentiles.get(f"p{p}"))


def risk_sentences(kpi_percentiles: dict, deterministic: dict, prob_negative: float, lang: str = "fi",
                   kpi: str = "total_result") -> list[str]:
    """[plan vs median, 90 % range, chance of negative cash] for ``kpi`` (euros)."""
    pc = kpi_percentiles.get(kpi, {})
    plan, median = deterministic.get(kpi), _pct(pc, 50)
    out = []
    if plan is not None and median is not None:
        out.append(label("ua.words.plan_vs_median", lang).format(
            what=label("ua.words.what", lang), plan=signed_eur(plan, lang), median=signed_eur(median, lang)))
    lo, hi = _pct(pc, 5), _pct(pc, 95)
    if lo is not None and hi is not None:
        out.append(label("ua.words.range", lang).format(lo=signed_eur(lo, lang), hi=signed_eur(hi, lang)))
    if prob_negative > 0:
        out.append(label("ua.words.negative", lang).format(p=fmt_percent(prob_negative, 1, lang)))
    else:
        out.append(label("ua.words.never_negative", lang))
    return out
