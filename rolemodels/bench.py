"""Benchmark measurements of the role-model app (`make bench`)."""

from datetime import timedelta

from django.utils import timezone

from network.models import Municipality
from polrad.accounts.roles import Role
from polrad.benchmark import register_job, register_page
from rolemodels.models import Activity
from rolemodels.stats import activity_figures
from rolemodels.workflow import ActivityState


def _groningen() -> int:
    return Municipality.objects.get(cbs_code="GM0014").pk


def _filtered_list(user) -> str:
    since = timezone.localdate() - timedelta(days=365)
    return f"/rolmodellen/activiteiten/?municipality={_groningen()}&date_from={since:%Y-%m-%d}"


def _match(user) -> str:
    day = timezone.localdate() + timedelta(days=7)
    return f"/rolmodellen/matchen/?municipality={_groningen()}&date={day:%Y-%m-%d}"


register_page("pipeline board", "/rolmodellen/", role=Role.COORDINATOR)
register_page("activity list", "/rolmodellen/activiteiten/", role=Role.COORDINATOR)
register_page("activity list (filtered)", _filtered_list, role=Role.COORDINATOR)
register_page(
    "activity list (searched)", "/rolmodellen/activiteiten/?role_model=123", role=Role.COORDINATOR
)
register_page("approval queue", "/rolmodellen/activiteiten/goedkeuren/", role=Role.COORDINATOR)
register_page("activity dashboard", "/rolmodellen/activiteiten/cijfers/", role=Role.COORDINATOR)
register_page(
    "activity dashboard (municipality)",
    lambda user: f"/rolmodellen/activiteiten/cijfers/?municipality={_groningen()}",
    role=Role.COORDINATOR,
)
register_page("match role models", _match, role=Role.COORDINATOR)
register_page("my activities", "/rolmodellen/activiteiten/mijn/", role=Role.ROLE_MODEL)


def _last_twelve_months():
    today = timezone.localdate()
    return Activity.objects.filter(
        state=ActivityState.APPROVED,
        date__gte=today.replace(year=today.year - 1, day=1),
        date__lte=today,
    )


# The dashboard page is measured warm (figures cached until the next approval); this is the
# cost of the first request after an approval.
register_job(
    "activity figures of 12 months (uncached)", activity_figures, setup=_last_twelve_months, n=5
)


def _busiest_mentorship(user) -> str:
    """An active mentorship: its page with the latest meetings."""
    from rolemodels.mentoring.models import Mentorship

    mentorship = Mentorship.objects.filter(end_date__isnull=True).order_by("pk").first()
    return f"/rolmodellen/mentoraten/{mentorship.pk}/"


register_page("mentor board", "/rolmodellen/mentoren/", role=Role.COORDINATOR)
register_page(
    "mentor board (no recent meeting)", "/rolmodellen/mentoren/?quiet=1", role=Role.COORDINATOR
)
register_page("mentorship page", _busiest_mentorship, role=Role.COORDINATOR)
