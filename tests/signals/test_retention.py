"""Retention: expired concerns are anonymised, handlers are warned once, extensions logged."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from signals import retention, services, tasks
from signals.models import Anonymisation, Concern, Note, RetentionExtension
from signals.workflow import Outcome, State
from tests.signals.factories import CategoryFactory, ConcernFactory

SECRET = "Jongen (16) in de Vinkhuizen deelt haatfilmpjes"


def closed(municipality, months_ago, **kwargs):
    closed_at = timezone.now() - timedelta(days=round(months_ago * 30.5))
    return ConcernFactory(
        municipality=municipality,
        state=State.CLOSED,
        outcome=Outcome.ADVICE,
        outcome_text="Advies aan mentor",
        observed=SECRET,
        persons_involved="Youssef",
        closed_at=closed_at,
        **kwargs,
    )


@pytest.fixture
def default_retention(settings):
    settings.CONCERN_RETENTION_MONTHS = 24


def test_expired_concerns_lose_their_content_but_keep_the_figures(
    default_retention, municipality, handler, professional
):
    old = closed(municipality, 25, reporter=professional)
    category = old.category_id
    recent = closed(municipality, 6)
    still_open = ConcernFactory(municipality=municipality, observed=SECRET)
    Note.objects.create(concern=old, author=handler, text="Interne notitie")
    before = list(
        Concern.objects.values("category", "municipality", "outcome").annotate(n=Count("pk"))
    )
    assert retention.concerns_anonymise_expired() == 1
    old.refresh_from_db()
    assert old.observed is None and old.persons_involved is None and old.outcome_text is None
    assert old.reporter is None and old.anonymised_at is not None
    kept = Concern.objects.values_list("category", "municipality", "outcome", "closed_at")
    assert kept.get(pk=old.pk)[:3] == (category, municipality.pk, Outcome.ADVICE)
    assert not Note.objects.filter(concern=old).exists()
    assert Anonymisation.objects.get(concern=old).expired_on < timezone.localdate()
    for untouched in (recent, still_open):
        untouched.refresh_from_db()
        assert untouched.observed == SECRET
    after = list(
        Concern.objects.values("category", "municipality", "outcome").annotate(n=Count("pk"))
    )
    assert sorted(map(str, before)) == sorted(map(str, after))
    assert retention.concerns_anonymise_expired() == 0  # nothing twice


def test_a_category_can_keep_its_concerns_shorter(default_retention, municipality):
    short = CategoryFactory(name="Anders", retention_months=6)
    concern = closed(municipality, 7, category=short)
    other = closed(municipality, 7)
    retention.concerns_anonymise_expired()
    concern.refresh_from_db()
    other.refresh_from_db()
    assert concern.anonymised_at is not None and other.anonymised_at is None


def test_handler_keeps_a_concern_longer_with_a_logged_reason(
    client_for, default_retention, handler, municipality
):
    concern = closed(municipality, 25)
    until = timezone.localdate() + timedelta(days=90)
    client_for(handler).post(
        reverse("signals:retain", args=[concern.pk]),
        {"retain-until": until.isoformat(), "retain-reason": "Lopend strafrechtelijk onderzoek."},
    )
    extension = RetentionExtension.objects.get()
    assert (extension.until, extension.actor) == (until, handler)
    assert retention.concerns_anonymise_expired() == 0
    concern.refresh_from_db()
    assert concern.observed == SECRET and concern.retain_until == until


@pytest.mark.parametrize(
    ("until", "reason"),
    [(date(2020, 1, 1), "Reden"), (date(2040, 1, 1), "Reden"), (None, "  ")],
)
def test_bad_extensions_are_refused(handler, municipality, until, reason):
    concern = closed(municipality, 25)
    with pytest.raises(services.TransitionError):
        services.concern_retain(
            concern=concern,
            until=until or timezone.localdate() + timedelta(days=30),
            reason=reason,
            by=handler,
        )
    assert not RetentionExtension.objects.exists()


def test_handlers_are_warned_once_a_month_before(
    default_retention, handler, municipality, django_capture_on_commit_callbacks
):
    soon = closed(municipality, 23.5)
    closed(municipality, 12)  # a year to go: no warning yet
    assert tasks.send_retention_warnings() == 1
    assert tasks.send_retention_warnings() == 0  # once, whatever the retries
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [handler.email]
    body = mail.outbox[0].body
    assert soon.reference in body and SECRET not in body


def test_anonymised_concern_cannot_be_reopened(default_retention, handler, municipality):
    concern = closed(municipality, 25)
    retention.concerns_anonymise_expired()
    with pytest.raises(services.TransitionError):
        services.concern_transition(
            concern=concern, to=State.REOPENED, by=handler, reason="Nieuwe melding"
        )


def test_anonymising_also_wipes_casework(default_retention, handler, municipality):
    from signals.models import CaseConference, FollowUpAction, Referral
    from tests.network.factories import OrganisationFactory

    concern = closed(municipality, 25)
    CaseConference.objects.create(concern=concern, held_on=date(2024, 1, 1), decisions=SECRET)
    FollowUpAction.objects.create(concern=concern, description=SECRET, due_on=date(2024, 2, 1))
    Referral.objects.create(
        concern=concern, organisation=OrganisationFactory(), shared=SECRET, reason=SECRET
    )
    retention.concerns_anonymise_expired()
    assert CaseConference.objects.get().decisions is None
    assert FollowUpAction.objects.get().description is None
    referral = Referral.objects.get()
    assert referral.shared is None and referral.reason is None


def test_anonymising_wipes_the_satisfaction_comment_and_the_extension_reasons(
    default_retention, handler, municipality
):
    from signals.models import SatisfactionAnswer

    concern = closed(municipality, 25)
    SatisfactionAnswer.objects.create(
        concern=concern, closed_at=concern.closed_at, satisfied=False, comment=SECRET
    )
    RetentionExtension.objects.create(
        concern=concern,
        until=timezone.localdate() - timedelta(days=1),
        reason=SECRET,
        actor=handler,
    )
    assert retention.concerns_anonymise_expired() == 1
    assert SatisfactionAnswer.objects.get().comment is None
    extension = RetentionExtension.objects.get()
    assert extension.reason is None and extension.actor == handler  # the log stays


def test_the_reason_of_an_extension_is_not_stored_in_plain_text(handler, municipality):
    from django.db import connection

    concern = closed(municipality, 25)
    services.concern_retain(
        concern=concern, until=timezone.localdate() + timedelta(days=30), reason=SECRET, by=handler
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM signals_retentionextension")
        stored = cursor.fetchone()[0]
    assert SECRET not in stored and RetentionExtension.objects.get().reason == SECRET
