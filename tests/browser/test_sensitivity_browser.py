"""The Herkkyys / Sensitivity page in Chromium: the tornado, a Monte Carlo run
with its fan chart and probabilities, and a goal-seek answer. Screenshots:
tests/artifacts/page_herkkyys.png, sensitivity_montecarlo.png, sensitivity_goal.png."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from simulator.i18n import fmt_percent, label
from simulator.model.loader import load
from simulator.uncertainty.goal import solve
from simulator.uncertainty.montecarlo import run_montecarlo

from .helpers import main_metric, open_page, screenshot, wait_idle

ROOT = Path(__file__).resolve().parents[2]
PILOT = ROOT / "scenarios" / "varkaus_cooperative.yaml"
DRAWS, SEED = 3000, 11


def test_sensitivity_page_tornado_monte_carlo_and_goal(page, base_url):
    open_page(page, f"{base_url}/herkkyys?s=varkaus_cooperative")
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Herkkyys: Varkaus")
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Herkkyys: nykyarvo (NPV)")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "page_herkkyys")

    page.get_by_role("tab", name=label("sens.tab.mc")).click()
    expect(page.get_by_role("button", name=label("sens.mc.run"))).to_be_visible()
    wait_idle(page)
    draws = page.get_by_role("spinbutton", name=label("ua.mc.draws"))
    draws.fill(str(DRAWS))
    draws.press("Enter")
    seed = page.get_by_role("spinbutton", name=label("ua.mc.seed"))
    seed.fill(str(SEED))
    seed.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name=label("sens.mc.run")).click()
    fan = page.locator(".js-plotly-plot .gtitle").filter(has_text=label("ua.mc.cash_fan"))   # the fan's title (relabelled)
    expect(fan).to_be_visible(timeout=30000)
    wait_idle(page)
    direct = run_montecarlo(load(PILOT), draws=DRAWS, seed=SEED)
    expect(main_metric(page, label("sens.mc.p24"))).to_have_text(fmt_percent(direct.prob_negative_within(24), 1))
    expect(page.locator(".js-plotly-plot")).to_have_count(2)        # the fan and the break-even months
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "sensitivity_montecarlo")

    page.get_by_role("tab", name=label("sens.tab.goal")).click()
    expect(page.get_by_role("button", name=label("sens.goal.solve"))).to_be_visible()
    wait_idle(page)
    page.get_by_test_id("stSelectbox").filter(has_text=label("sens.goal.month")).click()
    page.keyboard.type("12/2022")             # the month list is long: filter it
    page.get_by_role("option", name="12/2022", exact=True).click()
    expect(page.get_by_role("combobox", name=label("sens.goal.month"))).to_have_value("12/2022")
    wait_idle(page)
    page.get_by_role("button", name=label("sens.goal.solve")).click()
    wait_idle(page)
    r = solve(load(PILOT), "revenue[Siivous- ja kiinteistöpalvelut].price", "break_even_by:2022-12")
    expect(main_metric(page, label("ua.solve.answer"))).to_have_text(r.value_text("fi"))
    expect(page.get_by_role("button", name=label("sens.goal.apply"))).to_be_enabled()
    screenshot(page, "sensitivity_goal")
