"""Monte Carlo: the draws-vectorised run agrees draw by draw with the
deterministic engine run once per draw (the oracle), zero spread gives the
deterministic run, seeds reproduce, percentiles are ordered, samplers have
the right shape, and bad distributions are named."""
from __future__ import annotations

import numpy as np
import pytest

from simulator.model.conventions import npv
from simulator.engine.kpis import founded_index
from simulator.engine.projection import project
from simulator.engine.kpis import compute_kpis
from simulator.model.parameters import ParameterSet
from simulator.model.problems import ScenarioError, validate
from simulator.model.loader import load
from simulator.model.paths import with_values
from simulator.engine.kpis import break_even_index, break_even_indices
from simulator.uncertainty.montecarlo import (MonteCarloError, batch_kpis,
                                              run_montecarlo)

from conftest import ROOT

PARAMS = ParameterSet.load()
PILOTS = {p: ROOT / "scenarios" / f"{p}.yaml" for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")}

# Distributions over many kinds of assumption, per pilot: scenario-level
# amounts, person rows, staff rows, pipeline weights, loans, rates, whole
# months (grouped) and a phase start with "never".
SPREAD = {
    "varkaus_cooperative": [
        {"assumption": "revenue[Siivous- ja kiinteistöpalvelut].price", "kind": "triangular", "low": 20, "mode": 26, "high": 31},
        {"assumption": "people[M3].phases[1].hours_per_week", "kind": "normal", "mean": 12, "sd": 4, "low": 4, "high": 30},
        {"assumption": "people[M6].phases[1].start", "kind": "choice", "values": ["2023-08", "2022-11", None],
         "probabilities": [0.4, 0.3, 0.3]},
        {"assumption": "assumptions.wage_growth", "kind": "uniform", "low": 0.0, "high": 0.05},
        {"assumption": "assumptions.discount_rate", "kind": "uniform", "low": 0.0, "high": 0.08},
        {"assumption": "assumptions.customer_payment_term_days", "kind": "choice", "values": [14, 30, 60],
         "probabilities": [0.5, 0.3, 0.2]},
        {"assumption": "financing.loans[Pienlaina].amount", "kind": "uniform", "low": 0, "high": 20000},
        {"assumption": "financing.loans[Pienlaina].annual_rate", "kind": "uniform", "low": 0.0, "high": 0.1},
        {"assumption": "grants[Kunnan käynnistysavustus].amount", "kind": "uniform", "low": 0, "high": 10000},
        {"assumption": "opening_cash", "kind": "normal", "mean": 0, "sd": 2000},
    ],
    "mikkeli_subcontracting": [
        {"assumption": "pipeline.conversion_rate", "kind": "uniform", "low": 0.0, "high": 0.6},
        {"assumption": "people[M1].phases[1].company_fee_per_day", "kind": "uniform", "low": 0, "high": 30},
        {"assumption": "people[M4].phases[0].day_price", "kind": "triangular", "low": 50, "mode": 70, "high": 90},
        {"assumption": "people[M2].phases[0].tyoosuusraha_per_day", "kind": "uniform", "low": 3, "high": 14},
        {"assumption": "staff[Ohjaaja 1].monthly_pay", "kind": "uniform", "low": 2300, "high": 2700},
        {"assumption": "staff[Ohjaaja 1].fte", "kind": "uniform", "low": 0.5, "high": 1.0},
        {"assumption": "pipeline.after_conversion.hours_per_week", "kind": "uniform", "low": 10, "high": 25},
    ],
    "pieksamaki_salaried": [
        {"assumption": "people[M1].phases[1].hourly_wage", "kind": "uniform", "low": 9, "high": 13},
        {"assumption": "people[M6].phases[1].hours_per_week", "kind": "uniform", "low": 10, "high": 37.5},
        {"assumption": "people[M2].phases[0].cost_per_day", "kind": "uniform", "low": 30, "high": 60},
        {"assumption": "assumptions.cost_inflation", "kind": "normal", "mean": 0.02, "sd": 0.01},
        {"assumption": "assumptions.palkkatuki_payment_delay_months", "kind": "uniform", "low": 0, "high": 4},
        {"assumption": "people[M7].phases[1].start", "kind": "choice", "values": ["2024-03", "2023-06", None],
         "probabilities": [0.5, 0.25, 0.25]},
    ],
}


def with_uncertainty(stem: str, distributions, draws=40, seed=7, correlations=()):
    s = load(PILOTS[stem])
    d = s.model_dump(mode="python")
    d["uncertainty"] = {"seed": seed, "draws": draws, "distributions": list(distributions),
                        "correlations": list(correlations)}
    return validate(d, stem)


def draw_values(result, j: int) -> dict:
    return {p: (float(v[j]) if isinstance(v[j], (float, np.floating)) else v[j])
            for p, v in result.samples.items()}


@pytest.mark.parametrize("stem", list(SPREAD))
def test_every_draw_equals_the_deterministic_engine_run_on_that_draw(stem):
    """The oracle: each draw's monthly cash and KPIs equal ``project`` of the
    scenario with that draw's values put in (within 1e-6 €)."""
    s = with_uncertainty(stem, SPREAD[stem], draws=40)
    r = run_montecarlo(s, PARAMS)
    assert r.closing_cash.shape == (40, s.horizon_months)
    for j in range(40):
        p = project(with_values(s, draw_values(r, j)), PARAMS)
        np.testing.assert_allclose(r.closing_cash[j], p.columns["closing_cash"], rtol=0, atol=1e-6)
        assert r.kpis["total_result"][j] == pytest.approx(p.columns["result"].sum(), abs=1e-6)
        rate = draw_values(r, j).get("assumptions.discount_rate", s.assumptions.discount_rate)
        k0 = founded_index(s)   # the organisation's KPIs count from its founding month (rules.md)
        assert r.kpis["npv"][j] == pytest.approx(npv(rate, p.columns["net_cash_flow"][k0:]), abs=1e-6)
        be = r.kpis["break_even_index"][j]
        assert (None if be < 0 else p.month_labels[k0 + be]) == p.kpis["break_even_month"]
        assert r.kpis["min_cash"][j] == pytest.approx(p.kpis["min_cash"], abs=0.006)   # kpis round to cents


def test_samples_cover_every_kind_of_distribution_and_each_draw_is_used():
    s = with_uncertainty("varkaus_cooperative", SPREAD["varkaus_cooperative"], draws=400)
    r = run_montecarlo(s, PARAMS)
    starts = r.samples["people[M6].phases[1].start"]
    assert set(starts) == {"2023-08", "2022-11", None}
    terms = set(r.samples["assumptions.customer_payment_term_days"])
    assert terms == {14, 30, 60}
    # the spread reaches the results: not all draws give the same NPV
    assert np.ptp(r.kpis["npv"]) > 1000


def test_zero_spread_equals_the_deterministic_run():
    """low == high, sd 0 and a single certain choice: every draw is the
    scenario as written, so P10 = P50 = P90 = its closing cash."""
    zero = [
        {"assumption": "revenue[Siivous- ja kiinteistöpalvelut].price", "kind": "uniform", "low": 26, "high": 26},
        {"assumption": "people[M3].phases[1].hours_per_week", "kind": "normal", "mean": 12, "sd": 0},
        {"assumption": "overheads[Varasto].amount", "kind": "triangular", "low": 150, "mode": 150, "high": 150},
        {"assumption": "people[M6].phases[1].start", "kind": "choice", "values": ["2023-08"], "probabilities": [1]},
    ]
    s = with_uncertainty("varkaus_cooperative", zero, draws=25)
    r = run_montecarlo(s, PARAMS)
    base = project(load(PILOTS["varkaus_cooperative"]), PARAMS)
    for p in (10, 50, 90):
        np.testing.assert_allclose(r.cash_percentiles[p], base.columns["closing_cash"], rtol=0, atol=1e-9)
    assert r.prob_cash_negative == float((base.columns["closing_cash"] < 0).any())
    assert r.kpi_percentiles["npv"][5] == pytest.approx(base.kpis["npv"], abs=0.006)
    assert r.kpi_percentiles["npv"][95] == pytest.approx(base.kpis["npv"], abs=0.006)
    assert r.break_even_distribution == {base.kpis["break_even_month"]: 1.0}


def test_the_same_seed_gives_identical_results_and_another_seed_does_not():
    s = with_uncertainty("pieksamaki_salaried", SPREAD["pieksamaki_salaried"], draws=300)
    a, b = run_montecarlo(s, PARAMS, seed=11), run_montecarlo(s, PARAMS, seed=11)
    c = run_montecarlo(s, PARAMS, seed=12)
    np.testing.assert_array_equal(a.closing_cash, b.closing_cash)
    assert a.to_dict() == b.to_dict()
    assert not np.array_equal(a.closing_cash, c.closing_cash)


def test_results_do_not_depend_on_the_chunk_size(monkeypatch):
    import simulator.uncertainty.montecarlo as mc
    s = with_uncertainty("varkaus_cooperative", SPREAD["varkaus_cooperative"], draws=120)
    whole = run_montecarlo(s, PARAMS)
    monkeypatch.setattr(mc, "CHUNK_CELLS", 1)   # one draw per engine call
    single = run_montecarlo(s, PARAMS)
    np.testing.assert_allclose(whole.closing_cash, single.closing_cash, rtol=0, atol=1e-9)


def test_percentiles_are_ordered_and_probabilities_are_probabilities():
    s = load(PILOTS["varkaus_cooperative"])        # the pilot's own distributions
    r = run_montecarlo(s, PARAMS, draws=2000)
    assert np.all(r.cash_percentiles[10] <= r.cash_percentiles[50] + 1e-9)
    assert np.all(r.cash_percentiles[50] <= r.cash_percentiles[90] + 1e-9)
    for name, q in r.kpi_percentiles.items():
        vals = [v for v in q.values() if v is not None]
        assert vals == sorted(vals), name
    assert np.all(np.diff(r.prob_negative_by) >= 0)
    assert r.prob_negative_by[-1] == pytest.approx(r.prob_cash_negative)
    assert sum(r.break_even_distribution.values()) == pytest.approx(1.0)
    assert 0 <= r.prob_negative_within(24) <= r.prob_cash_negative <= 1


def test_batch_kpis_match_compute_kpis_draw_by_draw():
    s = with_uncertainty("mikkeli_subcontracting", SPREAD["mikkeli_subcontracting"], draws=15)
    r = run_montecarlo(s, PARAMS)
    for j in range(15):
        p = project(with_values(s, draw_values(r, j)), PARAMS)
        one = batch_kpis({k: np.atleast_2d(v) for k, v in p.columns.items()}, s.assumptions.discount_rate)
        ref = compute_kpis(p.columns, p.month_labels, s)
        for k in ("npv", "min_cash", "closing_cash", "total_result", "total_costs", "paid_hours"):
            assert one[k][0] == pytest.approx(ref[k], abs=0.006), k
        assert one["min_cash_index"][0] == p.month_labels.index(ref["min_cash_month"])


def test_break_even_indices_by_hand():
    cum = np.array([[-1, -1, 2, 3],      # stays ≥ 0 from index 2
                    [1, 2, 3, 4],        # from the start
                    [1, -1, 2, -3],      # never (negative at the end)
                    [-5, 1, -1, 0]])     # from index 3 (0 counts as ≥ 0)
    assert break_even_indices(cum.astype(float)).tolist() == [2, 0, -1, 3]
    assert [break_even_index(row) for row in cum.astype(float)] == [2, 0, None, 3]


# ---------------------------------------------------------------------- samplers

def _one(dist, draws=20000, seed=5):
    s = with_uncertainty("varkaus_cooperative", [dict(dist, assumption="overheads[Varasto].amount")],
                         draws=draws, seed=seed)
    return run_montecarlo(s, PARAMS).samples["overheads[Varasto].amount"]


def test_uniform_and_triangular_have_their_bounds_and_means():
    x = _one({"kind": "uniform", "low": 100, "high": 200})
    assert x.min() >= 100 and x.max() <= 200
    assert abs(x.mean() - 150) < 4 * (100 / np.sqrt(12)) / np.sqrt(len(x))   # 4 standard errors
    t = _one({"kind": "triangular", "low": 100, "mode": 120, "high": 200})
    mean, sd = (100 + 120 + 200) / 3, np.sqrt((100**2 + 120**2 + 200**2 - 100*120 - 100*200 - 120*200) / 18)
    assert t.min() >= 100 and t.max() <= 200
    assert abs(t.mean() - mean) < 4 * sd / np.sqrt(len(t))


def test_truncated_normal_stays_in_bounds_and_choice_frequencies_match():
    x = _one({"kind": "normal", "mean": 150, "sd": 50, "low": 120, "high": 160})
    assert x.min() >= 120 and x.max() <= 160
    c = _one({"kind": "choice", "values": [100, 150, 300], "probabilities": [0.2, 0.5, 0.3]})
    n = len(c)
    for v, p in ((100, 0.2), (150, 0.5), (300, 0.3)):
        share = np.mean(c == v)
        assert abs(share - p) < 4 * np.sqrt(p * (1 - p) / n)


def test_correlated_draws_have_the_given_rank_correlation():
    dists = [{"assumption": "overheads[Varasto].amount", "kind": "uniform", "low": 0, "high": 1},
             {"assumption": "overheads[Markkinointi].amount", "kind": "uniform", "low": 0, "high": 1}]
    s = with_uncertainty("varkaus_cooperative", dists, draws=20000,
                         correlations=[{"a": dists[0]["assumption"], "b": dists[1]["assumption"], "rho": 0.7}])
    r = run_montecarlo(s, PARAMS)
    x, y = r.samples[dists[0]["assumption"]], r.samples[dists[1]["assumption"]]
    # Gaussian copula: Spearman rho_s = 6/π · asin(ρ/2) (Pearson of uniforms = Spearman)
    expected = 6 / np.pi * np.arcsin(0.7 / 2)
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(expected, abs=0.02)


def test_draws_beyond_a_fields_limits_are_set_to_the_limit():
    """An unbounded normal on hours a week (limit 0–60 in the scenario model)
    and a uniform share reaching above 1 (conversion rate ≤ 1)."""
    s = with_uncertainty("varkaus_cooperative", [
        {"assumption": "people[M3].phases[1].hours_per_week", "kind": "normal", "mean": 2, "sd": 10}], draws=2000)
    x = run_montecarlo(s, PARAMS).samples["people[M3].phases[1].hours_per_week"]
    assert x.min() == 0 and (x == 0).mean() > 0.3 and x.max() <= 60
    m = with_uncertainty("mikkeli_subcontracting", [
        {"assumption": "pipeline.conversion_rate", "kind": "uniform", "low": 0.5, "high": 1.5}], draws=2000)
    c = run_montecarlo(m, PARAMS).samples["pipeline.conversion_rate"]
    assert c.max() == 1 and c.min() >= 0.5


def test_progress_is_reported_up_to_one():
    s = with_uncertainty("varkaus_cooperative", SPREAD["varkaus_cooperative"], draws=500)
    seen = []
    run_montecarlo(s, PARAMS, progress=seen.append)
    assert seen and seen[-1] == pytest.approx(1.0) and seen == sorted(seen)


# ---------------------------------------------------------------------- bad input

BAD = [
    ({"assumption": "overheads[Varasto].amount", "kind": "uniform", "low": 200, "high": 100},
     "uncertainty.distributions[0].high", "below low"),
    ({"assumption": "overheads[Varasto].amount", "kind": "triangular", "low": 100, "mode": 250, "high": 200},
     "uncertainty.distributions[0].mode", "not between"),
    ({"assumption": "people[M6].phases[1].start", "kind": "choice", "values": ["2023-08", None],
      "probabilities": [0.5, 0.4]}, "uncertainty.distributions[0].probabilities", "sum to 0.9"),
    ({"assumption": "people[M6].phases[1].start", "kind": "choice", "values": ["2023-08", None],
      "probabilities": [1.0]}, "uncertainty.distributions[0].probabilities", "1 probabilities for 2 values"),
    ({"assumption": "overheads[Varasto].amount", "kind": "normal", "mean": 1, "sd": -1},
     "uncertainty.distributions[0].normal.sd", ""),
    ({"assumption": "overheads[Varasto].amount", "kind": "lognormal", "low": 1, "high": 2},
     "uncertainty.distributions[0]", ""),
]


@pytest.mark.parametrize("dist,where,words", BAD)
def test_bad_distributions_are_named(dist, where, words):
    s = load(PILOTS["varkaus_cooperative"]).model_dump(mode="python")
    s["uncertainty"] = {"distributions": [dist]}
    with pytest.raises(ScenarioError) as exc:
        validate(s, "bad.yaml")
    text = exc.value.render()
    assert where in text and words in text


def test_impossible_correlations_and_unknown_correlation_names_are_named():
    s = load(PILOTS["varkaus_cooperative"]).model_dump(mode="python")
    names = ["overheads[Varasto].amount", "overheads[Markkinointi].amount", "overheads[Kirjanpito].amount"]
    s["uncertainty"] = {"distributions": [{"assumption": n, "kind": "uniform", "low": 1, "high": 2} for n in names],
                        "correlations": [{"a": names[0], "b": names[1], "rho": 0.9},
                                         {"a": names[1], "b": names[2], "rho": 0.9},
                                         {"a": names[0], "b": names[2], "rho": -0.9}]}
    with pytest.raises(ScenarioError) as exc:
        validate(s, "bad.yaml")
    assert "uncertainty.correlations" in exc.value.render() and "semi-definite" in exc.value.render()
    s["uncertainty"]["correlations"] = [{"a": names[0], "b": "revenue[Nothing].price", "rho": 0.1}]
    with pytest.raises(ScenarioError) as exc:
        validate(s, "bad.yaml")
    assert "uncertainty.correlations[0].b" in exc.value.render()


def test_an_unknown_assumption_is_named_when_monte_carlo_runs_but_does_not_block_saving():
    """A renamed or removed item leaves a stale path: the scenario still loads
    (and can be saved and projected); Monte Carlo names the field."""
    s = with_uncertainty("varkaus_cooperative", [
        {"assumption": "overheads[Markkinointi].amount", "kind": "uniform", "low": 1, "high": 2},
        {"assumption": "overheads[Vuokra].amount", "kind": "uniform", "low": 1, "high": 2}])
    with pytest.raises(MonteCarloError) as exc:
        run_montecarlo(s, PARAMS)
    assert "uncertainty.distributions[1].assumption" in str(exc.value) and "Vuokra" in str(exc.value)


def test_a_month_distribution_must_be_a_choice_of_months():
    s = with_uncertainty("varkaus_cooperative", [
        {"assumption": "people[M6].phases[1].start", "kind": "uniform", "low": 1, "high": 2}])
    with pytest.raises(MonteCarloError) as exc:
        run_montecarlo(s, PARAMS)
    assert "uncertainty.distributions[0].kind" in str(exc.value)


def test_an_explicit_palkkatuki_rate_is_drawn_from_a_choice_and_each_draw_equals_the_engine():
    """Rate and cap are read per phase when the roster is built: grouped like
    whole numbers, so only kind: choice; a uniform is refused naming the kind."""
    d = load(PILOTS["varkaus_cooperative"]).model_dump(mode="python")
    d["people"][5]["phases"][1]["palkkatuki"] = {"rate": 0.5, "months": 12, "monthly_cap": 1000.0}
    rate = "people[M6].phases[1].palkkatuki.rate"
    d["uncertainty"] = {"seed": 3, "draws": 30, "distributions": [
        {"assumption": rate, "kind": "choice", "values": [0.3, 0.7], "probabilities": [0.5, 0.5]},
        {"assumption": "people[M6].phases[1].palkkatuki.monthly_cap", "kind": "choice", "values": [500, 1500],
         "probabilities": [0.5, 0.5]},
        {"assumption": "revenue[Siivous].price", "kind": "uniform", "low": 20, "high": 30}]}
    s = validate(d, "palkkatuki")
    r = run_montecarlo(s, PARAMS)
    assert set(r.samples[rate]) == {0.3, 0.7}
    for j in range(30):
        p = project(with_values(s, draw_values(r, j)), PARAMS)
        np.testing.assert_allclose(r.closing_cash[j], p.columns["closing_cash"], rtol=0, atol=1e-6)
    d["uncertainty"]["distributions"][0] = {"assumption": rate, "kind": "uniform", "low": 0.3, "high": 0.7}
    with pytest.raises(MonteCarloError) as exc:
        run_montecarlo(validate(d, "palkkatuki"), PARAMS)
    assert exc.value.path == "uncertainty.distributions[0].kind" and "choice" in exc.value.en


@pytest.mark.parametrize("dist, where", [
    ({"assumption": "people[M1].disability_pension", "kind": "uniform", "low": 0, "high": 900},
     "uncertainty.distributions[0].assumption"),
    ({"assumption": "assumptions.customer_payment_term_days", "kind": "choice", "values": [None, 30],
      "probabilities": [0.5, 0.5]}, "uncertainty.distributions[0].values[0]"),
])
def test_fields_monte_carlo_cannot_draw_are_named(dist, where):
    """A person's-view field changes no cash-flow line; a whole-number field takes numbers."""
    with pytest.raises(MonteCarloError) as exc:
        run_montecarlo(with_uncertainty("varkaus_cooperative", [dist]), PARAMS)
    assert exc.value.path == where and exc.value.fi


def test_one_field_under_two_spellings_is_refused():
    s = with_uncertainty("varkaus_cooperative", [
        {"assumption": "revenue[Siivous].price", "kind": "uniform", "low": 20, "high": 30},
        {"assumption": "revenue[Siivous- ja kiinteistöpalvelut].price", "kind": "uniform", "low": 20, "high": 30}])
    with pytest.raises(MonteCarloError) as exc:
        run_montecarlo(s, PARAMS)
    assert exc.value.path == "uncertainty.distributions[1].assumption" and "distributions[0]" in exc.value.en


def test_a_drawn_discount_rate_is_used_however_its_path_is_spelt():
    """NPV per draw at the drawn rate (the path written with spaces around it)."""
    s = with_uncertainty("varkaus_cooperative", [
        {"assumption": " assumptions.discount_rate ", "kind": "uniform", "low": 0.3, "high": 0.6}], draws=5)
    r = run_montecarlo(s, PARAMS)
    for j in range(5):
        rate = float(r.samples[" assumptions.discount_rate "][j])
        p = project(with_values(s, {"assumptions.discount_rate": rate}), PARAMS)
        k0 = founded_index(s)   # Varkaus is founded 3/2022: NPV from then (rules.md)
        assert r.kpis["npv"][j] == pytest.approx(npv(rate, p.columns["net_cash_flow"][k0:]), abs=1e-6)


# ---------------------------------------------------------------------- memory (issue #17)

def test_monthly_bands_equal_numpy_percentile_over_every_draw():
    """The streamed bands (a pilot, brackets, counts) give numpy.percentile
    over all draws bit for bit: months of continuous values, an atom holding
    every draw, an atom of 30 %, a NaN, a month of few distinct values; draws
    fed in any order. With zero-width brackets the ranks fall outside and the
    months are named as missed (the run recomputes them)."""
    from simulator.uncertainty.bands import MonthlyBands
    rng = np.random.default_rng(5)
    n, m = 6000, 6
    x = rng.normal(size=(n, m)) * 1000
    x[:, 0] = 5.0
    x[:, 1] = np.where(rng.random(n) < 0.3, -7.0, x[:, 1])
    x[17, 3] = np.nan
    x[:, 5] = np.round(x[:, 5] / 500) * 500
    want = np.percentile(x.T, (10, 50, 90), axis=1)

    def streamed(z):
        b = MonthlyBands(n, m, (10, 50, 90), store_cells=150 * m, z=z)
        assert b.streaming and b.pilot == 150
        for part in np.array_split(rng.permutation(b.pilot), 4):
            b.keep(part, x[part])
        b.open()
        for part in np.array_split(np.arange(b.pilot, n), 7):
            b.add(b.count(x[part]))
        return b.result()

    got, missed = streamed(10.0)
    assert missed == []
    for i, p in enumerate((10, 50, 90)):
        np.testing.assert_array_equal(got[p], want[i])   # NaN in month 3 as numpy gives
    got, missed = streamed(0.0)
    assert missed and set(missed) <= {1, 2, 4, 5} and 0 not in missed
    kept = [t for t in range(m) if t not in missed]
    for i, p in enumerate((10, 50, 90)):
        np.testing.assert_array_equal(got[p][kept], want[i][kept])
    whole = MonthlyBands(n, m, (10, 50, 90))     # everything fits: kept whole, as before
    whole.keep(np.arange(n), x)
    assert not whole.streaming and whole.kept.shape == (n, m)
    np.testing.assert_array_equal(whole.result()[0][50], want[1])


def test_monthly_bands_on_many_small_cases_with_ties_equal_numpy_percentile():
    """Ranks landing on every part of a bracket (below it, at its lower end,
    inside, at its upper end): 300 small random cases of few distinct values,
    every percentile 1–99, brackets of several widths; months not named as
    missed equal numpy.percentile bit for bit; interpolation as numpy's."""
    from simulator.uncertainty.bands import MonthlyBands, lerp
    rng = np.random.default_rng(11)
    pcts = tuple(range(1, 100))
    compared = 0
    for _ in range(300):
        n, m = int(rng.integers(20, 300)), 3
        x = rng.integers(0, int(rng.integers(2, 8)), size=(n, m)) * float(rng.choice([1.0, 0.1, 1e5 / 3]))
        pilot = int(rng.integers(5, n))
        b = MonthlyBands(n, m, pcts, store_cells=pilot * m, z=float(rng.choice([0.5, 2.0, 10.0])))
        b.keep(np.arange(b.pilot), x[:b.pilot])
        b.open()
        for part in np.array_split(np.arange(b.pilot, n), 3):
            b.add(b.count(x[part]))
        got, missed = b.result()
        want = np.percentile(x, pcts, axis=0)
        kept = [t for t in range(m) if t not in missed]
        compared += len(kept)
        for i, p in enumerate(pcts):
            np.testing.assert_array_equal(got[p][kept], want[i][kept])
    assert compared > 450
    a = rng.normal(size=20_000) * 10.0 ** rng.integers(-3, 9, size=20_000)
    b = a + np.abs(rng.normal(size=20_000)) * 10.0 ** rng.integers(-3, 9, size=20_000)
    for p in (10, 37, 50, 90):
        np.testing.assert_array_equal(lerp(a, b, np.float64(p / 100)), np.percentile(np.stack([a, b]), p, axis=0))


@pytest.mark.parametrize("z", [10.0, 0.0])
def test_a_streamed_run_equals_the_run_that_keeps_every_draw(monkeypatch, z):
    """Beyond bands.STORE_CELLS the fan chart is streamed: same bands, KPIs,
    probabilities and break-even distribution as keeping every draw. z = 0
    makes every bracket miss: those months are recomputed with every draw.
    One draw a chunk in both runs, so that each draw's arithmetic is the same."""
    import simulator.uncertainty.bands as bands
    import simulator.uncertainty.montecarlo as mc
    monkeypatch.setattr(mc, "CHUNK_CELLS", 1)
    s = with_uncertainty("varkaus_cooperative", SPREAD["varkaus_cooperative"], draws=600)
    kept = run_montecarlo(s, PARAMS)
    assert kept.closing_cash.shape == (600, s.horizon_months)
    monkeypatch.setattr(bands, "STORE_CELLS", 100 * s.horizon_months)   # a pilot of 100 draws
    monkeypatch.setattr(bands, "Z", z)
    missed = []
    real = bands.MonthlyBands.result
    monkeypatch.setattr(bands.MonthlyBands, "result", lambda self: (lambda r: missed.extend(r[1]) or r)(real(self)))
    seen = []
    streamed = run_montecarlo(s, PARAMS, progress=seen.append)
    assert streamed.closing_cash is None and seen[-1] == pytest.approx(1.0)
    assert bool(missed) == (z == 0)
    for p in (10, 50, 90):
        np.testing.assert_array_equal(streamed.cash_percentiles[p], kept.cash_percentiles[p])
        np.testing.assert_array_equal(streamed.cash_percentiles[p],
                                      np.percentile(kept.closing_cash, p, axis=0))
    for name in kept.kpis:
        np.testing.assert_array_equal(streamed.kpis[name], kept.kpis[name])
    assert streamed.to_dict() == kept.to_dict()


def test_peak_memory_of_200000_draws_over_120_months_stays_under_the_budget():
    """The budget (montecarlo.MEMORY_BUDGET_MB) holds at the most draws a
    scenario allows over the longest horizon: one person, 120 months
    (``benchmarks/uncertainty.py --child-memory``: a fresh process, its peak
    RSS reset before the run). Keeping the draws × months columns as before
    took 2.2 GB here; one float64 series alone is 200 000 × 120 × 8 B = 192 MB."""
    import json
    import subprocess
    import sys
    from simulator.model.uncertainty_spec import MAX_DRAWS
    from simulator.uncertainty.montecarlo import MEMORY_BUDGET_MB
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "uncertainty.py"), "--child-memory",
                           str(MAX_DRAWS), "--small", "--workers", "2"], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    r = json.loads(done.stdout.strip().splitlines()[-1])
    assert not r["kept"] and 0 < r["prob"] < 1      # streamed, and the draws differ
    assert 20 < r["growth_mb"] <= MEMORY_BUDGET_MB, r


def test_the_cli_shows_progress_of_a_long_run_on_a_terminal_only():
    """``montecarlo`` on the command line: nothing in the first second, then one
    line rewritten at most twice a second, ended at 100 %; nothing when stderr
    is not a terminal (pipes, logs, the tests' captured output)."""
    import io
    from simulator.cli.uncertainty import mc_progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    now = [0.0]
    out = Terminal()
    show = mc_progress(200_000, "fi", stream=out, clock=lambda: now[0])
    for t, f in ((0.5, 0.1), (1.2, 0.2), (1.4, 0.3), (1.8, 0.5), (1.9, 1.0)):
        now[0] = t
        show(f)
    lines = out.getvalue()
    assert lines == ("\rMonte Carlo: 40\u202f000 / 200\u202f000 arvontaa (20 %)"
                     "\rMonte Carlo: 100\u202f000 / 200\u202f000 arvontaa (50 %)"
                     "\rMonte Carlo: 200\u202f000 / 200\u202f000 arvontaa (100 %)\n"), repr(lines)
    assert mc_progress(200_000, "en", stream=io.StringIO()) is None
