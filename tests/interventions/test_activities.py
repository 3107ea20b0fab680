"""Activities tagged with the intervention they delivered, and turned into practice examples."""

import pytest
from django.urls import reverse

from network.models import PracticeExample
from rolemodels import services
from rolemodels.workflow import ActivityState
from tests.interventions.factories import InterventionFactory
from tests.network.factories import OrganisationFactory
from tests.rolemodels.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shareable():
    return ActivityFactory(
        state=ActivityState.APPROVED,
        shareable=True,
        venue="Noorderpoort",
        description="Gesprek over wij-zij-denken.",
        reflection="Een leerling vertelde iets persoonlijks.",
        host_organisation=OrganisationFactory(name="Noorderpoort College"),
        intervention=InterventionFactory(category="youth"),
    )


def test_coordinator_tags_an_activity_with_the_intervention_it_delivered(client_for, coordinator):
    activity, intervention = ActivityFactory(), InterventionFactory(name="Voorlichting")
    url = reverse("rolemodels:activity-intervention", args=[activity.pk])
    client_for(coordinator).post(url, {"intervention": intervention.pk})
    activity.refresh_from_db()
    assert activity.intervention == intervention


def test_other_roles_cannot_tag_and_archived_interventions_cannot_be_chosen(
    client_for, coordinator, professional
):
    activity = ActivityFactory()
    archived = InterventionFactory(archived=True)
    url = reverse("rolemodels:activity-intervention", args=[activity.pk])
    assert client_for(professional).post(url, {"intervention": archived.pk}).status_code == 403
    client_for(coordinator).post(url, {"intervention": archived.pk})
    activity.refresh_from_db()
    assert activity.intervention is None


def test_a_shareable_activity_becomes_a_draft_practice_example_in_one_step(
    client_for, coordinator, shareable
):
    url = reverse("rolemodels:activity-practice-example", args=[shareable.pk])
    response = client_for(coordinator).post(url)
    example = PracticeExample.objects.get()
    assert response["Location"] == reverse("interventions:example-update", args=[example.pk])
    assert example.is_draft and example.intervention == shareable.intervention
    assert example.municipality == shareable.municipality
    assert example.started_on == shareable.date
    assert example.what_was_done == "Gesprek over wij-zij-denken."
    assert "persoonlijks" not in example.what_was_done + example.results + example.lessons
    assert list(example.organisations.all()) == [shareable.host_organisation]
    shareable.refresh_from_db()
    assert shareable.practice_example == example
    # Asking again gives the same draft, not a second one.
    client_for(coordinator).post(url)
    assert PracticeExample.objects.count() == 1


@pytest.mark.parametrize(
    "state, shareable", [(ActivityState.APPROVED, False), (ActivityState.SUBMITTED, True)]
)
def test_only_approved_shareable_activities_become_examples(coordinator, state, shareable):
    activity = ActivityFactory(state=state, shareable=shareable)
    with pytest.raises(services.ActivityError):
        services.practice_example_from_activity(activity=activity, by=coordinator)
    assert not PracticeExample.objects.exists()


def test_role_models_cannot_make_examples(client_for, role_model, shareable):
    url = reverse("rolemodels:activity-practice-example", args=[shareable.pk])
    assert client_for(role_model).post(url).status_code == 403
    assert not PracticeExample.objects.exists()


def test_an_intervention_can_be_chosen_when_logging_an_activity(shareable):
    from rolemodels.forms import ActivityForm

    form = ActivityForm(role_model=shareable.role_model)
    assert shareable.intervention in form.fields["intervention"].queryset
