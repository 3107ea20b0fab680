"""Every page each demo role can reach works on a 375 px phone: no serious or critical axe
finding, nothing wider than the screen.

The pages are found by following the site's own links from the home page (tests/crawl.py),
so pages added to a menu or a list later are covered without editing this test. One
browser, one login per role, each path once.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.crawl import DEMO_EMAILS, crawl, demo_client
from tests.e2e.conftest import _audit
from tests.e2e.steps import LOGIN_URL, VERIFY_URL, current_code, enter_code, log_in_with_password

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 812}
OVERFLOW = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    const wide = [...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(e => !e.closest(".table-responsive, [data-scroll-region]"))
        .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
            + (e.className && typeof e.className === "string"
               ? "." + e.className.trim().split(/\\s+/).join(".") : ""));
    return `${root.scrollWidth} px wide: ${wide.slice(0, 4).join(", ")}`;
}"""


def log_in(page, email):
    page.goto(LOGIN_URL)
    log_in_with_password(page, email)
    page.wait_for_load_state("load")
    if VERIFY_URL in page.url:
        enter_code(page, current_code())
        page.wait_for_load_state("load")
    assert LOGIN_URL not in page.url and VERIFY_URL not in page.url, email


def test_every_page_of_every_demo_role_is_accessible_on_a_phone(
    browser, live_server, demo_data, browser_problems
):
    axe = Axe()
    audited: dict[str, list[str]] = {}
    visited: set[str] = set()
    report = []
    for email in DEMO_EMAILS:
        # A page another role has been checked on already is not visited again: the
        # templates are the same, and a full sweep per role would take many minutes.
        pages = [p for p in crawl(demo_client(email)).html_pages if p.path not in visited]
        visited.update(page.path for page in pages)
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        browser_problems.watch(context)
        page = context.new_page()
        log_in(page, email)
        for found in pages:
            page.goto(found.path)
            page.wait_for_load_state("load")
            problems = list(browser_problems.failed)
            browser_problems.failed.clear()
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                problems.append(f"scrolls sideways: {overflow}")
            markup = page.content()
            if markup not in audited:
                audited[markup] = _audit(page, axe)
            problems += audited[markup]
            report += [f"{email} {found.path}: {problem}" for problem in problems]
        context.close()
    assert report == [], "\n".join(report)
