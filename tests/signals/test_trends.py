"""Trend updates: the right figures with small counts suppressed, once per recipient per period."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from signals import digests, tasks, trends
from signals.models import TrendDigest, TrendSubscription
from signals.workflow import State
from tests.factories import MunicipalityFactory, UserFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OCTOBER = trends.parse_period("2026-10")
SECRET = "Filmpjes van een extremistische groep in de klas"


def at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("counts", "cells", "total"),
    [
        ({"a": 5, "b": 7}, {"a": "5", "b": "7"}, "12"),  # at the threshold: shown
        ({"a": 4, "b": 7, "c": 9}, {"a": "< 5", "b": "·", "c": "9"}, "20"),  # secondary
        ({"a": 1, "b": 2, "c": 20}, {"a": "< 5", "b": "< 5", "c": "·"}, "23"),
        ({"a": 3}, {"a": "< 5"}, "< 5"),  # the total would give it away
        ({"a": 0, "b": 6}, {"a": "0", "b": "6"}, "6"),
        ({"a": 2, "b": 3, "c": 6}, {"a": "< 5", "b": "< 5", "c": "6"}, "11"),
    ],
)
def test_small_counts_are_suppressed_and_cannot_be_derived(counts, cells, total):
    shown = trends.suppress(counts, threshold=5)
    assert shown["cells"] == cells and shown["total"] == total
    hidden = [label for label, text in shown["cells"].items() if not text.isdigit()]
    if shown["total"].isdigit() and hidden:
        derived = int(shown["total"]) - sum(
            int(text) for text in shown["cells"].values() if text.isdigit()
        )
        assert derived >= 5  # only a sum of at least the threshold can be derived


def test_periods():
    assert (OCTOBER.start, OCTOBER.end, OCTOBER.previous.key) == (
        date(2026, 10, 1),
        date(2026, 11, 1),
        "2026-09",
    )
    q3 = trends.parse_period("2026-Q3")
    assert (q3.start, q3.end, q3.previous.key) == (date(2026, 7, 1), date(2026, 10, 1), "2026-Q2")
    assert trends.last_complete("monthly", date(2026, 11, 23)).key == "2026-10"
    assert trends.last_complete("quarterly", date(2026, 11, 23)).key == "2026-Q3"
    with pytest.raises(ValueError):
        trends.parse_period("2026-13")


def test_aggregates_on_known_data_with_local_period_boundaries(db):
    online, hate = CategoryFactory(name="Online uitingen"), CategoryFactory(name="Haat")
    groningen = MunicipalityFactory(name="Groningen")
    for _ in range(6):
        ConcernFactory(category=online, municipality=groningen, submitted_at=at(2026, 10, 15))
    # Midnight in Amsterdam is 22:00 UTC on 31 October: still October here.
    ConcernFactory(category=hate, municipality=groningen, submitted_at=at(2026, 10, 31, 23, 30))
    ConcernFactory(category=hate, municipality=groningen, submitted_at=at(2026, 11, 1, 0, 30))
    for _ in range(5):
        ConcernFactory(category=online, municipality=groningen, submitted_at=at(2026, 9, 2))
    figures = trends.trend_aggregates(OCTOBER)
    rows = {row["label"]: (row["now"], row["before"]) for row in figures["categories"]["rows"]}
    # Haat (1) is below the threshold; showing Online (6) beside the total would give it away.
    assert rows == {"Online uitingen": ("·", "5"), "Haat": ("< 5", "0")}
    assert figures["categories"]["total_now"] == "7"
    assert figures["municipalities"]["rows"] == [{"label": "Groningen", "now": "7", "before": "5"}]


@pytest.fixture
def reporters(municipality):
    first = UserFactory(roles=["professional"], email="een@example.org")
    second = UserFactory(roles=["professional"], email="twee@example.org")
    quiet = UserFactory(roles=["professional"], email="uit@example.org")
    quarterly = UserFactory(roles=["professional"], email="kwartaal@example.org")
    UserFactory(roles=["professional"], email="nooit-gemeld@example.org")
    TrendSubscription.objects.create(user=quiet, frequency="off")
    TrendSubscription.objects.create(user=quarterly, frequency="quarterly")
    for user in (first, second, quiet, quarterly):
        ConcernFactory(reporter=user, municipality=municipality, observed=SECRET)
    ConcernFactory(reporter=first, municipality=municipality, state=State.CLOSED)
    return first, second


def test_each_reporter_gets_one_update_per_period_whatever_the_retries(reporters):
    assert tasks.send_trend_updates(period="2026-10") == 2
    assert tasks.send_trend_updates(period="2026-10") == 0  # a second beat run
    aggregates = trends.trend_aggregates(OCTOBER)
    ids = [user.pk for user in reporters]
    assert (
        digests.trend_update_send_batch(period="2026-10", user_ids=ids, aggregates=aggregates) == 0
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["een@example.org", "twee@example.org"]
    assert TrendDigest.objects.filter(period="2026-10").count() == 2


def test_the_update_shows_own_open_reports_but_no_content(reporters):
    first, _second = reporters
    tasks.send_trend_updates(period="2026-10")
    email = next(m for m in mail.outbox if m.to == [first.email])
    open_reference = first.reported_concerns.get(state=State.SUBMITTED).reference
    closed_reference = first.reported_concerns.get(state=State.CLOSED).reference
    assert open_reference in email.body and closed_reference not in email.body
    assert SECRET not in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_link_works_with_one_click_and_is_tamper_proof(client, reporters):
    first, second = reporters
    tasks.send_trend_updates(period="2026-10")
    email = next(m for m in mail.outbox if m.to == [first.email])
    link = email.extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a page, nothing changed yet
    assert not TrendSubscription.objects.filter(user=first).exists()
    assert client.post("/" + path).status_code == 200
    assert TrendSubscription.objects.get(user=first).frequency == "off"
    forged = reverse("signals:unsubscribe", args=[digests.unsubscribe_token(second.pk) + "x"])
    assert client.post(forged).status_code == 400
    assert not TrendSubscription.objects.filter(user=second).exists()
    assert tasks.send_trend_updates(period="2026-11") == 1


def test_reporter_chooses_the_frequency(client_for, professional):
    client = client_for(professional)
    client.post(reverse("signals:trend-settings"), {"frequency": "quarterly"})
    assert TrendSubscription.objects.get(user=professional).frequency == "quarterly"
    response = client.post(reverse("signals:trend-settings"), {"frequency": "daily"})
    assert response.status_code == 200
    assert TrendSubscription.objects.get(user=professional).frequency == "quarterly"


def test_management_command_runs_the_same_job(reporters, capsys):
    call_command("send_trend_updates", "--period", "2026-10")
    assert "2" in capsys.readouterr().out and len(mail.outbox) == 2


def test_quarterly_run_reaches_quarterly_subscribers_only(reporters):
    assert tasks.send_trend_updates(period="2026-Q3", frequency="quarterly") == 1
    assert [m.to for m in mail.outbox] == [["kwartaal@example.org"]]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_once_when_a_batch_is_delivered_twice(redis_app, municipality):
    from celery.contrib.testing.worker import start_worker

    users = [UserFactory(roles=["professional"]) for _ in range(3)]
    for user in users:
        ConcernFactory(reporter=user, municipality=municipality)
    aggregates = trends.trend_aggregates(OCTOBER)
    ids = [user.pk for user in users]
    batch = redis_app.tasks[tasks.send_trend_update_batch.name]
    with start_worker(redis_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        results = [batch.delay("2026-10", ids, aggregates) for _ in range(2)]
        sent = sorted(result.get(timeout=30) for result in results)
    assert sent == [0, 3]
    assert len(mail.outbox) == 3 and TrendDigest.objects.count() == 3
