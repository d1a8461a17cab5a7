"""The app in Chromium: open every page, edit a person's hours and watch the
figures move, save, reload, compare the three pilots, switch to English,
download the CSV. Screenshots of every page go to tests/artifacts/."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from simulator.engine.projection import project
from simulator.i18n import fmt_eur, label
from simulator.model.loader import load
from simulator.model.problems import validate

from .helpers import edit_cell, editor, main_metric, open_page, screenshot, sidebar_metric, wait_idle

ROOT = Path(__file__).resolve().parents[2]
PILOT = ROOT / "scenarios" / "varkaus_cooperative.yaml"
HOURS_COLUMN = 4          # Palkkatyö: Henkilö, Alkaa, Päättyy, Työnantaja, Tunnit/vko
PAGES = [("skenaario", "skenaario", "Skenaario: Varkaus"), ("tulokset", "tulokset", "Tulokset: Varkaus"),
         ("parametrit", "parametrit", "Parametrit"), ("ohje", "ohje", "Ohje")]   # Vertailu: test_compare_three_pilots


def expected_total_result(hours: float, lang: str = "fi") -> str:
    d = load(PILOT).model_dump(mode="json")
    next(ph for ph in d["people"][0]["phases"] if ph["kind"] == "employment")["hours_per_week"] = hours
    return fmt_eur(project(validate(d)).kpis["total_result"], 0, lang)


def saved_total_result(lang: str = "fi") -> str:
    return fmt_eur(project(load(PILOT)).kpis["total_result"], 0, lang)


@pytest.mark.parametrize("path, name, heading", PAGES)
def test_every_page_opens(page, base_url, path, name, heading):
    open_page(page, f"{base_url}/{path}")
    expect(page.get_by_test_id("stHeading").first).to_contain_text(heading)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    if name == "tulokset":
        expect(page.locator(".js-plotly-plot")).to_have_count(5)
        expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Kassa")
    screenshot(page, f"page_{name}")


def test_edit_hours_moves_result_then_save_and_reload(page, base_url, user_dir):
    open_page(page, f"{base_url}/skenaario?s=varkaus_cooperative")
    total = sidebar_metric(page, label("total_result"))
    expect(total).to_have_text(saved_total_result())
    edit_cell(page, editor(page, "ed-varkaus_cooperative-people", "emp"), 0, HOURS_COLUMN, "23,4")
    expect(total).to_have_text(expected_total_result(23.4))       # 23,4 h, not 234 h
    wait_idle(page)
    expect(page.get_by_test_id("stExpander").first).to_contain_text("15 → 23,4")
    screenshot(page, "edit_scenario")

    name_field = page.get_by_role("textbox", name=label("ui.new_name"))
    name_field.fill("Selain 23,4 h")
    name_field.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name=label("ui.save_as")).click()
    expect(page.get_by_test_id("stAlert").filter(has_text="selain_23_4_h.yaml")).to_be_visible()   # a workspace outside the program: the file name only, no server path
    page.wait_for_function("() => location.search.includes('s=selain_23_4_h')")
    assert "hours_per_week: 23.4" in (user_dir / "selain_23_4_h.yaml").read_text(encoding="utf-8")

    page.reload()
    wait_idle(page)
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Selain 23,4 h")
    expect(sidebar_metric(page, label("total_result"))).to_have_text(expected_total_result(23.4))

    open_page(page, f"{base_url}/skenaario?s=varkaus_cooperative")      # the pilot itself is unchanged
    expect(sidebar_metric(page, label("total_result"))).to_have_text(saved_total_result())


def test_results_follow_the_edit_and_csv_downloads(page, base_url):
    open_page(page, f"{base_url}/skenaario?s=varkaus_cooperative")
    edit_cell(page, editor(page, "ed-varkaus_cooperative-people", "emp"), 1, HOURS_COLUMN, "30")
    d = load(PILOT).model_dump(mode="json")
    d["people"][1]["phases"][1]["hours_per_week"] = 30.0
    kpis = project(validate(d)).kpis
    expect(sidebar_metric(page, label("total_result"))).to_have_text(fmt_eur(kpis["total_result"], 0))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label("ui.page.results")).click()
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Tulokset")
    wait_idle(page)
    expect(main_metric(page, label("total_result"))).to_have_text(fmt_eur(kpis["total_result"], 0))
    assert "s=varkaus_cooperative" in page.url and "/tulokset" in page.url
    page.get_by_test_id("stExpander").filter(has_text=label("ui.monthly_table")).locator("summary").click()
    wait_idle(page)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").get_by_role("button").click()
    path = info.value.path()
    df = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == 60
    assert df[label("closing_cash")].iloc[-1] == pytest.approx(kpis["closing_cash"], abs=0.01)
    screenshot(page, "results_after_edit")


def test_invalid_value_is_shown_and_not_applied(page, base_url):
    open_page(page, f"{base_url}/skenaario?s=varkaus_cooperative")
    edit_cell(page, editor(page, "ed-varkaus_cooperative-people", "emp"), 0, HOURS_COLUMN, "-5")
    alert = page.get_by_test_id("stAlert").filter(has_text="vähintään 0")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Palkkatyö, rivi 1 (M1 · 7/2022) · Tunnit/vko")
    expect(sidebar_metric(page, label("total_result"))).to_have_text(saved_total_result())
    alert.scroll_into_view_if_needed()
    screenshot(page, "invalid_input")


def test_compare_three_pilots(page, base_url):
    open_page(page, f"{base_url}/vertailu")
    table = page.get_by_test_id("stTable").first
    for stem in ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried"):
        expect(table).to_contain_text(load(ROOT / "scenarios" / f"{stem}.yaml").name)
    expect(table).to_contain_text("Ero: Mikkeli − Varkaus")
    expect(page.locator(".js-plotly-plot")).to_have_count(6)       # with the public purse by payer
    # the public-purse table (the verdict's parties table now comes before it): the one with that row
    public = page.get_by_test_id("stTable").filter(
        has=page.get_by_role("rowheader", name=label("public.net_public_cost"), exact=True))
    expect(public).to_have_count(1)
    wait_idle(page)
    assert "cmp=varkaus_cooperative" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "page_vertailu")


def test_switch_to_english_and_links_keep_the_view(page, base_url):
    open_page(page, f"{base_url}/skenaario?s=mikkeli_subcontracting")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Scenario: Mikkeli")
    page.wait_for_function("() => location.search.includes('lang=en')")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Results").click()
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Results: Mikkeli")
    wait_idle(page)
    assert "lang=en" in page.url and "s=mikkeli_subcontracting" in page.url
    screenshot(page, "results_english")
    link = page.url
    fresh = page.context.new_page()        # a colleague opening the same link
    open_page(fresh, link)
    expect(fresh.get_by_test_id("stHeading").first).to_contain_text("Results: Mikkeli")
    expect(fresh.get_by_test_id("stSidebar")).to_contain_text("Language")
    fresh.close()


def test_person_page_pick_m3(page, base_url):
    from simulator.person import person_view
    open_page(page, f"{base_url}/henkilo")
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Henkilö: M1")
    box = page.get_by_test_id("stSelectbox").filter(has_text=label("ui.per.person"))
    box.click()
    page.get_by_role("option", name="M3", exact=True).click()
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Henkilö: M3")
    wait_idle(page)
    assert "p=M3" in page.url
    v = person_view(load(PILOT), "M3")
    expect(main_metric(page, label("ui.per.kpi.net"))).to_have_text(fmt_eur(v.summary()["net_income_per_month"], 0))
    # by year, one income breakdown per model tab (the benefits section), and the pension cliff
    tabs = page.get_by_test_id("stTabs").get_by_role("tab")
    expect(tabs.first).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(2 + tabs.count())
    expect(page.locator(".js-plotly-plot .gtitle").last).to_contain_text("Nettotulot työtuntien mukaan")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "page_henkilo")
