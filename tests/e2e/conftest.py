"""Browser journeys: one headless Chromium for all, a fresh browser context per test.

Every page a journey visits is checked with axe-core; serious and critical problems fail it.
"""

import os
import re
from importlib import import_module
from pathlib import Path

# Sync Playwright runs an event loop in the test thread; Django would refuse ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import transaction
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

from polrad.management.commands.seed_demo import SEED_MODULES
from tests.conftest import skip_or_fail

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000  # generous: CI machines are shared
BLOCKING_IMPACTS = ("serious", "critical")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


expect.set_options(timeout=TIMEOUT_MS)


# One browser for all journeys. Package scope, not session: sync Playwright keeps an event
# loop running in the main thread, which the tests after these must not inherit.
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """The live server speaks plain HTTP: cookies must not be Secure-only."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def demo_data(transactional_db):
    """The data of `manage.py seed_demo`, without its change history (that takes seconds)."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
        for name in SEED_MODULES:
            import_module(name).seed_demo(print)


class BrowserProblems:
    """What went wrong in a browser context besides the page itself: failed requests, errors."""

    def __init__(self):
        self.failed: list[str] = []

    def watch(self, context):
        context.on("response", self._response)
        context.on("requestfailed", self._request_failed)
        context.on("console", self._console)
        context.on("weberror", lambda e: self.failed.append(f"script error: {e.error}"))

    def _request_failed(self, request):
        # A load the browser cancelled itself (the user navigated on, a download took the
        # page's place) is not a failure of the site: it shows as net::ERR_ABORTED.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"failed {request.url}: {request.failure}")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.request.method} {response.url}")

    def _console(self, message):
        # Failed loads are reported (with their URL) by the response listener; the browser's
        # own favicon request is the only one it does not see.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.failed.append(f"console error: {message.text}")


@pytest.fixture
def browser_problems():
    return BrowserProblems()


@pytest.fixture
def new_page(browser, live_server, demo_data, browser_problems):
    """`new_page()`: a page in a fresh browser context (a new visitor) on the live server."""
    contexts = []

    def make():
        # An English browser: the site must stay Dutch until the visitor switches.
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        context.set_default_timeout(TIMEOUT_MS)
        browser_problems.watch(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


SETTLED = """() => Promise.all(
    document.getAnimations()
        .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null))
)"""


def _describe(violation) -> str:
    lines = [f"  {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        checks = node["any"] or node["all"] or node["none"]
        why = checks[0]["message"] if checks else ""
        lines.append(f"    {', '.join(node['target'])}: {why}")
    return "\n".join(lines)


def _audit(page, axe) -> list[str]:
    """The serious and critical axe violations on the page, described."""
    return [
        _describe(violation)
        for violation in axe.run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.fixture(scope="session")
def _audited():
    """Audits by page markup: a page met again exactly as it was is not audited again."""
    return {}


@pytest.fixture
def assert_accessible(browser_problems, _audited):
    """`assert_accessible(page)`: the styled page has no serious or critical axe violations."""
    axe = Axe()

    def check(page):
        page.wait_for_load_state("load")
        # Without the stylesheets colour-contrast results would be meaningless.
        styled = page.evaluate(
            "Array.from(document.styleSheets).length > 0 && "
            "Array.from(document.styleSheets).every(s => s.cssRules.length > 0)"
        )
        assert styled, f"{page.url}: a stylesheet did not load"
        assert not browser_problems.failed, f"{page.url}:\n" + "\n".join(browser_problems.failed)
        # A button just clicked is still fading into its hover colours (Bootstrap's 0.15 s
        # transition); axe measured it half-way, grey on grey, and failed CI once. Audit the
        # colours the page settles on, which are the ones a person reads.
        # (A looping animation, such as a spinner, never settles and is not waited for.)
        # (page.evaluate, not wait_for_function: the site's CSP refuses the latter's eval.)
        page.evaluate(SETTLED)
        markup = CSRF_TOKEN.sub("", page.content())
        if markup not in _audited:
            _audited[markup] = _audit(page, axe)
        problems = _audited[markup]
        assert not problems, f"axe violations on {page.url}:\n" + "\n".join(problems)

    return check
