"""Issue 16 "Done when": the unit director's and the coordinator's paths in
Chromium at 1366×768, in Finnish and in English, each step photographed (the
viewport, as the user sees it) to tests/artifacts/paths/ and checked with
axe-core (no serious or critical WCAG 2.1 AA violation); and issue 17 item 2
in the browser: a scenario named with Markdown and HTML makes no request to an
outside host and shows no link or image from it.

Director: Aloitus → "Muokkaa yksikköni budjettia" → edit a person's hours →
the key figures beside the editor change (in view) → save as a new scenario
→ Tulokset → download the decision brief (PDF).
Coordinator: Aloitus → Vertailu of the three pilots → the verdict sentences
and the parties → Henkilö M3 → download the comparison workbook and brief."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import expect

from simulator.compare.verdict import verdict
from simulator.engine.projection import project
from simulator.i18n import fmt_eur, label
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.parties import PARTIES

from .helpers import ARTIFACTS, ROOT, axe_problems, edit_cell, editor, main_metric, open_page, sidebar_metric, wait_idle

VIEWPORT = {"width": 1366, "height": 768}
SHOTS = ARTIFACTS / "paths"
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
HOURS_COLUMN = 4          # Palkkatyö: Henkilö, Alkaa, Päättyy, Työnantaja, Tunnit/vko


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="fi-FI")
    context.set_default_timeout(30000)
    pg = context.new_page()
    yield pg
    context.close()


class Steps:
    """Each step: a screenshot of the viewport and the axe-core check (collected, asserted at the end)."""

    def __init__(self, page, path: str, lang: str):
        self.page, self.prefix, self.n, self.problems = page, f"{path}_{lang}", 0, {}
        SHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> Path:
        self.page.mouse.move(1, 767)             # no tooltip left open by the last click
        wait_idle(self.page)
        self.page.wait_for_timeout(300)          # let the charts finish drawing
        self.n += 1
        shot = SHOTS / f"{self.prefix}_{self.n}_{name}.png"
        self.page.screenshot(path=str(shot))
        found = axe_problems(self.page)
        if found:
            self.problems[name] = found
        return shot


def heading(page):
    return page.get_by_test_id("stHeading").first


def url(base_url: str, path: str, lang: str) -> str:
    return f"{base_url}/{path}" + ("?lang=en" if lang == "en" else "")


def total_result(hours: float, lang: str) -> str:
    """Tulos yhteensä of Varkaus with M1's paid-work hours changed (the engine's figure)."""
    d = load(ROOT / "scenarios" / "varkaus_cooperative.yaml").model_dump(mode="json")
    next(ph for ph in d["people"][0]["phases"] if ph["kind"] == "employment")["hours_per_week"] = hours
    return fmt_eur(project(validate(d)).kpis["total_result"], 0, lang)


def download(page, button_text: str):
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text=button_text).get_by_role("button").click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_directors_path(page, base_url, user_dir, lang):
    step = Steps(page, "director", lang)
    open_page(page, url(base_url, "", lang))
    expect(heading(page)).to_have_text(label("ui.app_title", lang))
    step("start")

    page.get_by_test_id("stMain").get_by_role("button", name=label("start.edit", lang)).click()
    expect(heading(page)).to_contain_text(f"{label('ui.page.scenario', lang)}: Varkaus")
    total = sidebar_metric(page, label("total_result", lang))
    expect(total).to_have_text(total_result(15.0, lang))
    step("editor")

    typed, hours = ("23,4", 23.4) if lang == "fi" else ("23.4", 23.4)
    edit_cell(page, editor(page, "ed-varkaus_cooperative-people", "emp"), 0, HOURS_COLUMN, typed)
    expect(total).to_have_text(total_result(hours, lang))
    wait_idle(page)
    expect(total).to_be_in_viewport()         # beside the table being edited, at 1366×768 (a sticky column)
    step("edited")

    name = f"Johtajan polku {lang} 23,4 h"
    stem = f"johtajan_polku_{lang}_23_4_h"
    field = page.get_by_role("textbox", name=label("ui.new_name", lang))
    field.fill(name)
    field.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name=label("ui.save_as", lang)).click()
    page.wait_for_function(f"() => location.search.includes('s={stem}')")
    expect(heading(page)).to_contain_text(name)
    assert "hours_per_week: 23.4" in (user_dir / f"{stem}.yaml").read_text(encoding="utf-8")
    step("saved")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label("ui.page.results", lang)).click()
    expect(heading(page)).to_contain_text(f"{label('ui.page.results', lang)}: {name}")
    expect(main_metric(page, label("total_result", lang))).to_have_text(total_result(hours, lang))
    step("results")

    filename, pdf = download(page, label("ui.download_brief", lang))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert filename == (f"muistio_{stem}.pdf" if lang == "fi" else f"brief_{stem}.pdf")
    assert step.problems == {}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_coordinators_path(page, base_url, lang):
    step = Steps(page, "coordinator", lang)
    open_page(page, url(base_url, "", lang))
    step("start")

    page.get_by_test_id("stMain").get_by_role("button", name=label("start.compare", lang)).click()
    expect(heading(page)).to_have_text(label("ui.page.compare", lang))
    main = page.get_by_test_id("stMain")
    scenarios = [load(ROOT / "scenarios" / f"{p}.yaml") for p in PILOTS]
    sentences = verdict([project(s) for s in scenarios], [s.name for s in scenarios]).sentences(lang)
    expect(main.get_by_role("heading", name=label("verdict.title", lang))).to_be_visible()
    for sentence in sentences:
        expect(main).to_contain_text(sentence)
    step("verdict")

    parties = main.get_by_test_id("stTable").filter(has_text=label("party.people", lang))
    parties.first.scroll_into_view_if_needed()
    for q in PARTIES:
        expect(main).to_contain_text(label(f"party.{q}", lang))
    step("parties")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label("ui.page.person", lang)).click()
    expect(heading(page)).to_contain_text(f"{label('ui.page.person', lang)}:")
    wait_idle(page)
    choice = main.get_by_role("combobox", name=label("ui.per.person", lang))
    choice.click()
    page.keyboard.type("M3")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(f"{label('ui.page.person', lang)}: M3")
    step("person_m3")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label("ui.page.compare", lang)).click()
    expect(heading(page)).to_have_text(label("ui.page.compare", lang))
    filename, xlsx = download(page, label("ui.download_xlsx_cmp", lang))
    assert xlsx.startswith(b"PK") and filename == ("vertailu.xlsx" if lang == "fi" else "comparison.xlsx")
    filename, pdf = download(page, label("ui.download_brief", lang))
    assert pdf.startswith(b"%PDF") and filename.endswith(".pdf")
    step("downloads")
    assert step.problems == {}


# ------------------------------------------------------------------ user text as typed (issue 17 item 2)

HOSTILE = ("![x](http://host/p.png) [Kirjaudu uudelleen](http://host/login) <img src=x onerror=alert(1)> "
           "**bold** $x$ :red[x] `tick`")


def test_hostile_names_load_nothing_and_link_nowhere(page, base_url, user_dir):
    doc = load(ROOT / "scenarios" / "varkaus_cooperative.yaml").model_dump(mode="json")
    doc.pop("base", None)
    doc.update(name=HOSTILE, budget_owner="# heading <b>omistaja</b> [linkki](http://host/owner)")
    doc["overheads"][0]["name"] = "- **Kirjanpito** ![i](http://host/i.png)"
    (user_dir / "vihamielinen.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    outside, dialogs = [], []
    own = urlparse(base_url).netloc
    page.on("request", lambda r: outside.append(r.url)
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).netloc != own else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    step = Steps(page, "hostile", "fi")
    for path in ("skenaario?s=vihamielinen", "tulokset?s=vihamielinen", "herkkyys?s=vihamielinen",
                 "vertailu?s=vihamielinen&cmp=vihamielinen&cmp=varkaus_cooperative",
                 "henkilo?s=vihamielinen&ps=vihamielinen&ps=varkaus_cooperative"):
        open_page(page, f"{base_url}/{path}")
        main = page.get_by_test_id("stMain")
        if not path.startswith(("vertailu", "henkilo")):
            expect(heading(page)).to_contain_text("[Kirjaudu uudelleen](http://host/login) <img src=x")
        else:
            expect(main).to_contain_text("[Kirjaudu uudelleen](http://host/login)")
        expect(page.locator("a[href*='//host']")).to_have_count(0)
        expect(page.locator("img[src*='//host'], img[src='x']")).to_have_count(0)
        expect(main.locator("strong, em", has_text=re.compile(r"^\s*bold\s*$"))).to_have_count(0)   # **bold**
        expect(main.locator(".katex")).to_have_count(0)
        step(path.split("?")[0])
    assert outside == [] and dialogs == []
