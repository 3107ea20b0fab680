"""Mentorships in the places of the report: about individuals at risk, so every count is
suppressed like concern figures (`signals.suppression.publish`)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from polrad.periods import Period
from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.common import Places
from rolemodels.mentoring.models import Meeting, Mentorship
from signals import trends
from signals.suppression import publish


def _shown(count: int) -> str:
    """One count on its own, shown as the suppression code shows a cell."""
    return publish({"n": {"n": count}}).text("n", "n")


def _counts(mentorships, period: Period) -> dict[str, int]:
    start, end = period.starts_at.date(), period.ends_before.date()
    counts = mentorships.aggregate(
        started=Count("pk", filter=Q(start_date__gte=start, start_date__lt=end)),
        active=Count(
            "pk", filter=Q(start_date__lt=end) & (Q(end_date__isnull=True) | Q(end_date__gte=end))
        ),
        ended=Count("pk", filter=Q(end_date__gte=start, end_date__lt=end)),
    )
    counts["meetings"] = Meeting.objects.filter(
        mentorship__in=mentorships, date__gte=start, date__lt=end
    ).count()
    return counts


def mentorships_section(places: Places, period: Period) -> Section:
    mentorships = Mentorship.objects.order_by()
    if places is not None:
        mentorships = mentorships.filter(municipality__in=places)
    now, before = _counts(mentorships, period), _counts(mentorships, period.previous)
    labels = {
        "started": _("Mentorships started"),
        "active": _("Mentorships active at the end"),
        "ended": _("Mentorships ended"),
        "meetings": _("Meetings of mentors"),
    }
    section = Section(key="mentorships", title=_("Mentorships"))
    section.figures = [
        KeyFigure(
            label=label,
            now=_shown(now[key]),
            before=_shown(before[key]),
            key=f"mentorships-{key}",
        )
        for key, label in labels.items()
    ]
    start, end = period.starts_at.date(), period.ends_before.date()
    outcomes = dict(
        mentorships.filter(end_date__gte=start, end_date__lt=end)
        .values_list("outcome__name")
        .annotate(n=Count("pk"))
        .values_list("outcome__name", "n")
    )
    labels = {str(name or _("Unknown")): n for name, n in outcomes.items()}
    shown = publish({"outcomes": labels})
    section.tables = [
        Table(
            key="mentorships-by-outcome",
            title=_("Mentorships ended, by outcome"),
            columns=[_("Outcome"), _("Number")],
            rows=[
                *([label, shown.text("outcomes", label)] for label in labels),
                [_("Total"), shown.total],
            ],
            note=trends.suppression_note(),
        )
    ]
    return section
