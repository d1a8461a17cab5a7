"""Conventions of data/parameters: every figure has a unit, a description in
both languages, validity dates and a source; lookups follow the dates."""
import datetime as dt

import numpy as np
import pytest

from simulator.model.parameters import STATUSES, UNITS, ParameterError, ParameterSet


def test_every_parameter_is_documented(params):
    assert len(params.parameters) >= 30
    for name, p in params.parameters.items():
        assert p.unit in UNITS, name
        assert p.description and p.description_fi, name
        assert p.entries[0].valid_from <= dt.date(2021, 1, 1), f"{name} does not cover 2021"
        assert p.known_until >= dt.date(2023, 12, 31), name
        for e in p.entries:
            assert e.source.startswith("http"), f"{name} {e.valid_from}: source is not a URL"
            assert e.status in STATUSES
            if e.status == "gap":
                assert e.note, f"{name} {e.valid_from}: a gap must say what is carried"


def test_vat_changes_on_1_september_2024(params):
    # vero.fi: 24 % until 31.8.2024, 25.5 % from 1.9.2024
    assert params.value("vat.standard_rate", dt.date(2024, 8, 31)) == pytest.approx(0.24)
    assert params.value("vat.standard_rate", dt.date(2024, 9, 1)) == pytest.approx(0.255)


def test_palkkatuki_reform_on_1_july_2023(params):
    # law 371/2023: 70 % and 1 770 € for reduced work capacity from 1.7.2023
    assert params.value("palkkatuki.rate_reduced_capacity", dt.date(2023, 6, 30)) == pytest.approx(0.5)
    assert params.value("palkkatuki.rate_reduced_capacity", dt.date(2023, 7, 1)) == pytest.approx(0.7)
    assert params.value("palkkatuki.cap_reduced_capacity", dt.date(2023, 7, 1)) == 1770
    assert params.value("palkkatuki.side_costs_included", dt.date(2023, 7, 1)) == 0


def test_each_january_tyel_changes(params):
    # Ilmarinen archive / sttinfo: 16.95, 17.40, 17.39, 17.34, 17.38, 17.10
    expected = [0.1695, 0.1740, 0.1739, 0.1734, 0.1738, 0.1710]
    got = [params.value("tyel.employer_average", dt.date(y, 1, 1)) for y in range(2021, 2027)]
    assert got == pytest.approx(expected)
    assert params.value("tyel.employer_average", dt.date(2022, 12, 31)) == pytest.approx(0.1740)


def test_earnings_limit_rises_in_august_2022(params):
    # valionelakekassa.fi: 855.48 → 885.63 from 1.8.2022
    assert params.value("pension.earnings_limit", dt.date(2022, 7, 1)) == pytest.approx(855.48)
    assert params.value("pension.earnings_limit", dt.date(2022, 8, 1)) == pytest.approx(885.63)


def test_beyond_known_values_carries_forward_with_warning(params):
    months = np.arange(2026 * 12 + 10, 2027 * 12 + 3)
    warnings = set()
    vals = params.series("corporate_tax.rate", months, warnings)
    assert np.allclose(vals, 0.20)
    assert any(w.code == "parameter_gap" and w.get("name") == "corporate_tax.rate" and 2027 in w.get("years")
               for w in warnings)
    w = next(iter(warnings))
    assert "2027" in w.render("en") and "carried forward" in w.render("en") and "viimeisin tunnettu" in w.render("fi")


def test_gap_values_warn(params):
    warnings = set()
    params.series("accident_insurance.average", np.arange(2022 * 12, 2022 * 12 + 3), warnings)
    assert any("accident_insurance.average" in w.render("fi") and w.get("years") == (2022,) for w in warnings)


def test_confirmed_values_do_not_warn(params):
    warnings = set()
    params.series("vat.standard_rate", np.arange(2021 * 12, 2026 * 12), warnings)
    assert warnings == set()


def test_unknown_parameter(params):
    with pytest.raises(ParameterError, match="unknown parameter"):
        params.value("no.such", dt.date(2022, 1, 1))


def test_malformed_parameter_file_is_named(tmp_path):
    (tmp_path / "x.yaml").write_text("description: d\nunit: furlongs\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="x.yaml"):
        ParameterSet.load(tmp_path)


def test_tyel_upper_age_by_birth_year(params):
    # payroll-rules.md § 1c (Keva): 68 for born ≤ 1957, 69 for 1958–1961, 70 for ≥ 1962
    assert [params.age_band("tyel.employer_average", y)[1] for y in (1957, 1958, 1961, 1962, 1990)] == \
        [68, 69, 69, 70, 70]
    assert params.age_band("keva.pay_based_contribution", 1957) == (17, 68)
    assert params.age_band("tyel.basic_rate", 1960) == (17, 69)
    assert params.age_band("health_insurance.employer", 1960) == (16, 67)  # sava: not by birth year
    assert params.age_band("vat.standard_rate", 1960) is None


def test_tyel_basic_rate_and_keva_by_year(params):
    # perusmaksu (Ilmarinen archive, telp.fi, elo.fi) and Keva's palkkaperusteinen maksu (keva.fi)
    got = [params.value("tyel.basic_rate", dt.date(y, 1, 1)) for y in range(2021, 2027)]
    assert got == pytest.approx([0.2480, 0.2585, 0.2530, 0.2512, 0.2528, 0.2485])
    assert params.value("tyel.basic_expense_loading", dt.date(2022, 12, 31)) == 0
    assert params.value("tyel.basic_expense_loading", dt.date(2023, 1, 1)) == pytest.approx(0.0025)
    assert all(params.value("keva.pay_based_contribution", dt.date(y, 6, 1)) == pytest.approx(0.244)
               for y in range(2021, 2027))
    estimate = params.get("accident_insurance.cleaning_estimate").entries[0]
    assert estimate.status == "unconfirmed" and "[check]" in estimate.note
