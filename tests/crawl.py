"""The pages a logged-in user can reach, found by following the site's own links.

Used by the sweep tests (Dutch text, accessibility at 375 px): they start from the home page
and its navigation, so a page another engineer adds to a menu or a list is covered without
editing the tests. One page per URL shape (numbers replaced), so a list with a thousand rows
costs one detail page, not a thousand.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from polrad.accounts.seed import DEMO_ACCOUNTS

# Links that are not pages to read: leaving, files, the Django admin (not our templates),
# language switches and actions that change something when followed.
SKIP = re.compile(
    r"/(uitloggen|logout|i18n|setlang|taal)/"
    r"|\.(pdf|csv|zip|ics|vcf|png|jpe?g|svg|webp)$"
    r"|/(export|download|downloaden|bestand|agenda\.ics|kalender\.ics|feed)(/|$)"
    r"|^/admin/|^/static/|^/media/"
)
DEMO_EMAILS = [email for email, _name, _role in DEMO_ACCOUNTS]


def demo_client(email: str) -> Client:
    """A test client logged in as a demo account, with its own second factor if it has one."""
    from polrad.accounts.models import User

    user = User.objects.get(email=email)
    # A page that fails is reported with the others, not raised at the first one.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def shape(path: str) -> str:
    """The URL with every segment that holds a digit replaced: one page per kind."""
    return "/".join("N" if re.search(r"\d", part) else part for part in path.split("/"))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.hrefs.append(attributes["href"])


def links(html: str) -> list[str]:
    """Same-site page paths linked from the HTML, without query string or fragment."""
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if not SKIP.search(parts.path):
            paths.append(parts.path)
    return paths


@dataclass
class Page:
    path: str
    status: int
    html: str = ""
    found_on: str = ""


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    @property
    def html_pages(self) -> list[Page]:
        return [page for page in self.pages if page.html]


def crawl(client: Client, start: str = "/", max_pages: int = 250) -> Crawl:
    """Every page shape reachable from `start` through links, fetched with `client`."""
    result = Crawl()
    queue = deque([(start, "")])
    seen = {shape(start)}
    while queue and len(result.pages) < max_pages:
        path, found_on = queue.popleft()
        response = client.get(path)
        page = Page(path, response.status_code, found_on=found_on)
        result.pages.append(page)
        if response.status_code >= 400:
            result.broken.append(f"{path} ({response.status_code}, linked from {found_on})")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if getattr(response, "streaming", False):
            continue
        page.html = response.content.decode()
        for link in links(page.html):
            if shape(link) not in seen:
                seen.add(shape(link))
                queue.append((link, path))
    return result
