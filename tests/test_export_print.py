"""The workbook prints for a board (issue 16 item 2): LibreOffice prints the
pilots' comparison workbook to PDF and every page is checked as text
(pypdf) — row labels on every page of the month sheets, whole euros on the
summary sheets, no internal keys, the difference columns headed by names —
and two pages are rendered to PNG (pdftoppm) into tests/artifacts/print/
for a person to look at.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.engine.projection import project
from simulator.export.libreoffice import soffice, to_pdf
from simulator.export.xlsx import write_workbook
from simulator.i18n import label
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [ROOT / "scenarios" / "varkaus_cooperative.yaml", ROOT / "scenarios" / "pieksamaki_salaried.yaml"]
ARTIFACTS = ROOT / "tests" / "artifacts" / "print"
FOOTER = re.compile(r"^(?P<sheet>.+?) (?P<page>\d+) / (?P<pages>\d+)\s*$")
CENTS = re.compile(r"\d[.,]\d\d\s?€")          # "1 234,56 €" / "1,234.56 €"; whole euros never match
# engine keys that must not be printed anywhere but on the Parameters sheet
KEYS = ("closing_cash", "cumulative_result", "break_even_month", "people_in_paid_work", "person:",
        "kpi:", "#employment-simulator", "hourly_wage", "net_income")


def _need(tool: str, what: str):
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} ({tool}) is not installed; ./run test installs it")
        pytest.skip(f"{what} ({tool}) is not installed; ./run test installs it")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if soffice() is None:
        _need("soffice", "LibreOffice")
    pypdf = pytest.importorskip("pypdf")
    d = tmp_path_factory.mktemp("print")
    path = write_workbook([project(load(p)) for p in PILOTS], d / "pilotit.xlsx")
    (pdf,), _ = to_pdf([path], d)
    pages = []
    for page in pypdf.PdfReader(pdf).pages:
        text = page.extract_text()
        first = text.splitlines()[0] if text else ""
        m = FOOTER.match(first)
        pages.append((m.group("sheet") if m else "", text))
    return pdf, pages


def _sheets(pages, name):
    return [t for s, t in pages if s == name]


def test_every_page_names_its_sheet(printed):
    """Every printed page has the footer "sheet  page / pages"."""
    _, pages = printed
    assert pages and all(s for s, _ in pages), [t[:80] for s, t in pages if not s]


def test_month_sheets_repeat_row_labels_on_every_page(printed):
    """The month tables run over several pages; each page repeats the header
    row and the row labels (column A), e.g. "Kassa kauden lopussa"."""
    _, pages = printed
    line, closing = label("xl.col.line", "fi"), label("closing_cash", "fi")
    for k in (1, 2):
        monthly = _sheets(pages, f"{label('xl.sheet.monthly', 'fi')} {k}")
        assert len(monthly) >= 2, "the Monthly sheet should need several pages"
        for n, text in enumerate(monthly, 1):
            assert line in text and closing in text, (k, n, text[:200])
            assert re.search(r"20\d\d-\d\d", text), (k, n)       # the month header row
        for name in ("calc", "people"):
            for n, text in enumerate(_sheets(pages, f"{label('xl.sheet.' + name, 'fi')} {k}"), 1):
                assert line in text, (name, k, n, text[:200])


def test_summary_sheets_in_whole_euros(printed):
    _, pages = printed
    summary = [t for s, t in pages if s.startswith((label("xl.sheet.summary", "fi"),
                                                    label("xl.sheet.comparison", "fi"),
                                                    label("xl.sheet.public", "fi"),
                                                    label("xl.sheet.person_income", "fi")))]
    assert len(summary) >= 6
    for text in summary:
        assert "€" in text
        assert not CENTS.search(text), CENTS.search(text).group(0)
    # the calculation keeps its cents
    monthly = _sheets(pages, f"{label('xl.sheet.monthly', 'fi')} 1")
    assert any(CENTS.search(t) for t in monthly)


def test_no_internal_keys_printed(printed):
    _, pages = printed
    params = label("xl.sheet.parameters", "fi")
    for sheet, text in pages:
        if sheet == params:
            continue
        for key in KEYS:
            assert key not in text, (sheet, key)


def test_comparison_heads_differences_by_name(printed):
    _, pages = printed
    text = "\n".join(_sheets(pages, label("xl.sheet.comparison", "fi")))
    assert "2 − 1" not in text
    flat = re.sub(r"\s+", " ", text)
    assert "Pieksämäki – palkkatyömalli − Varkaus" in flat, flat[:600]


def test_pages_render_to_images(printed):
    """The first and the last page of the Monthly sheet as PNG (look at them)."""
    _need("pdftoppm", "poppler-utils")
    pdf, pages = printed
    monthly = [i + 1 for i, (s, _) in enumerate(pages) if s == f"{label('xl.sheet.monthly', 'fi')} 1"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for n in (monthly[0], monthly[-1]):
        out = ARTIFACTS / f"workbook_page{n}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(n), "-l", str(n), "-singlefile",
                        str(pdf), str(out)], check=True, capture_output=True, timeout=60)
        png = out.with_suffix(".png")
        assert png.stat().st_size > 5000
        # A4 landscape: wider than tall
        w, h = _png_size(png)
        assert w > h


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
