"""The web dashboard in a real browser: Debian's chromium driven by Playwright against a real
server on loopback with the sample articles ingested. Screenshots go to build/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cli import main
from tests.conftest import EXAMPLES, ROOT, SAMPLE_ARTICLES, served

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("dash") / "events.duckdb"
    assert main(["ingest", str(EXAMPLES), "--db", str(db), "--quiet"]) == 0
    with served(db) as (base, _):
        yield base


@pytest.fixture(scope="module")
def page(server):
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's chromium is missing: run 'make browser' (the Makefile's test target does)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        outside = []

        def only_loopback(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_loopback)
        page.outside_requests = outside
        # what the Content-Security-Policy of our pages blocked (chromium says so on the console)
        refused: list[str] = []
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        page.refused_by_policy = refused
        yield page
        browser.close()


def test_dashboard_lists_stories_draws_a_story_and_shows_evidence(server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(server + "/")
    page.wait_for_selector("#story-list li")
    assert page.locator("#story-list li").count() == 5
    assert f"{SAMPLE_ARTICLES} articles" in page.locator("#totals").inner_text()
    page.locator("#story-list li", has_text="Geneva").first.click()
    page.wait_for_selector("#story-body[data-ready='true']")
    # the timeline and the network are drawn: plotly has put points (and the network its
    # edges) in the SVG
    assert page.locator("#timeline .scatterlayer .point").count() > 3
    assert page.locator("#network .scatterlayer .point").count() > 2
    assert page.locator("#network .scatterlayer .js-line").count() > 0
    rows = page.locator("#events tbody tr")
    assert rows.count() > 5
    # select the event most outlets report: its evidence shows each report with the spans marked
    counts = [int(rows.nth(i).locator("td").nth(5).inner_text()) for i in range(rows.count())]
    rows.nth(counts.index(max(counts))).click()
    page.wait_for_selector("#evidence .report mark.trigger")
    assert page.locator("#evidence .report").count() >= 3
    assert (
        page.locator("#evidence mark.source").count() >= 1
        and page.locator("#evidence mark.target").count() >= 1
    )
    outlets = page.locator("#evidence .outlet").all_inner_texts()
    assert len(set(outlets)) >= 2
    page.wait_for_selector("#trend .main-svg")
    assert page.locator("#problem-list li").count() >= 1
    page.screenshot(path=str(SHOTS / "dashboard-story.png"), full_page=True)
    assert page.outside_requests == [] and page.refused_by_policy == []


def test_dashboard_shows_contradictions_in_the_problems_panel(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#story-list li")
    page.locator("#story-list li", has_text="Tbilisi").first.click()
    page.wait_for_selector("#story-body[data-ready='true']")
    problems = page.locator("#problem-list li").all_inner_texts()
    assert any("contradiction" in p and "66" in p for p in problems)
    page.screenshot(path=str(SHOTS / "dashboard-problems.png"), full_page=True)
    assert page.outside_requests == [] and page.refused_by_policy == []


def test_the_api_docs_render_offline_in_the_browser(server, page):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert page.outside_requests == [] and page.refused_by_policy == []


def test_the_pages_refuse_an_injected_inline_script(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#story-list li")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    assert page.evaluate("() => window.injected === undefined")
    assert any("script-src" in message for message in page.refused_by_policy)
    page.refused_by_policy.clear()
