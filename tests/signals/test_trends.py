"""Trend updates: the right figures with small counts suppressed, once per recipient per period."""

import smtplib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.urls import reverse

from polrad import periods
from signals import digests, tasks, trends
from signals.models import Concern, TrendDigest, TrendSubscription
from signals.workflow import State
from tests.factories import MunicipalityFactory, UserFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OCTOBER = periods.parse("2026-10")
SECRET = "Filmpjes van een extremistische groep in de klas"


def at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def test_periods():
    assert (OCTOBER.start, OCTOBER.after, OCTOBER.previous.key) == (
        date(2026, 10, 1),
        date(2026, 11, 1),
        "2026-09",
    )
    q3 = periods.parse("2026-Q3")
    assert (q3.start, q3.after, q3.previous.key) == (date(2026, 7, 1), date(2026, 10, 1), "2026-Q2")
    assert periods.last_complete(periods.MONTH, date(2026, 11, 23)).key == "2026-10"
    assert periods.last_complete(periods.QUARTER, date(2026, 11, 23)).key == "2026-Q3"
    with pytest.raises(ValueError):
        periods.parse("2026-13")


def test_aggregates_on_known_data_with_local_period_boundaries(db):
    online, hate = CategoryFactory(name="Online uitingen"), CategoryFactory(name="Haat")
    groningen = MunicipalityFactory(name="Groningen")
    for _ in range(9):
        ConcernFactory(category=online, municipality=groningen, submitted_at=at(2026, 10, 15))
    # Midnight in Amsterdam is 22:00 UTC on 31 October: still October here.
    ConcernFactory(category=hate, municipality=groningen, submitted_at=at(2026, 10, 31, 23, 30))
    ConcernFactory(category=hate, municipality=groningen, submitted_at=at(2026, 11, 1, 0, 30))
    for _ in range(5):
        ConcernFactory(category=online, municipality=groningen, submitted_at=at(2026, 9, 2))
    figures = trends.trend_aggregates(OCTOBER)
    assert figures["label"] == "oktober 2026" and figures["monthly"]
    # Haat (1) is below the threshold; Online (9) beside the total would give it away, and
    # with most of the table hidden the email says so and gives the region's total instead.
    assert figures["categories"] == {
        "rows": [],
        "mostly_hidden": True,
        "total": "deze maand 10, vorige maand 5",  # 9 + the one late on 31 October
    }
    assert figures["municipalities"]["rows"] == [
        {"label": "Groningen", "figures": "deze maand 10, vorige maand 5"}
    ]


def test_a_quarter_is_sent_as_its_months_never_as_their_sum(municipality):
    online = CategoryFactory(name="Online uitingen")
    for month, n in ((7, 6), (8, 2), (9, 7)):
        for _ in range(n):
            ConcernFactory(
                category=online, municipality=municipality, submitted_at=at(2026, month, 10)
            )
    figures = trends.trend_aggregates(periods.parse("2026-Q3"))
    assert figures["label"] == "juli tot en met september 2026"
    assert figures["categories"]["total"] == "juli 6, augustus < 5, september 7"
    assert "15" not in str(figures)  # the quarter's sum would give August away


def test_a_period_that_has_not_ended_is_refused(reporters):
    with time_machine.travel(at(2026, 12, 20, 12), tick=False):
        for period in ("2026-12", "2026-Q4", "2027-01"):
            with pytest.raises(trends.PeriodNotEnded):
                tasks.send_trend_updates(period=period)
            with pytest.raises(CommandError, match="has not ended"):
                call_command("send_trend_updates", "--period", period)
        assert tasks.send_trend_updates(period="2026-11") == 2
    assert TrendDigest.objects.filter(period__in=["2026-12", "2026-Q4"]).count() == 0


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


def test_the_email_shows_both_tables_hidden_cells_and_upcoming_trainings(municipality):
    from django.utils import timezone

    from tests.trainings.factories import SessionFactory
    from trainings.workflow import SessionState

    online, hate = CategoryFactory(name="Online uitingen"), CategoryFactory(name="Haat")
    groningen = MunicipalityFactory(name="Groningen")
    for name, n in (("Online uitingen", 9), ("Haat", 1), ("Polarisatie", 12), ("Extremisme", 7)):
        category = online if n == 9 else hate if n == 1 else CategoryFactory(name=name)
        for _ in range(n):
            ConcernFactory(category=category, municipality=groningen, submitted_at=at(2026, 10, 15))
    for name, n in (("Anders", 20), ("Discriminatie", 15)):
        category = CategoryFactory(name=name)
        for _ in range(n):
            ConcernFactory(category=category, municipality=groningen, submitted_at=at(2026, 10, 9))
    for _ in range(5):
        ConcernFactory(category=online, municipality=groningen, submitted_at=at(2026, 9, 2))
    reporter = UserFactory(roles=["professional"])
    ConcernFactory(reporter=reporter, municipality=municipality)
    soon = timezone.now() + timedelta(days=3)
    first = SessionFactory(title="Signaleren op school", municipality=groningen, starts_at=soon)
    for days in range(5, 10):
        SessionFactory(title=f"Later {days}", starts_at=soon + timedelta(days=days))
    SessionFactory(title="Afgelast", starts_at=soon, state=SessionState.CANCELLED)
    SessionFactory(title="Al geweest", starts_at=timezone.now() - timedelta(days=2))

    tasks.send_trend_updates(period="2026-10")
    body = mail.outbox[0].body
    assert (
        "Meldingen in oktober 2026, per categorie\n- Anders: deze maand 20, vorige maand 0\n"
        in body
    )
    assert "- Haat: deze maand < 5, vorige maand 0\n" in body
    assert "- Online uitingen: deze maand *, vorige maand 5\n" in body
    assert "- Polarisatie: deze maand 12, vorige maand 0\n" in body
    assert "Hele regio: deze maand 64, vorige maand 5\n" in body
    assert "- Groningen: deze maand 64, vorige maand 5\nHele regio:" in body
    assert "2026-10" not in body and "2026-09" not in body  # no period codes
    assert mail.outbox[0].subject.startswith("Trendupdate oktober 2026")
    assert "staat „< 5” voor een aantal van 1 tot en met 4, „*” voor een aantal van 5 of" in body
    assert f"{first.display_title} (Groningen)" in body
    assert "http://testserver" not in body and first.get_absolute_url() in body
    assert "Later 8" in body and "Later 9" not in body  # the next five
    assert "Afgelast" not in body and "Al geweest" not in body


def test_a_period_decides_who_gets_it(reporters, capsys):
    assert tasks.send_trend_updates(period="2026-Q3") == 1  # the default frequency is ignored
    assert [m.to for m in mail.outbox] == [["kwartaal@example.org"]]
    call_command("send_trend_updates", "--period", "2026-Q2")
    assert [m.to for m in mail.outbox[1:]] == [["kwartaal@example.org"]]
    with pytest.raises(CommandError):
        call_command("send_trend_updates", "--period", "2026-Q2", "--frequency", "monthly")


class FailingBackend(locmem.EmailBackend):
    """Sends like the test backend, until the connection drops at message `fail_at`."""

    fail_at = 3
    sent = 0

    def send_messages(self, messages):
        FailingBackend.sent += len(messages)
        if FailingBackend.sent >= self.fail_at:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_connection_failing_partway_neither_resends_nor_loses_an_email(settings, municipality):
    users = [UserFactory(roles=["professional"]) for _ in range(5)]
    for user in users:
        ConcernFactory(reporter=user, municipality=municipality)
    ids, aggregates = [user.pk for user in users], trends.trend_aggregates(OCTOBER)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    FailingBackend.sent = 0
    with pytest.raises(smtplib.SMTPServerDisconnected):
        digests.trend_update_send_batch(period="2026-10", user_ids=ids, aggregates=aggregates)
    assert len(mail.outbox) == 2
    sent = TrendDigest.objects.filter(period="2026-10")
    assert set(sent.values_list("user_id", "state")) == {(pk, "sent") for pk in ids[:2]}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert (
        digests.trend_update_send_batch(period="2026-10", user_ids=ids, aggregates=aggregates) == 3
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(user.email for user in users)
    assert set(sent.values_list("state", flat=True)) == {"sent"}


def test_claims_of_a_dead_worker_are_taken_over_after_the_lease(reporters):
    from django.utils import timezone

    first, second = reporters
    aggregates = trends.trend_aggregates(OCTOBER)
    now = timezone.now()
    # A worker claimed both and died; `second`'s claim is still young: maybe it is sending.
    TrendDigest.objects.create(user=first, period="2026-10", claimed_at=now - timedelta(hours=1))
    TrendDigest.objects.create(user=second, period="2026-10", claimed_at=now)
    assert tasks.send_trend_updates(period="2026-10") == 1
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert TrendDigest.objects.get(user=first).state == "sent"
    ids = [first.pk, second.pk]
    assert (
        digests.trend_update_send_batch(period="2026-10", user_ids=ids, aggregates=aggregates) == 0
    )


def test_only_the_guarded_batch_task_is_acknowledged_late():
    assert tasks.send_trend_update_batch.acks_late
    assert tasks.send_trend_update_batch.reject_on_worker_lost
    assert not tasks.send_receipt.acks_late and not tasks.send_closed_notice.acks_late


def test_sending_takes_the_same_queries_for_3_or_30_recipients(municipality, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(tasks, "TREND_BATCH", 1000)  # one batch, so per-recipient queries show

    def queries(new_reporters, period):
        for _ in range(new_reporters):
            ConcernFactory(reporter=UserFactory(roles=["professional"]), municipality=municipality)
        with CaptureQueriesContext(connection) as captured:
            tasks.send_trend_updates(period=period)
        return len(captured)

    few = queries(3, "2026-10")
    many = queries(27, "2026-11")  # 30 recipients now
    assert len(mail.outbox) == 3 + 30 and many == few, (few, many)


def test_the_shared_figures_are_rendered_once_per_period_for_3_or_30_recipients(
    municipality, monkeypatch
):
    """The region's tables are the same for everyone: 50,000 emails must not render them
    50,000 times. The rest of the message is rendered once per batch, and each email only
    gets its own name, reports and link filled in."""
    from django.test.signals import template_rendered

    from signals import emails

    monkeypatch.setattr(tasks, "TREND_BATCH", 10)  # several batches in one process
    rendered = []

    def count(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(count)
    try:
        for new_reporters, period in ((3, "2026-10"), (27, "2026-11")):
            for _ in range(new_reporters):
                ConcernFactory(
                    reporter=UserFactory(roles=["professional"]), municipality=municipality
                )
            emails._shared_parts.clear()
            emails._last_trends.clear()
            rendered.clear()
            tasks.send_trend_updates(period=period)
            recipients = 3 if period == "2026-10" else 30
            assert rendered.count("signals/email/_trend_figures.txt") == 1
            batches = -(-recipients // 10)
            assert rendered.count("signals/email/trend_update.txt") == batches
    finally:
        template_rendered.disconnect(count)
    assert len(mail.outbox) == 3 + 30


def test_each_update_has_the_shared_figures_and_its_own_reports_in_text_and_html(reporters):
    first, second = reporters
    open_reference = Concern.objects.get(reporter=first, state=State.SUBMITTED).reference
    tasks.send_trend_updates(period="2026-10")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    for user in (first, second):
        message = by_recipient[user.email]
        html = message.alternatives[0][0]
        for part in (message.body, html):
            assert "SHAREDPART" not in part
            assert "per gemeente" in part and "Hele regio: deze maand" in part
            assert "Komende trainingen" in part
            assert user.full_name.split(" ")[0] in part
            assert (open_reference in part) == (user == first)
        assert html.count("<html") == 1 and html.count("</body>") == 1
