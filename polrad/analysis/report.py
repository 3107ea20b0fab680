"""The section "Analysis and direction" of the municipal report, and basis op orde side by side
in the annual report. No concern figures: only analyses, actions and assessments."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from polrad.analysis.models import Action, Analysis, AssessmentItem, PreconditionList
from polrad.analysis.workflow import OPEN_STATUSES, ActionStatus
from polrad.figure_cache import VersionedCache
from polrad.reports.data import Section, Table

# The section as it stands today, kept in the report's cache until a service changes an
# analysis, an action or an assessment of the municipality.
FIGURES = VersionedCache("analysis:report", timeout=10 * 60)


def report_changed(municipality_ids) -> None:
    FIGURES.changed(municipality_ids)


def analysis_section(places: list) -> Section:
    """Per municipality its latest analysis (phase, forms, interventions, actions) and its
    basis op orde beside the previous assessment."""
    return Section(
        key="analysis",
        title=_("Analysis and direction"),
        tables=[_latest_analyses(places), _basis_now_and_before(places)],
        note=_("The latest analysis and the latest two assessments, as they stand today."),
    )


def _latest_analyses(places: list) -> Table:
    latest = {}
    for analysis in (
        Analysis.objects.filter(municipality__in=places)
        .select_related("phase", "municipality")
        .prefetch_related("forms", "chosen_interventions__intervention")
        .order_by("municipality_id", "-date", "-pk")
    ):
        latest.setdefault(analysis.municipality_id, analysis)
    counts = _action_counts([analysis.pk for analysis in latest.values()])
    rows = []
    for municipality in sorted(places, key=lambda m: m.name):
        analysis = latest.get(municipality.pk)
        if analysis is None:
            rows.append([municipality.name, _("no analysis yet"), "—", "—", "—", 0, 0, 0])
            continue
        done, open_, overdue = counts.get(analysis.pk, (0, 0, 0))
        rows.append(
            [
                municipality.name,
                f"{analysis.title} ({date_format(analysis.date, 'j-n-Y')})",
                analysis.phase.label if analysis.phase else "—",
                ", ".join(form.name for form in analysis.forms.all()) or "—",
                ", ".join(str(c.intervention) for c in analysis.chosen_interventions.all()) or "—",
                done,
                open_,
                overdue,
            ]
        )
    return Table(
        key="analysis-latest",
        title=_("Latest analysis"),
        columns=[
            _("Municipality"),
            _("Analysis"),
            _("Phase"),
            _("Forms of polarisation"),
            _("Chosen interventions"),
            _("Actions done"),
            _("Actions open"),
            _("Actions overdue"),
        ],
        rows=rows,
    )


def _action_counts(analysis_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    today = timezone.localdate()
    rows = (
        Action.objects.filter(analysis_id__in=analysis_ids)
        .values_list("analysis_id")
        .annotate(
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        )
        .order_by()
    )
    return {pk: (done, open_, overdue) for pk, done, open_, overdue in rows}


def _items_by_assessment(places: list, *, until: date | None = None) -> dict:
    """{municipality_id: [(assessment date, {precondition label: status label})]}, newest
    first: one query."""
    items = AssessmentItem.objects.filter(assessment__municipality__in=places).select_related(
        "assessment", "precondition"
    )
    if until is not None:
        items = items.filter(assessment__date__lte=until)
    found: dict[int, dict] = {}
    ordered = ("-assessment__date", "-assessment_id", "precondition__position", "precondition_id")
    for item in items.order_by(*ordered):
        per_place = found.setdefault(item.assessment.municipality_id, {})
        statuses = per_place.setdefault(item.assessment.date, {})
        statuses[item.precondition.label] = item.get_status_display()
    return {pk: sorted(dates.items(), reverse=True) for pk, dates in found.items()}


def _basis_now_and_before(places: list) -> Table:
    per_place = _items_by_assessment(places)
    rows = []
    for municipality in sorted(places, key=lambda m: m.name):
        assessments = per_place.get(municipality.pk, [])[:2]
        if not assessments:
            rows.append([municipality.name, _("no assessment yet"), "—", "—"])
            continue
        now_date, now = assessments[0]
        before_date, before = assessments[1] if len(assessments) > 1 else (None, {})
        for label, status in now.items():
            earlier = before.get(label, "—")
            rows.append(
                [
                    municipality.name,
                    label,
                    f"{status} ({date_format(now_date, 'j-n-Y')})",
                    f"{earlier} ({date_format(before_date, 'j-n-Y')})" if before_date else "—",
                ]
            )
    return Table(
        key="analysis-basis",
        title=_("Basis op orde: latest assessment beside the previous one"),
        columns=[_("Municipality"), _("Precondition"), _("Now"), _("Before")],
        rows=rows,
    )


def basis_side_by_side_section(*, places: list, year: int) -> Section:
    """The latest assessment of each municipality up to the end of the year, side by side."""
    current = PreconditionList.current()
    labels = [item.label for item in current.items.all()] if current else []
    per_place = _items_by_assessment(places, until=date(year, 12, 31))
    rows = []
    for municipality in sorted(places, key=lambda m: m.name):
        assessments = per_place.get(municipality.pk)
        if not assessments:
            rows.append([municipality.name, "—", *("—" for _label in labels)])
            continue
        day, statuses = assessments[0]
        rows.append(
            [
                municipality.name,
                date_format(day, "j-n-Y"),
                *(statuses.get(label, "—") for label in labels),
            ]
        )
    return Section(
        key="basis",
        title=_("Basis op orde per municipality"),
        tables=[
            Table(
                key="basis-side-by-side",
                title=_("Basis op orde: the latest assessment of the year per municipality"),
                columns=[_("Municipality"), _("Assessed on"), *labels],
                rows=rows,
            )
        ],
    )
