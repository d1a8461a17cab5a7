"""Messages are values (``simulator/i18n/messages.py``): every message code
made anywhere in ``simulator/`` has a template in both languages, renders
with no field left over, and the Finnish text holds no English; the command
line and the app in Finnish show the pilots' warnings in Finnish only."""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from simulator.i18n import LABELS
from simulator.i18n.messages import Message, Text, month_ranges, year_ranges

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [str(ROOT / "scenarios" / f"{p}.yaml")
          for p in ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]

# English that must never show in Finnish text (words that Finnish does not use).
STOP = (" the ", " value", "exceed", "no sourced", "month(s)", "carried forward", " is not ", " would ",
        "warning", "Warning", " and the ", " for ", "taxable")

# Codes made from an expression rather than a literal: the expression (as
# ``ast.unparse`` writes it) -> every code it can give. A new expression fails
# test_every_code_in_the_source_is_known until it is listed here.
DYNAMIC = {
    "f'pension_rests_{kind}' + ('_chosen' if whole else '')": [
        "pension_rests_kela", "pension_rests_kela_chosen",
        "pension_rests_earnings_related", "pension_rests_earnings_related_chosen"],
    "kpis['irr_reason']": ["irr_undefined"],
}


def _calls():
    """(file, first argument) of every ``Message(...)``, ``Message.make(...)`` (and the former ``Note.make(...)``)."""
    for path in sorted((ROOT / "simulator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            direct = isinstance(f, ast.Name) and f.id == "Message"
            made = isinstance(f, ast.Attribute) and f.attr == "make" and isinstance(f.value, ast.Name) \
                and f.value.id in ("Message", "Note")
            if direct or made:
                yield path.relative_to(ROOT), node.args[0]


def source_codes() -> set[str]:
    codes = set()
    for _, arg in _calls():
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            codes.add(arg.value)
        else:
            codes.update(DYNAMIC.get(ast.unparse(arg), []))
    return codes


def test_every_code_in_the_source_is_known():
    unknown = [f"{path}: {ast.unparse(arg)}" for path, arg in _calls()
               if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
               and ast.unparse(arg) not in DYNAMIC]
    assert not unknown, "message codes made from an expression: list their codes in DYNAMIC\n" + "\n".join(unknown)
    # the scan finds the sites of the engine, the parameters and the person's view
    assert {"parameter_gap", "vat_threshold", "tyoosuusraha_above_tax_free", "earnings_limit_exceeded",
            "tyoosuusraha_taxable", "wa_without_price"} <= source_codes()


SAMPLES = {
    "years": (2022, 2023, 2025), "year": 2024, "months": ("2022-01", "2022-02", "2022-05"),
    "over": ("2022-01", "2022-02"), "rest": ("2022-02",), "people": ("M1", "M2", "M3"), "pid": "M1",
    "name": "accident_insurance.average", "path": "a.yaml", "branch": "paid_work",
    "label": Text("Tapaturmavakuutusmaksu", "Accident insurance premium"),
    "model": Text("Työosuuskunta", "Worker cooperative"),
}


def sample_message(code: str) -> Message:
    """The message with a value for every field of its templates (numbers for the rest)."""
    params = {}
    for template in LABELS[f"msg.{code}"]:
        for _, field, spec, _ in string.Formatter().parse(template):
            if field:
                params[field] = SAMPLES.get(field, 1234.5 if spec or field in ("limit", "amount") else 3)
    return Message(code, params)


@pytest.mark.parametrize("code", sorted(source_codes()
                                        | {k[4:] for k in LABELS if k.startswith("msg.")}))
def test_every_code_renders_in_both_languages(code):
    assert f"msg.{code}" in LABELS, f"no template msg.{code}"
    fi, en = LABELS[f"msg.{code}"]
    assert fi and en and fi != en
    m = sample_message(code)
    for lang in ("fi", "en"):
        text = m.render(lang)
        assert "{" not in text and "}" not in text, text
        assert not text.startswith(f"{code}:"), text          # the fallback for a missing template
    text = m.render("fi")
    assert not [w for w in STOP if w in text], text


def test_values_are_formatted_for_the_language():
    m = Message.make("less_than_staying", pid="M1", year="2024", amount=1234.5)
    assert m.render("fi") == "M1: nettotulot vuonna 2024 ovat 1\u202f234,50 € pienemmät kuin työtoiminnassa jatkaen."
    assert "€1,234.50" in m.render("en")
    assert month_ranges(["2024-03", "2024-01", "2024-02", "2024-06"], "fi") == "1/2024–3/2024, 6/2024"
    assert month_ranges(["2024-03"], "en") == "2024-03"
    assert year_ranges([2025, 2022, 2023]) == "2022–2023, 2025"
    people = Message.make("wa_without_price", people=["M1", "M2", "M3"], days=12)
    assert "(M1, M2 ja M3, 12 päivää)" in people.render("fi") and "(M1, M2 and M3, 12 days)" in people.render("en")
    gap = Message.make("parameter_gap", name="x.y", label={"fi": "Maksu", "en": "Premium"}, years=[2023, 2022])
    assert gap.render("fi").startswith("Maksu (x.y): ") and "2022–2023" in gap.render("fi")
    assert gap.render("en").startswith("Premium (x.y): no sourced value for 2022–2023")


def test_messages_are_frozen_hashable_and_sortable():
    a = Message("vat_threshold", {"year": 2024, "sales": 1.0, "limit": 2.0})
    b = Message.make("vat_threshold", limit=2.0, sales=1.0, year=2024)
    assert a == b and len({a, b}) == 1
    with pytest.raises(Exception):
        a.code = "x"
    c = Message.make("earnings_limit_exceeded", pid="M1", n=1, months=["2022-01"])
    assert sorted([a, c]) == [c, a]
    d = a.to_dict("fi")
    assert set(d) == {"code", "params", "text", "fi", "en"} and d["text"] == d["fi"] != d["en"]
    assert d["params"] == {"limit": 2.0, "sales": 1.0, "year": 2024}


def test_pilot_warnings_are_messages_with_finnish_text(params):
    from simulator.engine.projection import project
    from simulator.model.loader import load
    from simulator.person import person_view, public_purse
    seen = []
    for path in PILOTS:
        s = load(path)
        p = project(s, params)
        seen += p.warnings
        seen += public_purse(s, params, projection=p).parameter_warnings
        v = person_view(s, "M3", params, projection=p)
        seen += v.all_notes() + list(v.parameter_warnings)
    assert seen and all(isinstance(m, Message) for m in seen)
    for m in seen:
        assert not [w for w in STOP if w in m.render("fi")], m.render("fi")


def _cli(capsys, *argv) -> str:
    from simulator.cli.main import main
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_finnish_command_line_prints_no_english(capsys):
    outs = [_cli(capsys, "run", p, "--lang", "fi") for p in PILOTS]
    outs.append(_cli(capsys, "compare", *PILOTS, "--lang", "fi"))
    outs.append(_cli(capsys, "person", *PILOTS, "--person", "M3", "--lang", "fi"))
    outs.append(_cli(capsys, "public", *PILOTS, "--lang", "fi"))
    outs.append(_cli(capsys, "validate", *PILOTS))
    text = "\n".join(outs)
    assert "Huomautukset" in text and "lähteistä ei löytynyt" in text     # the warnings are there, in Finnish
    assert "Seitsemän jäsentä" in text                                     # the Finnish description
    bad = [line for line in text.splitlines() if any(w in line for w in STOP)]
    assert not bad, "\n".join(bad[:10])


def test_json_warnings_carry_code_params_and_text(capsys):
    import json
    doc = json.loads(_cli(capsys, "run", PILOTS[0], "--format", "json", "--lang", "en"))
    w = doc["warnings"][0]
    assert set(w) >= {"code", "params", "text", "fi", "en"} and w["text"] == w["en"] != w["fi"]


def test_description_in_both_languages_and_old_files_valid():
    from simulator.model.loader import load
    from simulator.model.problems import ScenarioError, validate
    s = load(PILOTS[0])
    assert s.description_text("fi").startswith("Seitsemän") and s.description_text("en").startswith("Seven")
    d = s.model_dump(mode="json")
    assert validate({**d, "description": "one text"}).description_text("en") == "one text"
    assert validate({**d, "description": {"fi": "vain suomeksi"}}).description == "vain suomeksi"
    with pytest.raises(ScenarioError, match="description"):
        validate({**d, "description": {"sv": "text"}})


# ------------------------------------------------------------------ the app, in Finnish

def _texts(at) -> str:
    out = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "title", "subheader", "header"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [e.label for e in at.expander]
    out += [f"{m.label} {m.value}" for m in at.metric]
    out += [" ".join(map(str, t.value.columns)) + " " + " ".join(map(str, t.value.index)) for t in at.table]
    return "\n".join(out)


@pytest.mark.parametrize("page", ["ui/pages/start.py", "ui/pages/help.py", "ui/pages/scenario.py",
                                  "ui/pages/results.py", "ui/pages/sensitivity.py", "ui/pages/compare.py",
                                  "ui/pages/person.py", "ui/pages/parameters.py"])
def test_app_pages_in_finnish_show_no_english_warning(page, tmp_path, monkeypatch):
    from conftest import start_app
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(tmp_path / "user"))
    at = start_app(page=page)
    if page.endswith("person.py"):
        at.selectbox(key="per-person").set_value("M3").run()
        assert not at.exception, at.exception
    text = _texts(at)
    if page.endswith(("results.py", "person.py")):
        assert "lähteistä ei löytynyt" in text       # the parameter warnings are shown, in Finnish
    bad = [line for line in text.splitlines() if any(w in line for w in STOP)]
    assert not bad, "\n".join(bad[:10])
