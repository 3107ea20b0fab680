"""Who may know which concern: every view, export, PDF and task asks here.

Reporters see their own concerns; handlers see the concerns of the municipalities in their
scope; everyone else sees none (aggregates only, elsewhere). Each time staff open a concern,
an access-log row is written.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from network.models import Intervention
from polrad.permissions import HANDLE_CONCERNS, SUBMIT_CONCERNS
from signals import retention
from signals.models import (
    AccessLog,
    CaseConference,
    Concern,
    FollowUpAction,
    Note,
    Transition,
    TrendSubscription,
)
from signals.workflow import OPEN_STATES, State

# A new concern should be picked up within this time (the reporter is told so).
RESPONSE_TIME = timedelta(days=2)


def can_handle_concerns(user) -> bool:
    return user.is_authenticated and user.has_perm(HANDLE_CONCERNS)


def can_submit_concerns(user) -> bool:
    return user.is_authenticated and user.has_perm(SUBMIT_CONCERNS)


def may_handle(user, concern: Concern) -> bool:
    """A handler may handle a concern of a municipality in their scope."""
    return can_handle_concerns(user) and concern.municipality_id in user.municipality_ids


def concerns_handled_by(user) -> QuerySet[Concern]:
    """The concerns a handler works on: those of the municipalities in their scope."""
    if not can_handle_concerns(user):
        return Concern.objects.none()
    return Concern.objects.filter(municipality__in=user.municipalities.values("pk"))


def concerns_reported_by(user) -> QuerySet[Concern]:
    if not can_submit_concerns(user):
        return Concern.objects.none()
    return Concern.objects.filter(reporter=user)


def concerns_visible_to(user) -> QuerySet[Concern]:
    """Every concern the user may know exists: reported by them or handled by them."""
    if not user.is_authenticated:
        return Concern.objects.none()
    visible = Q(pk__in=concerns_reported_by(user).values("pk"))
    if can_handle_concerns(user):
        visible |= Q(municipality__in=user.municipalities.values("pk"))
    return Concern.objects.filter(visible)


def concern_get_for_handler(
    user, pk: int, *, action: str = AccessLog.Action.VIEW, reason: str = ""
) -> Concern:
    """A concern in the handler's scope (404 otherwise), with an access-log row written."""
    concern = get_object_or_404(
        concerns_handled_by(user).select_related(
            "category", "municipality", "assigned_to", "origin", "mentor_referral"
        ),
        pk=pk,
    )
    AccessLog.objects.create(user=user, concern=concern, action=action, reason=reason)
    return concern


def conferences_of(concern: Concern) -> list[CaseConference]:
    """The concern's case conferences, each with the names of the organisations at the table
    (`attending`) and the interventions chosen (`chosen`): two queries whatever their number."""
    conferences = list(concern.conferences.all())
    if not conferences:
        return conferences
    by_id = {conference.pk: conference for conference in conferences}
    for conference in conferences:
        conference.attending, conference.chosen = [], []

    def links(relation, field, name):
        return (
            relation.through.objects.filter(caseconference_id__in=by_id)
            .annotate(part=Value(field), ref=F(field), label=F(name))
            .values_list("part", "caseconference_id", "ref", "label")
            .order_by()
        )

    rows = links(CaseConference.organisations, "organisation_id", "organisation__name").union(
        links(CaseConference.interventions, "intervention_id", "intervention__name"), all=True
    )
    for part, conference_id, pk, name in rows.order_by("part", "label", "ref"):
        if part == "organisation_id":
            by_id[conference_id].attending.append(name)
        else:
            by_id[conference_id].chosen.append(Intervention(pk=pk, name=name))
    return conferences


def concern_get_for_reporter(user, pk: int) -> Concern:
    """The reporter's own concern; 404 for any other (no access log: it is their own)."""
    return get_object_or_404(
        concerns_reported_by(user).select_related("category", "municipality"), pk=pk
    )


QUEUE_VIEWS = ("new", "mine", "urgent", "overdue", "actions", "reopen", "retention")


def retention_ending_soon() -> Q:
    """Closed concerns whose content is wiped within the warning time (one query)."""
    return retention.expiring_before(timezone.localdate() + retention.warn_before())


def work_queue(user, view: str = "") -> QuerySet[Concern]:
    """A handler's open concerns, urgent first, then the longest waiting; `view` narrows it."""
    if view == "reopen":  # closed, but the reporter was not satisfied
        queryset = concerns_handled_by(user).filter(
            state=State.CLOSED, reopen_requested_at__isnull=False
        )
    elif view == "retention":  # closed, and anonymised soon unless kept longer
        return (
            concerns_handled_by(user)
            .filter(retention_ending_soon())
            .select_related("category", "municipality", "assigned_to")
            .order_by("closed_at", "pk")
        )
    else:
        queryset = concerns_handled_by(user).filter(state__in=OPEN_STATES)
    if view == "new":
        queryset = queryset.filter(state=State.SUBMITTED)
    elif view == "mine":
        queryset = queryset.filter(assigned_to=user)
    elif view == "urgent":
        queryset = queryset.filter(urgency=Concern.Urgency.URGENT)
    elif view == "overdue":
        queryset = queryset.filter(
            state=State.SUBMITTED, submitted_at__lt=timezone.now() - RESPONSE_TIME
        )
    elif view == "actions":  # a follow-up action agreed at a case conference is overdue
        overdue = FollowUpAction.objects.filter(
            done_at__isnull=True, due_on__lt=timezone.localdate()
        )
        queryset = queryset.filter(pk__in=overdue.values("concern_id"))
    urgent_first = Case(
        When(urgency=Concern.Urgency.URGENT, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.select_related("category", "municipality", "assigned_to").order_by(
        urgent_first, "submitted_at", "pk"
    )


# --- the home page: counts of what waits ------------------------------------------------------


def handler_waiting_counts(user) -> dict[str, int]:
    """The counts behind the work queue's views (`QUEUE_VIEWS`), in two queries (the
    categories decide when retention ends)."""
    open_ = Q(state__in=OPEN_STATES)
    overdue_action = FollowUpAction.objects.filter(
        concern=OuterRef("pk"), done_at__isnull=True, due_on__lt=timezone.localdate()
    )
    return concerns_handled_by(user).aggregate(
        new=Count("pk", filter=Q(state=State.SUBMITTED)),
        urgent=Count("pk", filter=open_ & Q(urgency=Concern.Urgency.URGENT)),
        overdue=Count(
            "pk",
            filter=Q(state=State.SUBMITTED, submitted_at__lt=timezone.now() - RESPONSE_TIME),
        ),
        actions=Count("pk", filter=open_ & Q(Exists(overdue_action))),
        reopen=Count("pk", filter=Q(state=State.CLOSED, reopen_requested_at__isnull=False)),
        mine=Count("pk", filter=open_ & Q(assigned_to=user)),
        retention=Count("pk", filter=retention_ending_soon()),
    )


def retention_counts(*, since) -> dict[str, int]:
    """Network-wide, for administrators: how many concerns the retention task anonymised
    since `since`, and how many it wipes within the warning time (counts only; two queries)."""
    return Concern.objects.aggregate(
        anonymised=Count("pk", filter=Q(anonymised_at__gte=since)),
        ending_soon=Count("pk", filter=retention_ending_soon()),
    )


def reports_with_news_count(user, *, since) -> int:
    """The reporter's own concerns with a message to them or a change of state after `since`
    (None: ever; what their timeline shows, never internal notes): one query."""
    after = {} if since is None else {"created_at__gt": since}
    messages = Note.objects.filter(concern=OuterRef("pk"), to_reporter=True, **after)
    moves = Transition.objects.filter(concern=OuterRef("pk"), **after).exclude(
        to_state=State.SUBMITTED
    )
    news = Q(Exists(messages)) | Q(Exists(moves))
    return concerns_reported_by(user).filter(news).count()


def next_trend_update(user) -> date | None:
    """When the reporter's next trend update goes out (the beat schedule sends on the first of
    the month, quarterly ones in January, April, July and October); None when they opted out."""
    frequency = (
        TrendSubscription.objects.filter(user=user).values_list("frequency", flat=True).first()
        or TrendSubscription.Frequency.MONTHLY
    )
    if frequency == TrendSubscription.Frequency.OFF:
        return None
    first = timezone.localdate().replace(day=1)
    step = 1 if frequency == TrendSubscription.Frequency.MONTHLY else 3 - (first.month - 1) % 3
    return first + relativedelta(months=step)
