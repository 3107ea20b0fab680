"""The one Period (polrad/periods.py): its days, its key in the ledger's format, the one before."""

from datetime import date

import pytest

from polrad import ledger, periods


def test_calendar_periods_have_inclusive_ends_and_ledger_keys():
    february = periods.month(2028, 2)
    assert (february.start, february.end, february.after) == (
        date(2028, 2, 1),
        date(2028, 2, 29),
        date(2028, 3, 1),
    )
    assert [p.key for p in (february, periods.quarter(2026, 4), periods.year(2026))] == [
        "2028-02",
        "2026-Q4",
        "2026",
    ]
    day = date(2026, 11, 23)
    assert periods.containing(day, periods.MONTH).key == ledger.month_key(day) == "2026-11"
    assert periods.containing(day, periods.QUARTER).key == ledger.quarter_key(day) == "2026-Q4"
    assert periods.containing(day, periods.YEAR).key == ledger.year_key(day) == "2026"


def test_the_period_before_crosses_the_year_and_keeps_the_length_of_chosen_dates():
    assert periods.month(2026, 1).previous == periods.month(2025, 12)
    assert periods.quarter(2026, 1).previous == periods.quarter(2025, 4)
    assert periods.year(2026).previous == periods.year(2025)
    chosen = periods.custom(date(2026, 3, 10), date(2026, 3, 19))
    assert chosen.previous == periods.custom(date(2026, 2, 28), date(2026, 3, 9))


def test_the_last_complete_period_has_ended():
    today = date(2026, 1, 1)
    assert periods.last_complete(periods.MONTH, today) == periods.month(2025, 12)
    assert periods.last_complete(periods.QUARTER, today) == periods.quarter(2025, 4)
    assert periods.last_complete(periods.YEAR, today) == periods.year(2025)


@pytest.mark.parametrize("key", ["2026-13", "2026-Q5", "2026", "oktober", "2026-Q"])
def test_only_month_and_quarter_keys_are_parsed(key):
    with pytest.raises(ValueError):
        periods.parse(key)


def test_chosen_dates_cannot_end_before_they_start():
    with pytest.raises(ValueError):
        periods.custom(date(2026, 3, 2), date(2026, 3, 1))
