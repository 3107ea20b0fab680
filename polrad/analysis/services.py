"""Writes of analyses, actions and basis op orde: one function per use case.

Forms check the input and say what is wrong in Dutch; these functions keep the invariants
(same checklist version, owners of the same municipality) and write all or nothing.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from polrad.analysis.models import (
    Action,
    Analysis,
    AnalysisPdf,
    Assessment,
    AssessmentItem,
    ChecklistDefinition,
    ChosenIntervention,
    Participant,
    PolicyVerdict,
    PreconditionList,
    Remark,
    StepNote,
    VisionDocument,
)
from polrad.analysis.report import report_changed
from polrad.analysis.workflow import TICKED_STEPS, Step


def _report_changed(*municipality_ids) -> None:
    transaction.on_commit(lambda: report_changed(municipality_ids))


def version_check(*, expected: int, given: int | None) -> None:
    if given != expected:
        raise ValidationError(
            _(
                "The checklist of this analysis is version %(expected)s, but the form was "
                "filled in for version %(given)s. Nothing was saved; open the step again."
            )
            % {"expected": expected, "given": given or "?"}
        )


@transaction.atomic
def analysis_create(*, form, by) -> Analysis:
    """A new analysis on the latest published checklist version."""
    definition = ChecklistDefinition.current()
    if definition is None:
        raise ValidationError(_("No checklist has been published yet; ask an administrator."))
    analysis = form.save(commit=False)
    analysis.definition = definition
    analysis.created_by = by
    analysis.save()
    _report_changed(analysis.municipality_id)
    return analysis


@transaction.atomic
def analysis_update(*, form) -> Analysis:
    before = Analysis.objects.filter(pk=form.instance.pk).values_list("municipality_id", flat=True)
    places = set(before)  # read before the save: the municipality may change
    analysis = form.save()
    _report_changed(analysis.municipality_id, *places)
    return analysis


@transaction.atomic
def analysis_steps_save(*, analysis: Analysis, version: int | None, answers: dict) -> None:
    """Save the answers of one or more steps (`answers[step]` as the checklist form cleans
    them); refused as a whole when the form was made for another checklist version."""
    analysis = Analysis.objects.select_for_update().get(pk=analysis.pk)
    version_check(expected=analysis.definition.version, given=version)
    for step, answer in answers.items():
        if step in TICKED_STEPS:
            kept = analysis.ticked.exclude(step=step)
            analysis.ticked.set([*kept, *answer["ticked"]])
        if step == Step.GROUPS:
            analysis.communities.set(answer["communities"])
        if step == Step.PHASE:
            analysis.phase = answer["phase"]
        if step == Step.POLICY:
            _verdicts_save(analysis, answer["verdicts"])
        if step == Step.FORMS and "forms" in answer:
            analysis.forms.set(answer["forms"])
        if step == Step.INTERVENTIONS and "interventions" in answer:
            _interventions_save(analysis, answer["interventions"])
        StepNote.objects.update_or_create(
            analysis=analysis, step=step, defaults={"notes": answer["notes"]}
        )
    analysis.save()  # updated_at: the stored PDF is out of date
    _report_changed(analysis.municipality_id)


def _verdicts_save(analysis: Analysis, verdicts: dict) -> None:
    """verdicts: {item: (verdict, approach)}; an area without a verdict has no row."""
    analysis.verdicts.exclude(
        item__in=[item for item, (verdict, _a) in verdicts.items() if verdict]
    ).delete()
    for item, (verdict, approach) in verdicts.items():
        if verdict:
            PolicyVerdict.objects.update_or_create(
                analysis=analysis, item=item, defaults={"verdict": verdict, "approach": approach}
            )


def _interventions_save(analysis: Analysis, chosen: dict) -> None:
    """chosen: {intervention: reason}."""
    analysis.chosen_interventions.exclude(intervention__in=list(chosen)).delete()
    for intervention, reason in chosen.items():
        ChosenIntervention.objects.update_or_create(
            analysis=analysis, intervention=intervention, defaults={"reason": reason}
        )


def analysis_touch(analysis_id: int | None) -> None:
    """Mark the analysis as changed: its cached page and stored PDF are made again."""
    if analysis_id is not None:
        Analysis.objects.filter(pk=analysis_id).update(updated_at=timezone.now())


@transaction.atomic
def participant_add(*, analysis: Analysis, form) -> Participant:
    participant = form.save(commit=False)
    participant.analysis = analysis
    participant.save()
    analysis_touch(analysis.pk)
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    participant.delete()
    analysis_touch(participant.analysis_id)


@transaction.atomic
def remark_add(*, analysis: Analysis, author, text: str) -> Remark:
    remark = Remark.objects.create(analysis=analysis, author=author, text=text)
    analysis_touch(analysis.pk)
    return remark


def action_owner_check(action: Action) -> None:
    """Owners come from the social map of the action's own municipality."""
    for owner in (action.owner_organisation, action.owner_contact):
        if (
            owner is not None
            and not owner.municipalities.filter(pk=action.municipality_id).exists()
        ):
            raise ValidationError(
                _("%(owner)s does not work in %(place)s; choose an owner from this municipality.")
                % {"owner": owner, "place": action.municipality}
            )


@transaction.atomic
def action_save(*, action: Action) -> Action:
    action_owner_check(action)
    action.save()
    analysis_touch(action.analysis_id)
    _report_changed(action.municipality_id)
    return action


@transaction.atomic
def assessment_create(*, municipality, preconditions: PreconditionList, version, data, by):
    """A dated self-assessment with its items and their actions, all or nothing.

    data: {"date": date, "items": [(precondition, status, evidence, action or None)]},
    an action as {"what", "owner_organisation", "owner_contact", "due_date"}."""
    if version != preconditions.version:
        raise ValidationError(
            _(
                "The list of preconditions changed to version %(expected)s while you filled it "
                "in. Nothing was saved; open the form again."
            )
            % {"expected": preconditions.version}
        )
    if Assessment.objects.filter(municipality=municipality, date=data["date"]).exists():
        raise ValidationError(_("There is already an assessment of this date."))
    assessment = Assessment.objects.create(
        municipality=municipality, date=data["date"], preconditions=preconditions, created_by=by
    )
    for precondition, status, evidence, action in data["items"]:
        item = AssessmentItem.objects.create(
            assessment=assessment, precondition=precondition, status=status, evidence=evidence
        )
        if action:
            action_save(action=Action(municipality=municipality, assessment_item=item, **action))
    _report_changed(municipality.pk)
    return assessment


@transaction.atomic
def vision_save(*, form, municipality, by) -> VisionDocument:
    vision = form.save(commit=False)
    vision.municipality = municipality
    vision.updated_by = by
    vision.save()
    return vision


def analysis_pdf(*, analysis: Analysis, by) -> tuple[AnalysisPdf, bytes]:
    """The stored PDF of the analysis as it stands: made again only after a change, stored
    with its checksum like the reports."""
    from polrad.analysis.pdf import analysis_pdf_bytes
    from polrad.reports.storage import stored_pdf_content

    language = translation.get_language()
    stored = (
        AnalysisPdf.objects.filter(
            analysis=analysis, language=language, made_from=analysis.updated_at
        )
        .order_by("-pk")
        .first()
    )
    if stored is not None:
        content = stored_pdf_content(stored.file, stored.checksum)
        if content is not None:
            return stored, content
    pdf = analysis_pdf_bytes(analysis)
    stored = AnalysisPdf(
        analysis=analysis,
        language=language,
        checksum=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        made_from=analysis.updated_at,
        created_by=by,
    )
    name = f"analyse-{slugify(analysis.title)[:60]}-{analysis.date:%Y%m%d}.pdf"
    stored.file.save(name, ContentFile(pdf), save=False)
    stored.created_at = timezone.now()
    stored.save()
    return stored, pdf
