"""The pipeline board and the candidate page: for coordinators, in bounded queries."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rolemodels.models import RoleModel
from rolemodels.selectors import CARDS_PER_STAGE
from rolemodels.workflow import Stage
from tests.factories import MunicipalityFactory
from tests.rolemodels.factories import RoleModelFactory
from tests.trainings.factories import EnrolmentFactory, past_session, role_model_training
from trainings.models import Certificate

BOARD = reverse("rolemodels:index")


def detail(role_model):
    return reverse("rolemodels:detail", args=[role_model.pk])


def move(role_model):
    return reverse("rolemodels:move", args=[role_model.pk])


def test_board_shows_columns_counts_and_age_in_stage(client_for, coordinator, settings):
    settings.ROLE_MODEL_STUCK_DAYS = 14
    waiting = RoleModelFactory(
        full_name="Lang Wachtend", stage_changed_at=timezone.now() - timedelta(days=20)
    )
    RoleModelFactory(full_name="Net Binnen", stage_changed_at=timezone.now() - timedelta(days=2))
    RoleModelFactory(
        full_name="Actief Lang", stage=Stage.ACTIVE, stage_changed_at=waiting.stage_changed_at
    )
    response = client_for(coordinator).get(BOARD)
    assert response.status_code == 200
    columns = {column.stage: column for column in response.context["columns"]}
    assert list(columns) == list(Stage)
    assert columns[Stage.APPLIED].count == 2 and columns[Stage.ACTIVE].count == 1
    assert [c.full_name for c in columns[Stage.APPLIED].cards] == ["Lang Wachtend", "Net Binnen"]
    stuck = {c.full_name for column in columns.values() for c in column.cards if c.is_stuck}
    assert stuck == {"Lang Wachtend"}  # active role models are not "stuck"
    html = response.content.decode()
    assert "20 dagen in deze fase" in html and "board-card mb-2 stuck" in html


def test_board_refuses_roles_without_the_permission(client_for, handler, professional):
    assert client_for(handler).get(BOARD).status_code == 403
    assert client_for(professional).get(BOARD).status_code == 403


def test_a_role_model_sees_their_own_start_page_not_the_board(client_for, role_model):
    RoleModelFactory(full_name="Geheime Kandidaat")
    response = client_for(role_model).get(BOARD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("rolemodels:my-activities")
    assert "columns" not in response.context
    assert "Geheime Kandidaat" not in response.content.decode()


@pytest.mark.parametrize("persona", ["role_model", "professional", "handler"])
def test_candidate_pages_are_for_coordinators_only(request, db, client_for, persona):
    role_model = RoleModelFactory(stage=Stage.APPLIED)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(detail(role_model)).status_code == 403
    assert client.post(move(role_model), {"to": Stage.INTAKE}).status_code == 403
    role_model.refresh_from_db()
    assert role_model.stage == Stage.APPLIED


def test_anonymous_visitors_log_in_first(client, db):
    role_model = RoleModelFactory()
    for url in [BOARD, detail(role_model)]:
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("rows", [10, 200])
def test_board_queries_are_bounded(client_for, coordinator, django_assert_max_num_queries, rows):
    municipalities = [MunicipalityFactory() for _ in range(5)]
    stages = list(Stage)
    for i in range(rows):
        RoleModelFactory(stage=stages[i % len(stages)], municipality=municipalities[i % 5])
    client = client_for(coordinator)
    client.get(BOARD)
    with django_assert_max_num_queries(14):  # 5 for session and user, 1 count, 1 per stage
        response = client.get(BOARD)
    cards = sum(len(column.cards) for column in response.context["columns"])
    assert cards == min(rows, len(stages) * CARDS_PER_STAGE)


def test_a_full_column_links_to_the_whole_stage(client_for, coordinator):
    for _ in range(CARDS_PER_STAGE + 2):
        RoleModelFactory(stage=Stage.INTAKE)
    client = client_for(coordinator)
    html = client.get(BOARD).content.decode()
    stage_list = reverse("rolemodels:stage-list", args=[Stage.INTAKE])
    assert stage_list in html
    response = client.get(stage_list)
    assert (
        response.status_code == 200 and response.context["paginator"].count == CARDS_PER_STAGE + 2
    )
    assert client.get(reverse("rolemodels:stage-list", args=["nope"])).status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_detail_queries_are_bounded(client_for, coordinator, django_assert_max_num_queries, rows):
    role_model = RoleModelFactory(stage=Stage.ACTIVE, vog_date=date(2026, 1, 1))
    for _ in range(rows):
        role_model.stage_changes.create(from_stage=Stage.ACTIVE, to_stage=Stage.ACTIVE)
    client = client_for(coordinator)
    client.get(detail(role_model))
    # 12: the page also shows where the candidate stands with the role-model training.
    with django_assert_max_num_queries(12):
        assert client.get(detail(role_model)).status_code == 200


def test_detail_offers_only_the_allowed_next_stages(client_for, coordinator):
    role_model = RoleModelFactory(stage=Stage.INTAKE)
    form = client_for(coordinator).get(detail(role_model)).context["move_form"]
    assert [value for value, _label in form.fields["to"].choices] == [
        Stage.VOG_CHECKED,
        Stage.DECLINED,
    ]
    assert "training_confirmed" not in form.fields


def test_a_coordinator_moves_a_candidate_from_the_page(client_for, coordinator):
    role_model = RoleModelFactory(stage=Stage.APPLIED)
    response = client_for(coordinator).post(move(role_model), {"to": Stage.INTAKE}, follow=True)
    role_model.refresh_from_db()
    assert role_model.stage == Stage.INTAKE
    assert "Kennismaking" in response.content.decode()


def test_a_disallowed_move_from_the_page_is_refused_with_a_message(client_for, coordinator):
    role_model = RoleModelFactory(stage=Stage.APPLIED)
    response = client_for(coordinator).post(move(role_model), {"to": Stage.ACTIVE}, follow=True)
    role_model.refresh_from_db()
    assert role_model.stage == Stage.APPLIED and role_model.stage_changes.count() == 1
    assert "niet mogelijk" in response.content.decode()


def test_declining_without_a_reason_is_refused_with_a_message(client_for, coordinator):
    role_model = RoleModelFactory(stage=Stage.APPLIED)
    response = client_for(coordinator).post(move(role_model), {"to": Stage.DECLINED}, follow=True)
    role_model.refresh_from_db()
    assert role_model.stage == Stage.APPLIED
    assert "reden" in response.content.decode()


def test_making_someone_active_from_the_page_invites_them(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    role_model = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            move(role_model), {"to": Stage.ACTIVE, "training_confirmed": "on"}
        )
    role_model.refresh_from_db()
    assert role_model.stage == Stage.ACTIVE and role_model.user is not None
    assert mail.outbox[0].to == [role_model.email]


def test_a_coordinator_edits_the_profile(client_for, coordinator, municipality):
    role_model = RoleModelFactory(municipality=municipality)
    url = reverse("rolemodels:update", args=[role_model.pk])
    client = client_for(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "full_name": "Nieuwe Naam",
            "email": role_model.email,
            "municipality": municipality.pk,
            "region": "Noord",
            "max_activities_per_month": 3,
            "story": "Een verhaal.",
            "available_evenings": "on",
        },
    )
    assert response.status_code == 302
    role_model.refresh_from_db()
    assert role_model.full_name == "Nieuwe Naam" and role_model.available_evenings
    assert role_model.stage == Stage.APPLIED  # the stage changes only through a move
    assert RoleModel.objects.count() == 1


def test_with_a_training_on_the_platform_the_page_shows_progress_not_a_confirmation(
    client_for, coordinator
):
    programme = role_model_training(required_sessions=3)
    role_model = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    session = past_session(programme=programme)
    EnrolmentFactory(session=session, email=role_model.email, attendance="present")
    response = client_for(coordinator).get(detail(role_model))
    assert "training_confirmed" not in response.context["move_form"].fields
    training = response.context["training"]
    assert (training.completed, training.programme, training.attended) == (False, programme, 1)


def test_a_completed_training_shows_on_the_page_and_the_move_needs_no_tick(client_for, coordinator):
    programme = role_model_training()
    role_model = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    Certificate.objects.create(
        programme=programme,
        full_name=role_model.full_name,
        email=role_model.email,
        completed_on=date(2026, 1, 10),
    )
    client = client_for(coordinator)
    assert client.get(detail(role_model)).context["training"].completed
    client.post(move(role_model), {"to": Stage.ACTIVE})
    role_model.refresh_from_db()
    assert role_model.stage == Stage.ACTIVE
