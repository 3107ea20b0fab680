"""Retention: closed concerns lose their personal content once their period has passed.

Each category may set its own period (Category.retention_months), otherwise
CONCERN_RETENTION_MONTHS applies; a handler can keep a concern longer, with a logged reason.
Anonymising wipes the free text, the person fields, the reporter link, the notes, the
reasons in the history and of extensions, and the reporter's satisfaction comment; category,
municipality, dates, states and outcome stay, so that the aggregates do not change.
"""

from collections import defaultdict
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from signals.eyes import ConcernOrigin
from signals.models import (
    Anonymisation,
    CaseConference,
    Category,
    Concern,
    FollowUpAction,
    Note,
    Referral,
    RetentionExtension,
    SatisfactionAnswer,
    Transition,
)
from signals.workflow import State

WIPED_FIELDS = {
    "neighbourhood": None,
    "observed": None,
    "persons_involved": None,
    "reporter_organisation": None,
    "reporter_contact": None,
    "outcome_text": None,
    "platform": None,
    "reporter": None,
}


def _months(category: Category) -> int:
    return category.retention_months or settings.CONCERN_RETENTION_MONTHS


def retention_end(concern: Concern) -> date | None:
    """The day after which a closed concern is anonymised (None while it is open)."""
    if concern.state != State.CLOSED or concern.closed_at is None:
        return None
    end = timezone.localdate(concern.closed_at) + relativedelta(months=_months(concern.category))
    return max(end, concern.retain_until) if concern.retain_until else end


def warn_before() -> timedelta:
    """How long before its anonymisation a concern is announced to its handlers."""
    return timedelta(days=settings.CONCERN_RETENTION_WARNING_DAYS)


def expiring_before(day: date) -> Q:
    """The concerns whose retention period ends before `day`: closed, not anonymised, past
    their category's period and any date they are kept until. Reads the categories (one
    query), so that a count over it is one more query whatever the number of concerns."""
    past_period = Q(pk__in=[])
    for category in Category.objects.only("pk", "retention_months"):
        closed_by = day - relativedelta(months=_months(category))
        past_period |= Q(category=category, closed_at__date__lt=closed_by)
    kept = Q(retain_until__isnull=True) | Q(retain_until__lt=day)
    return Q(state=State.CLOSED, anonymised_at__isnull=True) & kept & past_period


def _closed_before(day: date) -> dict[Category, QuerySet[Concern]]:
    """Per category: closed, not anonymised concerns whose period ends before `day`."""
    result = {}
    for category in Category.objects.all():
        closed_by = day - relativedelta(months=_months(category))
        result[category] = Concern.objects.filter(
            Q(retain_until__isnull=True) | Q(retain_until__lt=day),
            category=category,
            state=State.CLOSED,
            anonymised_at__isnull=True,
            closed_at__date__lt=closed_by,
        )
    return result


@transaction.atomic
def concern_anonymise(*, concern: Concern) -> Concern:
    """Wipe the personal content of one concern and record that it was done."""
    locked = Concern.objects.select_for_update().select_related("category").get(pk=concern.pk)
    if locked.anonymised_at is not None:
        return locked
    expired_on = retention_end(locked) or timezone.localdate()
    for field, empty in WIPED_FIELDS.items():
        setattr(locked, field, empty)
    locked.anonymised_at = timezone.now()
    locked.save()
    # Queryset writes on purpose: the history rows stay, only what they said goes.
    Transition.objects.filter(concern=locked).update(reason=None)
    Note.objects.filter(concern=locked).delete()
    CaseConference.objects.filter(concern=locked).update(decisions=None)
    FollowUpAction.objects.filter(concern=locked).update(description=None)
    Referral.objects.filter(concern=locked).update(shared=None, reason=None)
    RetentionExtension.objects.filter(concern=locked).update(reason=None)
    SatisfactionAnswer.objects.filter(concern=locked).update(comment=None)
    ConcernOrigin.objects.filter(concern=locked).update(source_identity=None)
    Anonymisation.objects.create(concern=locked, expired_on=expired_on)
    return locked


def concerns_anonymise_expired(*, today: date | None = None) -> int:
    """The daily job: anonymise every concern whose retention period has ended."""
    today = today or timezone.localdate()
    done = 0
    for queryset in _closed_before(today).values():
        for concern in queryset.only("pk").iterator():
            concern_anonymise(concern=concern)
            done += 1
    return done


def concerns_to_warn(*, today: date | None = None) -> dict[int, list[Concern]]:
    """Per municipality id: concerns anonymised within `warn_before()` whose handlers were
    not warned yet."""
    today = today or timezone.localdate()
    upcoming = defaultdict(list)
    for queryset in _closed_before(today + warn_before()).values():
        for concern in queryset.filter(retention_warned_at__isnull=True).select_related("category"):
            upcoming[concern.municipality_id].append(concern)
    return upcoming
