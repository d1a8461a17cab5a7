"""The comparison's verdict (simulator/compare/verdict.py): the best option
per party and by how much, each person's net gain, the assumptions that
differ, the comparability warnings, and the same sentences in the CLI, the
app's Vertailu page and the workbook's Vertailu sheet."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from simulator.cli.main import main
from simulator.compare.verdict import REFUSING, Volume, party_verdict, verdict
from simulator.engine.projection import project
from simulator.model.loader import load
from simulator.model.problems import validate

from tests.test_messages import STOP

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [ROOT / "scenarios" / f"{p}.yaml" for p in ("varkaus_cooperative", "mikkeli_subcontracting",
                                                     "pieksamaki_salaried")]


def _small(name: str, rent: float) -> dict:
    """No people, two months, one monthly overhead (no VAT, no cost inflation)."""
    return {"name": name, "model": "cooperative", "budget_owner": "test", "start": "2024-01",
            "horizon_months": 2, "assumptions": {"cost_inflation": 0},
            "overheads": [{"name": "rent", "kind": "monthly", "amount": rent}]}


@pytest.fixture(scope="module")
def pilots():
    return [project(load(p)) for p in PILOTS]


def test_hand_built_pair():
    """A: rent 400 €/month, B: 300 €/month, two months, nobody in either.
    The organisation's result: A −800, B −600 → B is best by 200 € (2 × (400 − 300)).
    Nobody works: no person-years, so the sentence has no ratios; every
    public body and the people have 0 in both → ties."""
    a, b = project(validate(_small("A", 400.0))), project(validate(_small("B", 300.0)))
    v = verdict([a, b])
    org = v.by_party["organisation"]
    assert org.figure == pytest.approx({"A": -800.0, "B": -600.0})
    assert (org.best, org.second) == ("B", "A") and org.margin == pytest.approx(200.0)
    assert org.message.code == "verdict_result_plain"
    assert org.message.render("fi") == ("Organisaation oma tulos on paras vaihtoehdossa ”B”: −600 €, eli 200 € "
                                        "parempi kuin vaihtoehdossa ”A”.")
    assert org.per_person_year == {"A": None, "B": None}
    for q in ("county", "kela", "people"):
        assert v.by_party[q].message.code == "verdict_tie", q
    assert v.comparability == [] and not v.refused
    # the assumption differences: exactly the rent
    assert [(d.path, d.values) for d in v.assumption_differences] == [("overheads[rent].amount",
                                                                       {"A": 400.0, "B": 300.0})]


def test_party_verdict_arithmetic():
    """A public body: difference from the status quo A +1 000 (net cost 1 000 lower),
    B +3 000 → B is cheapest by 2 000. B's change in net cost −3 000 over
    2 person-years in paid work = −1 500 €/person-year; over 4 persons moved = −750 €/person."""
    vols = [Volume(1.0, 1.0, 0.0, 0.0), Volume(2.0, 4.0, 0.0, 0.0)]
    pv = party_verdict("county", ["A", "B"], [-5000.0, -3000.0], [1000.0, 3000.0], vols)
    assert (pv.best, pv.second) == ("B", "A") and pv.margin == pytest.approx(2000.0)
    assert pv.figure == {"A": -1000.0, "B": -3000.0}
    assert pv.per_person_year == {"A": -1000.0, "B": -1500.0}
    assert pv.per_person_moved == {"A": -1000.0, "B": -750.0}
    fi = pv.message.render("fi")
    assert fi.startswith("Hyvinvointialueelle edullisin on ”B”: nettokustannus on 2\u202f000 € pienempi")
    assert "−1\u202f500 € palkkatyövuotta ja −750 € palkkatyöhön siirtynyttä henkilöä kohden" in fi
    # the organisation is ranked by its result (total), not by the difference
    org = party_verdict("organisation", ["A", "B"], [100.0, 50.0], [-10.0, 20.0], vols)
    assert org.best == "A" and org.margin == pytest.approx(50.0)


def test_finnish_sentences_have_no_english(pilots):
    v = verdict(pilots)
    texts = v.sentences("fi") + v.warnings("fi")
    assert len(v.sentences("fi")) == 9
    for text in texts:
        assert not [w for w in STOP if w in text], text
    assert v.sentences("en") != v.sentences("fi")


def test_two_hour_figures_have_two_names(pilots):
    """Mikkeli: 0 hours paid by the organisation (companies employ its people),
    but its people have hours in paid work; each figure under its own label."""
    from simulator.i18n import label
    v = verdict(pilots)
    mikkeli = v.volumes[v.names[1]]
    assert mikkeli.hours_paid_by_organisation == 0.0 and mikkeli.hours_in_paid_work > 1000
    assert label("paid_hours") != label("public.paid_hours")
    assert label("paid_hours", "en") != label("public.paid_hours", "en")


def test_people_gain_is_the_mean_change(pilots):
    v = verdict(pilots)
    pl = pilots[0].person("M1")
    assert v.people_gain["M1"][v.names[0]] == pytest.approx(float(pl.change.mean()))
    assert set(v.people_gain) == {p.id for p in pilots[0].scenario.people}


def test_assumption_difference_of_a_variant(tmp_path):
    """Pilot + one changed price (a variant on ``base:``) names exactly that field."""
    variant = tmp_path / "variant.yaml"
    variant.write_text("base: mikkeli_subcontracting\nname: Mikkeli – hinta 18\n"
                       "revenue:\n  - name: Alihankinta (pakkaus ja kokoonpano)\n    price: 18.0\n",
                       encoding="utf-8")
    p0, p1 = project(load(PILOTS[1])), project(load(variant))
    diffs = verdict([p0, p1]).assumption_differences
    assert [d.path for d in diffs] == ["revenue[Alihankinta (pakkaus ja kokoonpano)].price"]
    d = diffs[0]
    assert list(d.values.values()) == [16.0, 18.0]
    assert d.label("fi") != d.path and d.label("fi") != d.label("en")


def test_people_and_horizon_mismatch_are_flagged(tmp_path, capsys):
    a = _small("A", 400.0)
    b = dict(_small("B", 300.0), horizon_months=3)
    b["people"] = []
    data = load(PILOTS[0]).model_dump(mode="json")
    data["people"] = data["people"][:2]
    pa, pb, pc = project(validate(a)), project(validate(b)), project(load(PILOTS[0]))
    v = verdict([pa, pb])
    assert [m.code for m in v.comparability] == ["cmp_horizon_differs"] and v.refused
    people = verdict([pc, project(validate(data))])
    assert "cmp_people_differ" in [m.code for m in people.comparability] and people.refused
    assert people.comparability[0].get("only_first") == ("M3", "M4", "M5", "M6", "M7")
    # the CLI: the warning at the top, exit 0; --strict exits 2
    pa_path, pb_path = tmp_path / "a.yaml", tmp_path / "b.yaml"
    pa_path.write_text(json.dumps(a), encoding="utf-8")
    pb_path.write_text(json.dumps(b), encoding="utf-8")
    assert main(["compare", str(pa_path), str(pb_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("!! VERTAILUKELPOISUUS !!") and "EI OLE SAMALLA AJANJAKSOLLA" in out.split("\n")[1]
    assert main(["compare", "--strict", str(pa_path), str(pb_path)]) == 2
    assert "AJANJAKSOLLA" in capsys.readouterr().err
    assert main(["compare", "--format", "json", str(pa_path), str(pb_path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["comparability"][0]["code"] == "cmp_horizon_differs" and doc["comparability"][0]["refuses"]


def test_cli_app_and_workbook_show_the_same_sentences(pilots, capsys, tmp_path):
    v = verdict(pilots)
    fi, en = v.sentences("fi"), v.sentences("en")
    # CLI JSON
    assert main(["compare", "--format", "json"] + [str(p) for p in PILOTS]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [doc["verdict"][q]["sentence"]["fi"] for q in doc["verdict"] if "sentence" in doc["verdict"][q]] == fi
    assert [doc["verdict"][q]["sentence"]["en"] for q in doc["verdict"] if "sentence" in doc["verdict"][q]] == en
    assert set(doc) >= {"verdict", "people_gain", "assumption_differences", "comparability", "parties"}
    assert doc["verdict"]["county"]["best"] == v.by_party["county"].best
    # CLI table (sentences wrapped at 100 characters)
    assert main(["compare"] + [str(p) for p in PILOTS]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert all(" ".join(s.split()) in flat for s in fi)
    # workbook: the sentences on the Vertailu sheet, above the key figures
    from simulator.export.xlsx import write_workbook
    path = tmp_path / "v.xlsx"
    write_workbook(pilots, path)
    ws = openpyxl.load_workbook(path)["Vertailu"]
    texts = [ws.cell(r, 1).value for r in range(1, 40) if isinstance(ws.cell(r, 1).value, str)]
    assert all(s in texts for s in fi)
    assert texts.index(fi[-1]) < texts.index("Tunnusluku")      # the sentences above the key figures
    keys = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value}
    # person-years are the engine's difference from the status quo (a value); the ratios are formulas on it
    assert isinstance(ws.cell(keys["verdict:person_years"], 3).value, float)
    assert str(ws.cell(keys["verdict_ratio:county"], 3).value).startswith("=IF(")
    # app: the Vertailu page with the three pilots (the default selection)
    from tests.conftest import start_app
    at = start_app(page="ui/pages/compare.py")
    shown = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert all(s in shown for s in fi), shown[:500]
    # a different period or other people is an error box; a boundary note (founding month) a warning box
    boxes = {m.render("fi"): ("error" if m.code in REFUSING else "warning") for m in v.comparability}
    assert boxes and set(boxes.values()) == {"warning"}      # the pilots differ only by founding month
    assert [w.value for w in at.warning][:len(boxes)] == list(boxes) and not at.error
