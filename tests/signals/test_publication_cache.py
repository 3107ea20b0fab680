"""The published months are kept in the cache: an ended month until one of its concerns closes
or reopens, or a category is renamed; a month still running is counted every time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from signals.models import Category
from signals.services import concern_transition
from signals.suppression import month_publications, not_closed_label
from signals.workflow import Outcome, State
from tests.signals.factories import CategoryFactory, ConcernFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOVEMBER, DECEMBER, FEBRUARY = date(2026, 11, 1), date(2026, 12, 1), date(2027, 2, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def february_2027():
    with time_machine.travel(datetime(2027, 2, 10, 12, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def category():
    return CategoryFactory(name="Online uitingen")


def submitted(month: date, category, municipality, count=1, **kwargs):
    moment = datetime(month.year, month.month, 15, 12, tzinfo=AMSTERDAM)
    return [
        ConcernFactory(municipality=municipality, category=category, submitted_at=moment, **kwargs)
        for _ in range(count)
    ]


def published(*months):
    """The months as published, and the number of queries it took."""
    with CaptureQueriesContext(connection) as context:
        found = month_publications(list(months))
    return found, len(context)


def test_ended_months_are_counted_once(municipality, category):
    submitted(NOVEMBER, category, municipality, 6)
    first, queries = published(NOVEMBER, DECEMBER)
    assert queries == 3 and first[NOVEMBER].text("categories", "Online uitingen") == "6"
    again, queries = published(NOVEMBER, DECEMBER)
    assert queries == 0 and again[NOVEMBER].counts == first[NOVEMBER].counts


def test_only_the_months_missing_from_the_cache_are_counted(municipality, category):
    submitted(DECEMBER, category, municipality, 7)
    published(DECEMBER)
    both, queries = published(NOVEMBER, DECEMBER)
    assert queries == 3  # November's, in one go
    assert both[DECEMBER].text("categories", "Online uitingen") == "7"
    assert both[NOVEMBER].total == "0"


def test_a_month_still_running_is_counted_every_time(municipality, category):
    submitted(FEBRUARY, category, municipality, 5)
    published(FEBRUARY)
    submitted(FEBRUARY, category, municipality, 1)
    now, queries = published(FEBRUARY)
    assert queries == 3 and now[FEBRUARY].total == "6"


def test_a_closed_concern_changes_its_own_month_only(
    municipality, category, handler, django_capture_on_commit_callbacks
):
    submitted(NOVEMBER, category, municipality, 6)
    (concern, *_rest) = submitted(DECEMBER, category, municipality, 6, state=State.IN_ASSESSMENT)
    before, _queries = published(NOVEMBER, DECEMBER)
    assert before[DECEMBER].text("outcomes", not_closed_label()) == "6"
    with django_capture_on_commit_callbacks(execute=True):
        concern_transition(
            concern=concern,
            to=State.CLOSED,
            by=handler,
            outcome=Outcome.ADVICE,
            outcome_text="Advies aan de school.",
        )
    after, queries = published(NOVEMBER, DECEMBER)
    assert queries == 3  # December counted again; November from the cache
    assert after[DECEMBER].counts[("outcomes", str(Outcome.ADVICE.label))] == 1
    assert published(NOVEMBER)[1] == 0


def test_a_renamed_category_renames_the_rows_of_every_month(
    municipality, category, django_capture_on_commit_callbacks
):
    submitted(NOVEMBER, category, municipality, 6)
    published(NOVEMBER)
    category.name = "Online haat"
    admin = site._registry[Category]
    with django_capture_on_commit_callbacks(execute=True):
        admin.save_model(RequestFactory().post("/"), category, form=None, change=True)
    renamed, queries = published(NOVEMBER)
    assert queries == 3 and renamed[NOVEMBER].text("categories", "Online haat") == "6"
