"""Real-browser tests: one app server and one Chromium for the whole session."""
from __future__ import annotations

import os
import shutil

import pytest

from .helpers import ARTIFACTS, CHROMIUM, app_server, launch


def pytest_collection_modifyitems(config, items):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (./run test installs it)")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def user_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("user_scenarios")


@pytest.fixture(scope="session")
def base_url(user_dir):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(user_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                  locale="fi-FI")
    context.set_default_timeout(20000)
    pg = context.new_page()
    yield pg
    context.close()
