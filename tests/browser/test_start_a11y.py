"""Aloitus, typed addresses, Streamlit's own texts in Finnish, accessibility
(axe-core, WCAG 2.1 AA: law 306/2019) and the keyboard, in Chromium at
1366×768. Screenshots of every page in Finnish and English go to a folder
under pytest's tmp dir (printed by the test; ``pytest -s`` shows it)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from simulator.i18n import label
from simulator.model.loader import load
from ui.shell import PAGES

from .helpers import ROOT, axe_problems, open_page, wait_idle

VIEWPORT = {"width": 1366, "height": 768}
NAME = {stem: load(ROOT / "scenarios" / f"{stem}.yaml").name
        for stem in ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")}


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    d = tmp_path_factory.mktemp("screens")
    print(f"\nscreenshots: {d}")
    return d


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
    context.set_default_timeout(20000)
    pg = context.new_page()
    yield pg
    context.close()


def heading(page):
    return page.get_by_test_id("stHeading").first


def title_of(url: str, lang: str) -> str:
    """What the page's first heading starts with."""
    key = next(k for _, u, k, _ in PAGES if u == url)
    if url == "aloitus":
        return label("ui.app_title", lang)
    if url in ("ohje", "parametrit", "vertailu"):
        return label(key, lang)
    return f"{label(key, lang)}:"


def test_start_page_is_first_and_offers_the_three_paths(page, base_url):
    open_page(page, base_url)
    expect(heading(page)).to_have_text(label("ui.app_title"))
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links.nth(0)).to_have_accessible_name(label("ui.page.start"))
    expect(links.nth(1)).to_have_accessible_name(label("ui.page.help"))   # Ohje right after Aloitus
    main = page.get_by_test_id("stMain")
    for model in ("cooperative", "subcontracting", "salaried"):
        expect(main).to_contain_text(re.sub(r"\*\*", "", label(f"start.model.{model}")).split(".")[0])

    main.get_by_role("button", name=label("start.compare")).click()
    expect(heading(page)).to_have_text(label("ui.page.compare"))
    assert "/vertailu" in page.url
    open_page(page, base_url)
    main.get_by_role("button", name=label("start.person")).click()
    expect(heading(page)).to_contain_text(f"{label('ui.page.person')}:")
    open_page(page, base_url)
    main.get_by_role("radio", name="Pieksämäki").click()
    wait_idle(page)
    main.get_by_role("button", name=label("start.edit")).click()
    expect(heading(page)).to_contain_text(f"{label('ui.page.scenario')}: {NAME['pieksamaki_salaried']}")
    page.wait_for_function("() => location.pathname.endsWith('/skenaario')"
                           " && location.search.includes('s=pieksamaki_salaried')")


@pytest.mark.parametrize("url", [u for _, u, _, _ in PAGES])
def test_typed_address_opens_its_page(page, base_url, url):
    open_page(page, f"{base_url}/{url}")
    expect(heading(page)).to_contain_text(title_of(url, "fi"))
    expect(page.get_by_role("dialog")).to_have_count(0)            # no "Page not found"
    assert page.url.split("?")[0].endswith(f"/{url}")


def test_unknown_address_says_so_in_finnish(page, base_url):
    open_page(page, f"{base_url}/ei-ole-tällaista")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Sivua ei löydy")
    expect(dialog).not_to_contain_text("Page not found")
    expect(page.get_by_role("link", name="Linkki tähän otsikkoon").first).to_be_attached()   # aria-labels too
    expect(page.get_by_role("link", name="Link to heading")).to_have_count(0)
    assert page.evaluate("document.documentElement.lang") == "fi"


def test_streamlit_texts_are_finnish(page, base_url):
    open_page(page, f"{base_url}/skenaario?s=varkaus_cooperative")
    page.get_by_test_id("stExpander").filter(has_text=label("upl.title")).locator("summary").click()
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_contain_text(label("upl.file"))
    expect(uploader.get_by_test_id("stBaseButton-secondary")).to_have_accessible_name("Valitse tiedosto")
    expect(uploader.get_by_test_id("stFileUploaderDropzoneInput")).to_have_attribute("aria-label", "Tiedoston valinta")
    expect(uploader).to_contain_text("enintään 10 Mt / tiedosto")
    expect(uploader).not_to_contain_text("per file")
    name = page.get_by_role("textbox", name=label("ui.new_name"))
    name.fill("Koe")
    expect(page.get_by_test_id("InputInstructions").first).to_contain_text("Hyväksy painamalla Enter")
    expect(page.get_by_test_id("stMain")).not_to_contain_text("Press Enter")
    assert axe_problems(page) == []


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_page_passes_axe_and_is_photographed(page, base_url, shots, lang):
    problems = {}
    for _, url, _, _ in PAGES:
        open_page(page, f"{base_url}/{url}?lang={lang}")
        expect(heading(page)).to_contain_text(title_of(url, lang))
        assert page.evaluate("document.documentElement.lang") == lang
        page.wait_for_timeout(300)          # let the charts finish drawing
        page.screenshot(path=str(shots / f"{lang}_{url}.png"))
        found = axe_problems(page)
        if found:
            problems[url] = found
    assert problems == {}


def _tab_to(page, test: str, limit: int = 80, back: bool = False) -> None:
    """Press Tab (Shift+Tab) until ``test`` (JS, given the focused element) is true."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {test}")


def test_keyboard_main_path(page, base_url):
    """Choose a scenario, edit it and open Vertailu with Tab, typing and Enter only."""
    open_page(page, base_url)
    _tab_to(page, f"el.getAttribute('aria-label')?.startsWith('{label('ui.choose_scenario')}')"
                  " && el.getAttribute('role') === 'combobox'")
    page.keyboard.type("Mikkeli")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('s=mikkeli_subcontracting')")
    wait_idle(page)
    _tab_to(page, f"el.tagName === 'BUTTON' && el.innerText.includes({label('start.edit')!r})")
    page.keyboard.press("Enter")
    expect(heading(page)).to_contain_text(f"{label('ui.page.scenario')}: {NAME['mikkeli_subcontracting']}")
    wait_idle(page)
    _tab_to(page, "el.tagName === 'A' && (el.getAttribute('href') || '').split('?')[0].endsWith('/vertailu')",
            back=True)
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(label("ui.page.compare"))
    wait_idle(page)
    assert "/vertailu" in page.url
