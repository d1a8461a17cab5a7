"""The decision brief (issue 16 item 1): ``python -m simulator brief`` writes a
Finnish A4 PDF of 2–4 pages; every page is rendered to an image (pdftoppm,
kept in tests/artifacts/brief/ to look at) and its text checked (pypdf)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.engine.display import format_value
from simulator.engine.projection import project
from simulator.export.brief import brief_bytes
from simulator.export.brief.content import _source_of, gather
from simulator.model.loader import load
from simulator.uncertainty.words import risk_sentences

ROOT = Path(__file__).resolve().parent.parent
SC = ROOT / "scenarios"
ARTIFACTS = ROOT / "tests" / "artifacts" / "brief"
A4 = (595, 842)     # points


def _pdftoppm():
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is not installed; ./run test installs it")
        pytest.skip("pdftoppm (poppler-utils) is not installed; ./run test installs it")


def _pages(pdf: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    r = pypdf.PdfReader(pdf)
    for page in r.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4
    return [p.extract_text() for p in r.pages]


def _render(pdf: Path, stem: str) -> list[Path]:
    _pdftoppm()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / stem)], check=True,
                   capture_output=True, timeout=60)
    pngs = sorted(ARTIFACTS.glob(f"{stem}-*.png"))
    for png in pngs:
        head = png.read_bytes()[:24]
        w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert h > w > 400 and png.stat().st_size > 8000, png      # portrait, not blank
    return pngs


def test_cli_brief_of_a_comparison(tmp_path):
    out = tmp_path / "muistio.pdf"
    res = subprocess.run([sys.executable, "-m", "simulator", "brief", str(SC / "varkaus_cooperative.yaml"),
                          str(SC / "mikkeli_subcontracting.yaml"), str(SC / "pieksamaki_salaried.yaml"),
                          "-o", str(out), "--author", "Hallituksen sihteeri", "--draws", "100"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    pages = _pages(out)
    assert 2 <= len(pages) <= 4
    assert len(_render(out, "comparison")) == len(pages)
    text = re.sub(r"\s+", " ", "\n".join(pages))
    for words in ("Päätösmuistio", "Mitä verrataan ja miksi", "Tunnusluvut", "Kassa ja kannattavuusraja",
                  "Ihmisten nettohyöty", "Riski sanallisesti", "Viisi tärkeintä oletusta",
                  "Mikä skenaarioissa eroaa", "Hallituksen sihteeri", "Varkaus – työosuuskunta",
                  "Mikkeli", "Pieksämäki", "todennäköisyydellä kassa menee miinukselle"):
        assert words in text, words
    # the key figures as the engine's display formats them (hand-checkable on the page)
    p = project(load(SC / "pieksamaki_salaried.yaml"))
    assert format_value("total_costs", p.kpis["total_costs"]).replace("\u202f", " ") in text.replace("\u202f", " ")
    for english in ("Key figure", "Break-even", "estimate", "Difference"):
        assert english not in text
    for page in pages:                   # the footer: page n / N on every page
        assert re.search(rf"\d / {len(pages)}", page)


def test_brief_of_one_scenario_in_bytes():
    p = project(load(SC / "varkaus_cooperative.yaml"))
    data = brief_bytes([p], "fi", author="Testi", draws=50)
    assert data[:5] == b"%PDF-"
    path = ARTIFACTS / "one.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    pages = _pages(path)
    assert 2 <= len(pages) <= 4
    _render(path, "one")


def test_people_and_risk_come_from_the_engine():
    p = project(load(SC / "varkaus_cooperative.yaml"))
    b = gather([p], "fi", draws=50)
    part = b.parts[0]
    assert [r[0] for r in part.people] == [pl.person.id for pl in p.people]
    # the change over the period is the sum of the engine's monthly person change
    m1 = p.people[0]
    assert part.people[0][2].replace("\u202f", " ").replace("\u00a0", " ").startswith(
        "+" if m1.change.sum() > 0 else "−")
    assert len(part.assumptions) == 5
    assert any("mediaanitulos" in s for s in part.risk)


def test_risk_sentences_by_hand():
    """Plan +9 569 €, median −7 562 €, 61,4 % negative: the issue's own example."""
    words = risk_sentences({"total_result": {5: -40000.0, 50: -7562.0, 95: 21000.0}},
                           {"total_result": 9569.0}, 0.614, "fi")
    text = " ".join(words).replace("\u202f", " ").replace("\u00a0", " ")
    assert "Suunnitelma näyttää kokonaistulokseksi +9 569 €, mediaanitulos on −7 562 €" in text
    assert "90 %:n vaihteluväli on −40 000 € … +21 000 €" in text
    assert "61,4 %:n todennäköisyydellä kassa menee miinukselle" in text
    assert "ei mene miinukselle" in " ".join(risk_sentences({}, {}, 0.0, "fi"))


def test_source_of_an_assumption():
    d = {"revenue": [{"name": "Siivous", "price": 30, "note": "[arvio 25–35 €]"}]}
    assert _source_of(d, "revenue[Siivous].price") == "[arvio 25–35 €]"
    assert _source_of(d, "revenue[Muu].price") == ""
