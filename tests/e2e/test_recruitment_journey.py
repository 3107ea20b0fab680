"""A candidate applies on their phone; a coordinator takes them through intake, the VOG check
and the training to active role model, who then gets an account."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from rolemodels.models import RoleModel
from rolemodels.workflow import Stage
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is
from trainings.models import Certificate, Programme

pytestmark = pytest.mark.e2e

APPLY = "/rolmodellen/aanmelden/"
BOARD = "/rolmodellen/"


def move_to(page, stage_label, **fields):
    page.get_by_label("Nieuwe fase").select_option(label=stage_label)
    for label, value in fields.items():
        if value is True:
            page.get_by_label(label).check()
        else:
            page.get_by_label(label).fill(value)
    page.locator('form[action$="/fase/"] button[type="submit"]').click()
    expect(page.locator(".alert-success")).to_contain_text(f"staat nu in de fase „{stage_label}”")


def complete_role_model_training(name: str, email: str) -> None:
    Certificate.objects.create(
        programme=Programme.objects.get(qualifies_role_models=True, active=True),
        full_name=name,
        email=email,
        completed_on=timezone.localdate(),
    )


def test_candidate_applies_and_becomes_an_active_role_model(new_page, assert_accessible):
    # Selam hears about the network at her community centre and applies on her phone.
    candidate = new_page()
    candidate.set_viewport_size({"width": 375, "height": 667})
    candidate.goto(APPLY)
    expect(candidate.locator("h1")).to_have_text("Word rolmodel")
    assert_accessible(candidate)
    candidate.get_by_label("Uw naam").fill("Selam Berhane")
    candidate.get_by_label("Uw e-mailadres").fill("selam@example.org")
    candidate.get_by_label("Uw telefoonnummer").fill("06-24681357")
    candidate.get_by_label("De gemeente waar u woont").select_option(label="Veendam")
    candidate.get_by_label("Eritrees", exact=True).check()
    candidate.get_by_label("Tigrinya", exact=True).check()
    candidate.get_by_label("Waarom wilt u rolmodel worden?").fill(
        "Ik wil jongeren laten zien dat je hier je eigen weg kunt vinden."
    )
    candidate.get_by_label("Hoe hoorde u van ons?").select_option(label="Bij een activiteit")
    candidate.locator('input[name="consent"]').check()
    candidate.locator('main form button[type="submit"]').click()
    expect(candidate).to_have_url(path_is(APPLY + "bedankt/"))
    expect(candidate.locator("h1")).to_have_text("Bedankt voor uw aanmelding")
    assert_accessible(candidate)

    # The coordinator finds her on the pipeline board, in the first column.
    coordinator = new_page()
    coordinator.goto(LOGIN_URL)
    log_in_with_password(coordinator, "coordinator@example.org")
    enter_code(coordinator, current_code())
    coordinator.goto(BOARD)
    expect(coordinator.locator("#stage-applied")).to_contain_text("Aangemeld")
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Selam Berhane").click()
    expect(coordinator.locator("h1")).to_have_text("Selam Berhane")
    assert_accessible(coordinator)

    # ... and takes her through the intake, the VOG check and the training.
    move_to(coordinator, "Kennismaking")
    move_to(
        coordinator,
        "VOG gecontroleerd",
        **{"Datum van de Verklaring Omtrent het Gedrag (VOG)": "2026-11-20"},
    )
    move_to(coordinator, "In training")
    assert_accessible(coordinator)

    # She attends the three sessions of the role-model training; the trainings app issues her
    # certificate, and her page says so: no box to tick, the platform knows.
    complete_role_model_training("Selam Berhane", "selam@example.org")
    coordinator.reload()
    expect(coordinator.locator(".training-status .badge")).to_be_visible()
    expect(coordinator.locator('input[name="training_confirmed"]')).to_have_count(0)
    move_to(coordinator, "Actief")
    expect(coordinator.locator(".alert-info")).to_contain_text("heeft nu een account")
    timeline = coordinator.locator("ol.timeline li")
    expect(timeline).to_have_count(5)
    assert_accessible(coordinator)

    role_model = RoleModel.objects.get(email="selam@example.org")
    assert role_model.stage == Stage.ACTIVE and role_model.user is not None
    assert [m.to for m in mail.outbox] == [["selam@example.org"], ["selam@example.org"]]
