"""Driving the app in Chromium: start a server, wait for reruns, edit a
data-editor cell, take full-height screenshots. Used by the browser tests
and by benchmarks/app_latency.py."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROW_HEIGHT = 35          # glide-data-grid row and header height in st.data_editor


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def app_server(user_dir: Path, port: int | None = None, timeout: float = 30.0):
    """``streamlit run app.py`` on a free port; yields the base URL once
    ``/_stcore/health`` answers ``ok``; stops the process afterwards."""
    port = port or free_port()
    env = dict(os.environ, SIMULATOR_USER_DIR=str(user_dir))
    log = open(ARTIFACTS / "server.log", "w") if ARTIFACTS.is_dir() else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none",],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start (exit {proc.poll()})")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log is not subprocess.DEVNULL:
            log.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_idle(page, timeout: float = 20000) -> None:
    """The script has finished its run (Streamlit's own e2e helpers wait for the
    same attribute) and no element is still a loading skeleton."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)


def open_page(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stHeading").first.wait_for(timeout=20000)
    wait_idle(page)


def editor(page, key_prefix: str, table: str):
    """The data editor whose widget key is ``<key_prefix>-<version>-<table>``
    (the version changes after every accepted edit)."""
    return page.locator(f"[class*='st-key-{key_prefix}-'][class*='-{table}']").get_by_test_id("stDataFrame")


def edit_cell(page, grid, row: int, column: int, text: str, commit: bool = True) -> None:
    """Type ``text`` into a cell (row and column from 0, the row-marker column
    not counted): select the row's first cell, move right, open the overlay
    editor with Enter, replace its content and commit with Enter (unless
    ``commit`` is false: the caller presses Enter itself)."""
    grid.scroll_into_view_if_needed()
    box = None
    for _ in range(50):                  # wait until the grid has stopped moving (layout, scroll)
        page.wait_for_timeout(60)
        now = grid.bounding_box()
        if now is not None and now == box:
            break
        box = now
    overlay = page.get_by_test_id("portal").locator(".gdg-clip-region textarea").first
    for attempt in range(3):
        page.mouse.click(box["x"] + 60, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
        # the grid takes the keyboard focus a moment after the click; keys sent before are lost
        page.wait_for_function("(el) => el.contains(document.activeElement)", arg=grid.element_handle(),
                               timeout=5000)
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            handle = overlay.element_handle(timeout=2000)
            break
        except Exception:
            # a rerun right after the page opened can redraw the grid and drop the selection
            # (seen after navigating from the start page); select the cell again, as a user would
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page)
            grid.scroll_into_view_if_needed()
            box = grid.bounding_box()
    # type only once the overlay editor has the focus, or the keys go to the grid
    page.wait_for_function("(el) => document.activeElement === el", arg=handle, timeout=5000)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    next_frames(page)         # let the editor's state catch up with the typed text before committing
    if commit:
        page.keyboard.press("Enter")


def next_frames(page, n: int = 2) -> None:
    page.evaluate("(n) => new Promise(r => { const f = k => k ? requestAnimationFrame(() => f(k - 1)) : r(); f(n); })", n)


def sidebar_metric(page, title: str):
    """A live key figure of the Skenaario page (the panel beside the editor;
    it was in the sidebar before issue 16 item 4, hence the name)."""
    return (page.locator(".st-key-live-panel").get_by_test_id("stMetric").filter(has_text=title)
            .get_by_test_id("stMetricValue"))


def main_metric(page, title: str):
    return page.get_by_test_id("stMain").get_by_test_id("stMetric").filter(has_text=title).get_by_test_id(
        "stMetricValue").first


def screenshot(page, name: str, width: int = 1400) -> Path:
    """The whole page: the viewport is stretched to the main area's height
    (Streamlit scrolls inside its own container, so full_page alone is not enough)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                           " return m ? m.scrollHeight : 900; }")
    old = page.viewport_size
    page.set_viewport_size({"width": width, "height": int(min(max(height, 900), 7000))})
    page.wait_for_timeout(400)      # let the charts re-layout to the new size
    wait_idle(page)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(old)
    return path


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def axe_problems(page) -> list[str]:
    """The page's serious and critical WCAG 2.1 AA violations found by axe-core (law 306/2019)."""
    from axe_playwright_python.sync_playwright import Axe
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA},
                                      "resultTypes": ["violations"]})
    return [f"{v['impact']} {v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"] if v["impact"] in BLOCKING]
