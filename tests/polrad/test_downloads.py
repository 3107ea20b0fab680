"""Download names and headers (polrad/downloads.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from polrad.downloads import download, download_name

JUST_AFTER_MIDNIGHT = datetime(2026, 11, 23, 0, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


@time_machine.travel(JUST_AFTER_MIDNIGHT, tick=False)
def test_a_download_name_is_ascii_and_dated_by_the_dutch_calendar():
    # In UTC it is still the 22nd; the name carries the day in Amsterdam.
    assert download_name("Sociale kaart – Súdwest-Fryslân", "pdf") == (
        "sociale-kaart-sudwest-fryslan-2026-11-23.pdf"
    )
    assert download_name("***", "csv", dated=False) == "export.csv"


def test_a_download_is_saved_under_its_name_and_never_cached():
    response = download(b"x", "groningen.csv", content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="groningen.csv"'
    assert response["Cache-Control"] == "no-store"
    shown = download(b"%PDF", "melding.pdf", content_type="application/pdf", inline=True)
    assert shown["Content-Disposition"] == 'inline; filename="melding.pdf"'


def test_a_name_with_quotes_or_other_letters_cannot_break_the_header():
    quoted = download(b"", 'a"; b.csv', content_type="text/csv")["Content-Disposition"]
    assert quoted == 'attachment; filename="a\\"; b.csv"'
    other = download(b"", "café.csv", content_type="text/csv")["Content-Disposition"]
    assert other == "attachment; filename*=utf-8''caf%C3%A9.csv"
