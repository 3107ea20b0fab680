"""A role model keeps their own contact details and availability up to date, nobody else's."""

from django.urls import reverse

from polrad.accounts.roles import Role
from rolemodels.forms import ProfileForm
from rolemodels.workflow import Stage
from tests.factories import UserFactory
from tests.rolemodels.factories import RoleModelFactory, active_role_model_for

OWN = reverse("rolemodels:own-profile")


def test_a_role_model_edits_their_own_contact_details_and_availability(client_for, role_model):
    profile = RoleModelFactory(stage=Stage.ACTIVE, user=role_model, full_name="Rachida")
    client = client_for(role_model)
    assert client.get(OWN).status_code == 200
    response = client.post(
        OWN,
        {
            "phone": "06-99999999",
            "available_weekends": "on",
            "max_activities_per_month": 4,
            # Fields that are the coordinator's: ignored when sent.
            "full_name": "Iemand Anders",
            "stage": Stage.STOPPED,
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.phone == "06-99999999" and profile.available_weekends
    assert profile.max_activities_per_month == 4
    assert profile.full_name == "Rachida" and profile.stage == Stage.ACTIVE


def test_the_page_shows_only_the_own_record(client_for, role_model):
    RoleModelFactory(stage=Stage.ACTIVE, user=role_model, phone="06-11111111")
    other = RoleModelFactory(stage=Stage.ACTIVE, user=UserFactory(), phone="06-22222222")
    html = client_for(role_model).get(OWN).content.decode()
    assert "06-11111111" in html and "06-22222222" not in html
    other.refresh_from_db()
    assert other.phone == "06-22222222"


def test_without_a_profile_there_is_nothing_to_edit(client_for, role_model, professional):
    RoleModelFactory(stage=Stage.ACTIVE, user=UserFactory())
    assert client_for(role_model).get(OWN).status_code == 404


def test_role_model_cannot_open_the_coordinators_edit_page(client_for, role_model):
    own = RoleModelFactory(stage=Stage.ACTIVE, user=role_model)
    url = reverse("rolemodels:update", args=[own.pk])
    assert client_for(role_model).get(url).status_code == 403


def test_anonymous_visitors_log_in_first(client, db):
    assert client.get(OWN)["Location"].startswith(reverse("accounts:login"))


def test_the_start_page_links_to_the_own_profile(client_for, role_model):
    RoleModelFactory(stage=Stage.ACTIVE, user=role_model)
    response = client_for(role_model).get(reverse("rolemodels:index"), follow=True)
    assert OWN in response.content.decode()


def test_coordinators_and_experienced_role_models_can_be_chosen_as_coach(coordinator, role_model):
    experienced = active_role_model_for(role_model)
    in_training = UserFactory(roles=[Role.ROLE_MODEL])
    RoleModelFactory(user=in_training, email=in_training.email, stage=Stage.IN_TRAINING)
    UserFactory(roles=[Role.ROLE_MODEL])  # the role without a profile
    UserFactory(roles=[Role.PROFESSIONAL])
    candidate = RoleModelFactory(stage=Stage.ACTIVE)
    assert set(ProfileForm(instance=candidate).fields["coach"].queryset) == {
        coordinator,
        role_model,
    }
    # Nobody coaches themselves.
    assert list(ProfileForm(instance=experienced).fields["coach"].queryset) == [coordinator]


def test_a_coordinator_who_is_also_a_role_model_is_offered_once(db):
    both = UserFactory(roles=[Role.COORDINATOR, Role.ROLE_MODEL])
    active_role_model_for(both)
    candidate = RoleModelFactory(stage=Stage.ACTIVE)
    assert list(ProfileForm(instance=candidate).fields["coach"].queryset) == [both]
