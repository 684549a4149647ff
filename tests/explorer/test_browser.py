"""The explorer in a real browser (Debian's headless Chromium driven by Selenium through chromium-driver) against a
real uvicorn server on loopback: search "Soedan", open a motion, see its quote, open the graph view and count the
rendered nodes, run a SPARQL example. Skips when no browser is installed, except when CI is set (then it fails).

Set KAMERGRAPH_SCREENSHOTS=<folder> to save screenshots of the pages visited (docs/screenshots is made this way)."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.main import create_app
from store.base import Store
from tests.conftest import free_port

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)
WAIT = 20.0


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if Path(p).is_file() and os.access(p, os.X_OK)), None)


@pytest.fixture(scope="module")
def server(sample_letters: Store) -> Iterator[str]:
    """The app over the sample store, served by uvicorn in a thread on a free loopback port."""
    port = free_port()
    config = uvicorn.Config(create_app(store=sample_letters), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start", pytrace=False)
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium from Debian's packages (no browser download), with a fresh profile folder."""
    binary, driver = _first(CHROMIUM), _first(DRIVER) or shutil.which("chromedriver")
    if binary is None or driver is None:
        _unavailable("Chromium and its driver are not installed: apt-get install chromium chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed: pip install -e '.[dev]'")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = binary  # type: ignore[assignment]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver_instance = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    driver_instance.set_page_load_timeout(WAIT)
    yield driver_instance
    driver_instance.quit()


def _wait(condition: Any, what: str) -> Any:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


def _shot(browser: Any, name: str) -> None:
    folder = os.environ.get("KAMERGRAPH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / f"{name}.png"))


def test_search_motion_quote_graph_and_sparql(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    _shot(browser, "home")
    box = browser.find_element(By.ID, "home-search")
    box.send_keys("Soedan")
    box.submit()
    _wait(lambda: "/search" in browser.current_url, "the search results")
    groups = [g.get_attribute("data-type") for g in browser.find_elements(By.CSS_SELECTOR, "section.group")]
    assert "Motion" in groups and "Country" in groups
    _shot(browser, "search")

    motion = browser.find_element(By.CSS_SELECTOR, 'section.group[data-type="Motion"] a.hit-label')
    motion.click()
    _wait(lambda: "/id/kamerstuk/" in browser.current_url, "the motion's page")
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "li.fact blockquote.quote")]
    assert quotes and all(len(q) > 20 for q in quotes)
    assert browser.find_element(By.CSS_SELECTOR, "p.kind").text.upper() == "MOTION"
    _shot(browser, "motion")

    browser.find_element(By.ID, "graph-link").click()
    box = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#graph[data-rendered-nodes]"), "the graph")[0]
    rendered = int(box.get_attribute("data-rendered-nodes"))
    source = box.get_attribute("data-source")
    exported = json.loads(browser.execute_script(
        "const r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send(); return r.responseText;", source
    ))
    assert rendered == len(exported["elements"]["nodes"]) > 1
    assert browser.execute_script("return window.kamergraphGraph.nodes().length") == rendered
    _shot(browser, "graph")
    first_filter = browser.find_element(By.CSS_SELECTOR, "input.type-filter")
    kind = first_filter.get_attribute("value")
    of_kind = sum(1 for n in exported["elements"]["nodes"] if n["data"]["type"] == kind)
    first_filter.click()
    _wait(lambda: int(box.get_attribute("data-rendered-nodes")) == rendered - of_kind, "the type filter")

    browser.get(server + "/editor?example=motions")
    assert "kg:Motion" in browser.find_element(By.ID, "query").get_attribute("value")
    browser.find_element(By.ID, "run").click()
    _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#results tbody tr"), "the SPARQL results")
    rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    assert len(rows) > 5
    assert browser.find_element(By.ID, "download").get_attribute("href").startswith(server + "/editor/download?")
    _shot(browser, "sparql")

    browser.get(server + "/ontology")
    assert browser.find_element(By.ID, "Motion")
    _shot(browser, "ontology")
