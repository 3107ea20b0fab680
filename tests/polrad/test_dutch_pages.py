"""Dutch everywhere: every page each demo role reaches in the demo data reads as Dutch."""

import re
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from polrad.management.commands.seed_demo import SEED_MODULES
from tests.crawl import DEMO_EMAILS, crawl, demo_client

# Words and phrases that are English (or Django's defaults) and never right on a Dutch page.
ENGLISH = re.compile(
    r"\b(hate incident|Download als|Submit|Loading|Not found|Search|Save|Cancel|Delete|Edit"
    r"|Previous|Next|Show more|No results|None|True|False|Yes|No|Page \d|Unknown)\b"
)
EMPTY_CHOICE = "---------"
ISO_MONTH = re.compile(r"\b(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?\b")
ENGLISH_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June"
    r"|July|August|September|October|November|December)\.? (19|20)\d\d\b"
)
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[^}]*\}")


class _Text(HTMLParser):
    """The text a reader sees (and hears): text nodes outside script and style."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder", "alt"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def untranslated_sources() -> list[str]:
    """English source texts of the catalogue (three words or more) that have a translation."""
    catalogue = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    entries = re.findall(
        r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', catalogue.read_text(), re.MULTILINE
    )
    sources = set()
    for msgid, msgstr in entries:
        source = "".join(re.findall(r'"(.*)"', msgid)).replace('\\"', '"')
        translation = "".join(re.findall(r'"(.*)"', msgstr))
        if not translation or translation == source:
            continue
        for chunk in PLACEHOLDER.split(source):
            chunk = " ".join(chunk.replace("\\n", " ").split()).strip(" .,:;")
            if len(chunk.split()) >= 3:
                sources.add(chunk)
    return sorted(sources)


def problems_of(text: str, sources: list[str]) -> list[str]:
    found = [f"English: {m.group(0)!r}" for m in ENGLISH.finditer(text)]
    found += [f"ISO month: {m.group(0)!r}" for m in ISO_MONTH.finditer(text)]
    found += [f"English month: {m.group(0)!r}" for m in ENGLISH_MONTH.finditer(text)]
    if EMPTY_CHOICE in text:
        found.append("Django's empty choice '---------'")
    found += [f"untranslated: {source!r}" for source in sources if source in text]
    return sorted(set(found))


# Problems inside other engineers' new features, reported to them (issue #13's closing note)
# rather than fixed here: (page path, problem). Remove a line when its feature is fixed.
KNOWN_ELSEWHERE: list[tuple[str, str]] = []  # (page, problem) patterns to let through


def known_elsewhere(path: str, problem: str) -> bool:
    return any(re.search(page, path) and re.search(what, problem) for page, what in KNOWN_ELSEWHERE)


@pytest.fixture
def demo_data(db):
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for name in SEED_MODULES:
            import_module(name).seed_demo(lambda *args: None)


def test_every_page_of_every_demo_role_is_in_dutch(demo_data):
    sources = untranslated_sources()
    report = []
    for email in DEMO_EMAILS:
        result = crawl(demo_client(email))
        found = [(page.path, "broken link") for page in result.pages if page.status >= 400]
        for page in result.html_pages:
            found += [(page.path, p) for p in problems_of(visible_text(page.html), sources)]
        report += [f"{email} {path}: {p}" for path, p in found if not known_elsewhere(path, p)]
    assert report == [], "\n".join(report)


def test_the_check_finds_english_iso_months_and_the_empty_choice():
    html = (
        "<p>Discriminatie of hate incident</p><td>Dec 2026</td><td>2026-07</td>"
        "<select><option>---------</option></select><p>Enter a Dutch postcode</p>"
        "<script>var x = '2026-07';</script>"
    )
    problems = problems_of(visible_text(html), ["Enter a Dutch postcode"])
    assert problems == [
        "Django's empty choice '---------'",
        "English month: 'Dec 2026'",
        "English: 'hate incident'",
        "ISO month: '2026-07'",
        "untranslated: 'Enter a Dutch postcode'",
    ]
