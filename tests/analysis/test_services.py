"""Services and selectors: checklist versioning, steps, compare, owners, basis op orde."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from network.models import NetworkAgreement, PolarisationForm
from polrad.accounts.roles import Role
from polrad.analysis import services
from polrad.analysis.compare import analysis_compare
from polrad.analysis.hints import precondition_hints
from polrad.analysis.models import (
    Action,
    Assessment,
    ChecklistDefinition,
    ChecklistItem,
    Hint,
    PolicyVerdict,
    VisionDocument,
)
from polrad.analysis.selectors import analysis_content, analysis_previous, intervention_choices
from polrad.analysis.workflow import Step
from tests.analysis.factories import ActionFactory, AnalysisFactory
from tests.factories import UserFactory
from tests.network.factories import AgreementFactory, ContactFactory, OrganisationFactory


def _item(definition, step, label):
    return definition.items.get(step=step, label=label)


def test_a_checklist_version_in_use_is_frozen_and_a_copy_is_editable(definition, municipality):
    item = definition.items.first()
    item.label = "Nieuwe tekst"
    item.save()  # not in use yet: still editable
    AnalysisFactory(municipality=municipality, definition=definition)
    item.label = "Nog een tekst"
    with pytest.raises(ValidationError):
        item.save()
    with pytest.raises(ValidationError):
        item.delete()
    assert ChecklistItem.objects.get(pk=item.pk).label == "Nieuwe tekst"
    from polrad.analysis.admin import _copy

    copy = _copy(ChecklistDefinition, definition, "definition")
    assert copy.version == 2 and not copy.is_published
    assert copy.items.count() == definition.items.count()
    edited = copy.items.first()
    edited.label = "Versie 2"
    edited.save()
    assert definition.items.filter(label="Versie 2").count() == 0


def test_new_analyses_take_the_latest_published_version_and_old_ones_keep_theirs(
    definition, municipality
):
    old = AnalysisFactory(municipality=municipality, definition=definition)
    from polrad.analysis.admin import _copy

    copy = _copy(ChecklistDefinition, definition, "definition")
    ChecklistDefinition.objects.filter(pk=copy.pk).update(is_published=True)
    assert ChecklistDefinition.current() == copy
    old.refresh_from_db()
    assert old.definition == definition


def test_steps_save_all_answers_and_refuse_another_version_whole(definition, municipality):
    analysis = AnalysisFactory(municipality=municipality, definition=definition)
    cause = _item(definition, Step.CAUSES, "Overlast door jongeren")
    place = _item(definition, Step.LOCATIONS, "Online")
    phase = _item(definition, Step.PHASE, "Spanning")
    area = _item(definition, Step.POLICY, "Onderwijs")
    answers = {
        Step.CAUSES: {"notes": "Onrust", "ticked": [cause]},
        Step.LOCATIONS: {"notes": "", "ticked": [place]},
        Step.PHASE: {"notes": "", "phase": phase},
        Step.POLICY: {"notes": "", "verdicts": {area: ("missing", "Afspraken maken")}},
    }
    with pytest.raises(ValidationError):
        services.analysis_steps_save(analysis=analysis, version=99, answers=answers)
    assert not analysis.ticked.exists() and not analysis.notes.exists()
    services.analysis_steps_save(analysis=analysis, version=1, answers=answers)
    analysis.refresh_from_db()
    assert set(analysis.ticked.all()) == {cause, place}
    assert analysis.phase == phase
    assert PolicyVerdict.objects.get(analysis=analysis).verdict == "missing"
    # Saving one step again leaves the other steps' ticks alone.
    services.analysis_steps_save(
        analysis=analysis, version=1, answers={Step.CAUSES: {"notes": "", "ticked": []}}
    )
    assert set(analysis.ticked.all()) == {place}


def test_compare_shows_what_changed_since_the_previous_analysis(definition, municipality):
    today = timezone.localdate()
    before = AnalysisFactory(
        municipality=municipality, neighbourhood="Oost", date=today - timedelta(days=400)
    )
    now = AnalysisFactory(municipality=municipality, neighbourhood="oost", date=today)
    AnalysisFactory(municipality=municipality, neighbourhood="West", date=today - timedelta(days=5))
    assert analysis_previous(now) == before
    assert analysis_previous(before) is None
    forms = list(PolarisationForm.objects.all()[:2])
    before.forms.set(forms)
    now.forms.set(forms[1:])
    before.phase = _item(definition, Step.PHASE, "Incidenten")
    now.phase = _item(definition, Step.PHASE, "Onbehagen")
    before.save()
    now.save()
    before.ticked.add(_item(definition, Step.CAUSES, "Overlast door jongeren"))
    now.ticked.add(_item(definition, Step.CAUSES, "Botsende leefstijlen"))
    area = _item(definition, Step.POLICY, "Onderwijs")
    PolicyVerdict.objects.create(analysis=before, item=area, verdict="missing")
    PolicyVerdict.objects.create(analysis=now, item=area, verdict="sufficient")
    ActionFactory(analysis=before, status="done")
    ActionFactory(analysis=before, status="open")
    result = analysis_compare(before, now)
    assert result["forms"]["removed"] == [forms[0].name]
    assert result["forms"]["kept"] == [forms[1].name]
    assert result["phase"]["before"].label == "Incidenten"
    causes = result["steps"][0]
    assert causes["added"] == ["Botsende leefstijlen"]
    assert causes["removed"] == ["Overlast door jongeren"]
    assert result["verdicts"][0]["changed"] is True
    assert result["actions_before"]["done"] == 1 and result["actions_before"]["open"] == 1


def test_an_action_owner_of_another_municipality_is_refused(
    definition, municipality, other_municipality
):
    analysis = AnalysisFactory(municipality=municipality)
    stranger = OrganisationFactory(municipalities=[other_municipality])
    action = Action(
        municipality=municipality,
        analysis=analysis,
        what="Iets",
        owner_organisation=stranger,
        due_date=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match="werkt niet in Groningen"):
        services.action_save(action=action)
    assert not Action.objects.exists()


def test_an_assessment_is_saved_whole_or_not_at_all(
    preconditions, municipality, other_municipality
):
    items = list(preconditions.items.all())
    good_owner = OrganisationFactory(municipalities=[municipality])
    bad_owner = OrganisationFactory(municipalities=[other_municipality])
    today = timezone.localdate()

    def data(owner):
        return {
            "date": today,
            "items": [
                (
                    item,
                    "partly",
                    "",
                    {
                        "what": "Doen",
                        "owner_organisation": owner,
                        "owner_contact": None,
                        "due_date": today,
                    },
                )
                for item in items
            ],
        }

    with pytest.raises(ValidationError):
        services.assessment_create(
            municipality=municipality,
            preconditions=preconditions,
            version=1,
            data=data(bad_owner),
            by=None,
        )
    assert not Assessment.objects.exists() and not Action.objects.exists()
    with pytest.raises(ValidationError):
        services.assessment_create(
            municipality=municipality,
            preconditions=preconditions,
            version=2,
            data=data(good_owner),
            by=None,
        )
    assessment = services.assessment_create(
        municipality=municipality,
        preconditions=preconditions,
        version=1,
        data=data(good_owner),
        by=None,
    )
    assert assessment.items.count() == len(items)
    assert Action.objects.filter(assessment_item__assessment=assessment).count() == len(items)


def test_hints_come_from_the_data_of_the_other_apps(definition, municipality):
    assert "geen visiedocument" in precondition_hints(municipality)[Hint.VISION]
    ContactFactory(is_key_figure=True, municipalities=[municipality])
    ContactFactory(is_key_figure=True, municipalities=[municipality])
    AgreementFactory(
        municipality=municipality,
        responsibility=NetworkAgreement.Responsibility.CASE_CONFERENCE,
        organisation=OrganisationFactory(municipalities=[municipality]),
    )
    UserFactory(roles=[Role.HANDLER], municipalities=[municipality])
    VisionDocument.objects.create(
        municipality=municipality,
        link="https://example.org",
        adopted_on=timezone.localdate(),
        summary="Grens",
    )
    hints = precondition_hints(municipality)
    assert hints[Hint.KEY_FIGURES] == "sleutelfiguren op de kaart: 2"
    assert "casusoverleg” van kracht: ja" in hints[Hint.SIGNALLING]
    assert "toegewezen aan deze gemeente: ja" in hints[Hint.SIGNALLING]
    assert hints[Hint.INTERNAL_NETWORK] == "1 netwerkafspraak van kracht"
    assert hints[Hint.VISION].startswith("visie vastgesteld op")
    assert hints[Hint.TRAINED] == "0 professionals getraind in de afgelopen 24 maanden"


def test_interventions_addressing_ticked_forms_offered_here_are_suggested_first(
    definition, municipality, other_municipality
):
    from network.models import Intervention, InterventionProvider

    form = PolarisationForm.objects.first()
    provider_here = OrganisationFactory(municipalities=[municipality])
    provider_there = OrganisationFactory(municipalities=[other_municipality])

    def intervention(name, provider, forms=()):
        made = Intervention.objects.create(
            name=name,
            summary="Kort",
            kind="preventive",
            category="neighbourhood",
            level="neighbourhood",
        )
        made.forms.set(forms)
        InterventionProvider.objects.create(intervention=made, organisation=provider)
        return made

    suggested = intervention("Zeker", provider_here, [form])
    offered = intervention("Aangeboden", provider_here)
    elsewhere = intervention("Elders", provider_there, [form])
    analysis = AnalysisFactory(municipality=municipality)
    analysis.forms.set([form])
    choices = intervention_choices(analysis, analysis_content(analysis))
    assert [c.intervention for c in choices] == [suggested, offered, elsewhere]
    assert [c.suggested for c in choices] == [True, False, False]
    assert [c.offered for c in choices] == [True, True, False]
