"""Reads of analyses, actions and basis op orde, with the one rule of who sees what.

Municipal staff of a municipality and coordinators see and edit its analyses (the rule of the
municipal reports); participants with an account read the analyses they sat in and add
remarks; nobody else knows they exist (404).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from network.models import Community, Domain, Intervention, Municipality, PolarisationForm
from network.selectors import interventions_offered_in
from polrad.analysis.models import (
    Action,
    Analysis,
    Assessment,
    AssessmentItem,
    ChecklistDefinition,
    ChecklistItem,
    ChosenIntervention,
    Participant,
    PolicyVerdict,
    StepNote,
    VisionDocument,
)
from polrad.analysis.workflow import OPEN_STATUSES, ActionStatus, Step
from polrad.reports.selectors import report_municipalities


def editable_municipalities(user) -> QuerySet[Municipality]:
    """Coordinators: every municipality; municipal staff: those in their scope."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return report_municipalities(user)


def municipality_get_for_editor(user, pk) -> Municipality:
    return get_object_or_404(editable_municipalities(user), pk=pk)


def may_edit(user, municipality_id: int) -> bool:
    return editable_municipalities(user).filter(pk=municipality_id).exists()


def may_use_analyses(user) -> bool:
    """Whether the user has any business on the analysis pages at all."""
    if not user.is_authenticated:
        return False
    return editable_municipalities(user).exists() or Participant.objects.filter(user=user).exists()


def analyses_visible_to(user) -> QuerySet[Analysis]:
    if not user.is_authenticated:
        return Analysis.objects.none()
    sat_in = Participant.objects.filter(analysis=OuterRef("pk"), user=user)
    return Analysis.objects.filter(
        Q(municipality__in=editable_municipalities(user)) | Exists(sat_in)
    ).select_related("municipality")


def analysis_get_for_user(user, pk: int, *, edit: bool = False) -> Analysis:
    """The analysis, 404 if the user may not know it; 403 to edit it as a participant."""
    editable = editable_municipalities(user).filter(pk=OuterRef("municipality_id"))
    analysis = get_object_or_404(
        analyses_visible_to(user)
        .select_related("definition", "phase")
        .annotate(may_edit=Exists(editable)),
        pk=pk,
    )
    if edit and not analysis.may_edit:
        raise PermissionDenied
    return analysis


def analysis_previous(analysis: Analysis) -> Analysis | None:
    """The analysis of the same area before this one."""
    return (
        Analysis.objects.filter(
            municipality_id=analysis.municipality_id,
            neighbourhood__iexact=analysis.neighbourhood,
        )
        .filter(Q(date__lt=analysis.date) | Q(date=analysis.date, pk__lt=analysis.pk))
        .select_related("phase", "municipality")
        .order_by("-date", "-pk")
        .first()
    )


def checklist_items(analysis: Analysis) -> dict[int, list[ChecklistItem]]:
    """The items of the analysis's checklist version per step (the short version's only)."""
    items = analysis.definition.items.all()
    if analysis.is_short:
        items = items.filter(in_short=True)
    per_step: dict[int, list[ChecklistItem]] = defaultdict(list)
    for item in items:
        per_step[item.step].append(item)
    return per_step


@dataclass
class AnalysisContent:
    """What was filled in, per step, read in one query."""

    ticked: set[int]
    communities: list
    notes: dict[int, str]
    verdicts: list[PolicyVerdict]
    forms: list = field(default_factory=list)
    interventions: list = field(default_factory=list)
    required_domains: list = field(default_factory=list)


def _content_rows(kind: str, queryset, ref: str, *, text="", extra="", label="", rank=None):
    """One part of the union: (kind, id, text, extra, label, rank) per row."""

    def column(name):
        return F(name) if name else Value("")

    return (
        queryset.annotate(
            part=Value(kind),
            ref=F(ref),
            text=column(text),
            extra=column(extra),
            label=column(label),
            rank=F(rank) if rank else Value(0),
        )
        .values_list("part", "ref", "text", "extra", "label", "rank")
        .order_by()
    )


def analysis_content(analysis: Analysis) -> AnalysisContent:
    """Ticked items, communities, forms, notes, verdicts, chosen interventions and the
    domains the checklist wants at the table: one query over their link tables, each row made
    into the (unsaved) object the pages, forms and the comparison read."""
    links = Analysis.ticked.through.objects.filter(analysis=analysis)
    communities = Analysis.communities.through.objects.filter(analysis=analysis)
    forms = Analysis.forms.through.objects.filter(analysis=analysis)
    domains = ChecklistDefinition.required_domains.through.objects.filter(
        checklistdefinition=analysis.definition_id
    )
    rows = _content_rows("ticked", links, "checklistitem_id").union(
        _content_rows(
            "community",
            communities,
            "community_id",
            text="community__name",
            rank="community__position",
        ),
        _content_rows(
            "form",
            forms,
            "polarisationform_id",
            text="polarisationform__name",
            rank="polarisationform__position",
        ),
        _content_rows("note", StepNote.objects.filter(analysis=analysis), "step", text="notes"),
        _content_rows(
            "verdict",
            PolicyVerdict.objects.filter(analysis=analysis),
            "item_id",
            text="verdict",
            extra="approach",
            label="item__label",
            rank="item__position",
        ),
        _content_rows(
            "intervention",
            ChosenIntervention.objects.filter(analysis=analysis),
            "intervention_id",
            text="intervention__name",
            extra="reason",
            rank="pk",
        ),
        _content_rows("domain", domains, "domain_id", text="domain__name", rank="domain__position"),
        all=True,
    )
    content = AnalysisContent(ticked=set(), communities=[], notes={}, verdicts=[])
    for kind, pk, text, extra, label, _rank in rows.order_by("part", "rank", "text", "ref"):
        _add_content(content, kind, pk, text, extra, label)
    return content


def _add_content(content: AnalysisContent, kind, pk, text, extra, label) -> None:
    if kind == "ticked":
        content.ticked.add(pk)
    elif kind == "community":
        content.communities.append(Community(pk=pk, name=text))
    elif kind == "form":
        content.forms.append(PolarisationForm(pk=pk, name=text))
    elif kind == "note":
        content.notes[pk] = text
    elif kind == "verdict":
        item = ChecklistItem(pk=pk, label=label)
        content.verdicts.append(PolicyVerdict(item=item, verdict=text, approach=extra))
    elif kind == "intervention":
        intervention = Intervention(pk=pk, name=text)
        content.interventions.append(ChosenIntervention(intervention=intervention, reason=extra))
    else:
        content.required_domains.append(Domain(pk=pk, name=text))


# The catalogue beyond what is offered in the municipality is long: the step lists this many.
OTHER_INTERVENTIONS = 30


@dataclass
class InterventionChoice:
    intervention: Intervention
    suggested: bool
    offered: bool


def intervention_choices(analysis: Analysis, content: AnalysisContent) -> list:
    """The catalogue for step 7: first the interventions offered in the municipality that
    address a form ticked in step 1 (suggested), then the rest offered there, then the
    ones already chosen and a part of the rest of the catalogue. Four queries."""
    offered = list(interventions_offered_in(analysis.municipality).prefetch_related("forms"))
    ticked = {form.pk for form in content.forms}
    chosen = {c.intervention_id for c in content.interventions}
    offered_ids = {i.pk for i in offered}
    others = Intervention.objects.filter(archived=False).exclude(pk__in=offered_ids)
    others = [
        *others.filter(pk__in=chosen),
        *others.exclude(pk__in=chosen)[:OTHER_INTERVENTIONS],
    ]
    choices = [
        InterventionChoice(i, suggested=bool(ticked & {f.pk for f in i.forms.all()}), offered=True)
        for i in offered
    ]
    choices.sort(key=lambda c: (not c.suggested, c.intervention.name))
    return choices + [InterventionChoice(i, suggested=False, offered=False) for i in others]


def analysis_participants(analysis: Analysis) -> list[Participant]:
    return list(analysis.participants.select_related("organisation", "contact", "domain", "user"))


def missing_domains(
    analysis: Analysis, participants: list[Participant], required=None
) -> list[str]:
    """Which of the four domains (social, safety, education, care) nobody represents
    (`required`: the checklist's domains when read already, see `analysis_content`)."""
    present = {participant.domain_id for participant in participants}
    if required is None:
        required = analysis.definition.required_domains.all()
    return [domain.name for domain in required if domain.pk not in present]


def remarks_of(analysis: Analysis):
    return analysis.remarks.select_related("author")


def _actions() -> QuerySet[Action]:
    return Action.objects.select_related(
        "municipality",
        "analysis",
        "assessment_item__precondition",
        "owner_organisation",
        "owner_contact",
    )


def actions_of(analysis: Analysis) -> QuerySet[Action]:
    return _actions().filter(analysis=analysis)


def actions_visible_to(user) -> QuerySet[Action]:
    """Actions in the municipalities the user may edit, and those the user owns."""
    if not user.is_authenticated:
        return Action.objects.none()
    owned = Q(owner_contact__email__iexact=user.email) if user.email else Q(pk__in=[])
    return _actions().filter(Q(municipality__in=editable_municipalities(user)) | owned)


def may_see_actions(user) -> bool:
    return editable_municipalities(user).exists() or actions_visible_to(user).exists()


def action_get_for_user(user, pk: int) -> Action:
    """An action to update: its municipality's editors, or its owner."""
    return get_object_or_404(actions_visible_to(user), pk=pk)


@dataclass(frozen=True)
class ActionRow:
    """An action as the action list shows it, worked out once."""

    pk: int
    url: str
    what: str
    owner: str
    due_date: date
    due: str  # as the list shows it, 3-12-2026 (the date filter per row cost ~3 ms a page)
    status: str
    overdue: bool
    municipality: str
    analysis_title: str
    analysis_url: str  # empty for an action of basis op orde
    precondition: str


def action_rows(page_ids: QuerySet[Action]) -> list[ActionRow]:
    """The rows of one page of the action list, in one query: `page_ids` is the page's slice
    of the ordered, filtered actions as `values("pk")`, so only those rows are joined to what
    they show (joining every matching action before the sort cost ~20 ms nationally)."""
    today = timezone.localdate()
    statuses = {value: str(label) for value, label in ActionStatus.choices}
    edit_url, analysis_url = _url_with_pk("analysis:action-edit"), _url_with_pk("analysis:detail")
    # A subquery rather than two joins more: Postgres took three times as long to plan those.
    item = AssessmentItem.objects.filter(pk=OuterRef("assessment_item_id"))
    rows = (
        Action.objects.filter(pk__in=page_ids)
        .annotate(precondition=Subquery(item.values("precondition__label")))
        .order_by("due_date", "pk")
        .values(
            "pk",
            "what",
            "due_date",
            "status",
            "precondition",
            "analysis_id",
            "analysis__title",
            "municipality__name",
            "owner_contact__full_name",
            "owner_organisation__name",
        )
    )
    return [
        ActionRow(
            pk=row["pk"],
            url=edit_url(row["pk"]),
            what=row["what"],
            owner=row["owner_contact__full_name"] or row["owner_organisation__name"],
            due_date=row["due_date"],
            due=f"{row['due_date'].day}-{row['due_date'].month}-{row['due_date'].year}",
            status=statuses.get(row["status"], row["status"]),
            overdue=row["status"] in OPEN_STATUSES and row["due_date"] < today,
            municipality=row["municipality__name"],
            analysis_title=row["analysis__title"] or "",
            analysis_url=analysis_url(row["analysis_id"]) if row["analysis_id"] else "",
            precondition=row["precondition"] or "",
        )
        for row in rows
    ]


def _url_with_pk(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for a page of rows at the cost of one reverse (each costs
    20–60 µs; two per row were the dearest part of the rows)."""
    marker = 987654321
    before, _, after = reverse(name, args=[marker]).partition(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def action_counts(actions: QuerySet[Action]) -> dict[str, int]:
    today = timezone.localdate()
    from django.db.models import Count

    return actions.order_by().aggregate(
        done=Count("pk", filter=Q(status="done")),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
    )


# --- basis op orde --------------------------------------------------------------------------


def assessments_of(municipality) -> QuerySet[Assessment]:
    return Assessment.objects.filter(municipality=municipality).order_by("-date", "-pk")


def assessment_items(assessment: Assessment | None) -> list[AssessmentItem]:
    if assessment is None:
        return []
    return list(
        assessment.items.select_related("precondition").prefetch_related(
            Prefetch("actions", queryset=_actions())
        )
    )


def assessment_history(municipality) -> dict[str, list[AssessmentItem]]:
    """Every assessed precondition of the municipality, per precondition text, oldest first:
    the progress of each item over time (versions with the same wording line up)."""
    items = (
        AssessmentItem.objects.filter(assessment__municipality=municipality)
        .select_related("assessment", "precondition")
        .order_by("assessment__date", "assessment_id", "precondition__position", "precondition_id")
    )
    history: dict[str, list[AssessmentItem]] = defaultdict(list)
    for item in items:
        history[item.precondition.label].append(item)
    return history


def vision_of(municipality) -> VisionDocument | None:
    return VisionDocument.objects.filter(municipality=municipality).first()


def step_label(step: int) -> str:
    return Step(step).label


def latest_assessments(municipalities) -> list[dict]:
    """Every municipality with the date of its latest assessment (two queries)."""
    from django.db.models import Max

    latest = dict(
        Assessment.objects.filter(municipality__in=municipalities)
        .values_list("municipality")
        .annotate(date=Max("date"))
        .order_by()
    )
    return [
        {"municipality": municipality, "latest": latest.get(municipality.pk)}
        for municipality in municipalities
    ]
