import pytest

from network.interventions import services
from network.interventions.models import document_upload_to
from network.interventions.selectors import (
    interventions_for_choice,
    interventions_for_list,
)
from network.models import Intervention, PolarisationForm
from network.selectors import interventions_offered_in
from tests.interventions.factories import InterventionFactory, ProviderFactory
from tests.network.factories import OrganisationFactory
from tests.rolemodels.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_the_shared_forms_of_polarisation_are_seeded_with_stable_slugs():
    assert set(PolarisationForm.objects.values_list("slug", flat=True)) >= {
        "spanningen-tussen-groepen",
        "online-uitingen",
        "anti-overheid-en-ondermijning",
        "discriminatie-en-hate-incidenten",
        "extremistische-propaganda",
        "individuele-radicalisering",
    }


def test_offered_in_lists_interventions_with_an_active_provider_in_the_municipality(
    municipality, other_municipality
):
    here = ProviderFactory(
        organisation=OrganisationFactory(municipalities=[municipality])
    ).intervention
    ProviderFactory(organisation=OrganisationFactory(municipalities=[other_municipality]))
    ProviderFactory(
        organisation=OrganisationFactory(municipalities=[municipality], is_active=False)
    )
    archived = InterventionFactory(archived=True)
    ProviderFactory(
        intervention=archived, organisation=OrganisationFactory(municipalities=[municipality])
    )
    assert list(interventions_offered_in(municipality)) == [here]


def test_every_change_is_kept_in_history(coordinator):
    intervention = InterventionFactory(name="Dialoogtafels")
    intervention.name = "Dialoogtafels na een incident"
    intervention.save()
    names = [row.name for row in intervention.history.all()]
    assert names == ["Dialoogtafels na een incident", "Dialoogtafels"]


def test_an_intervention_an_activity_delivered_cannot_be_deleted():
    activity = ActivityFactory()
    intervention = InterventionFactory()
    activity.intervention = intervention
    activity.save()
    with pytest.raises(services.InterventionInUse):
        services.intervention_delete(intervention=intervention)
    assert Intervention.objects.filter(pk=intervention.pk).exists()


def test_an_intervention_nobody_refers_to_can_be_deleted():
    intervention = InterventionFactory()
    ProviderFactory(intervention=intervention)
    services.intervention_delete(intervention=intervention)
    assert not Intervention.objects.filter(pk=intervention.pk).exists()


def test_archived_interventions_leave_choice_lists_but_coordinators_still_find_them(coordinator):
    current, archived = InterventionFactory(), InterventionFactory()
    services.record_set_archived(record=archived, archived=True)
    assert list(interventions_for_choice()) == [current]
    assert set(interventions_for_list(coordinator, include_archived=True)) == {current, archived}
    assert list(interventions_for_list(coordinator)) == [current]


def test_anonymous_visitors_and_accounts_without_a_role_see_public_entries_only(
    professional, outsider
):
    from django.contrib.auth.models import AnonymousUser

    public, members_only = InterventionFactory(is_public=True), InterventionFactory()
    assert list(interventions_for_list(AnonymousUser())) == [public]
    assert list(interventions_for_list(outsider)) == [public]
    assert set(interventions_for_list(professional)) == {public, members_only}


def test_uploaded_names_are_sanitised_and_kept_apart():
    path = document_upload_to(None, "../../etc/Passwd <script>.PDF")
    folder, name = path.rsplit("/", 1)
    assert folder.startswith("kennisbank/") and ".." not in path
    assert name == "passwd-script.pdf"
    assert document_upload_to(None, "a.pdf") != document_upload_to(None, "a.pdf")
