"""The date of the certificate of conduct (VOG) is never in the future."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rolemodels import services
from rolemodels.models import VOG_IN_FUTURE
from rolemodels.workflow import Stage
from tests.rolemodels.factories import RoleModelFactory

FUTURE = "Deze datum ligt in de toekomst; vul een datum tot en met vandaag in."


def shown(message) -> str:
    with translation.override("nl"):
        return str(message)


@pytest.fixture
def tomorrow():
    return timezone.localdate() + timedelta(days=1)


def test_the_move_form_refuses_a_vog_date_in_the_future(client_for, coordinator, tomorrow):
    candidate = RoleModelFactory(stage=Stage.INTAKE)
    response = client_for(coordinator).post(
        reverse("rolemodels:move", args=[candidate.pk]),
        {"to": Stage.VOG_CHECKED, "vog_date": tomorrow.isoformat()},
        follow=True,
    )
    # The shared range of a date in the past (polrad.validators) says it first.
    assert shown(FUTURE) in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.stage == Stage.INTAKE and candidate.vog_date is None


def test_the_profile_form_refuses_a_vog_date_in_the_future(
    client_for, coordinator, municipality, tomorrow
):
    candidate = RoleModelFactory(municipality=municipality)
    response = client_for(coordinator).post(
        reverse("rolemodels:update", args=[candidate.pk]),
        {
            "full_name": candidate.full_name,
            "email": candidate.email,
            "municipality": municipality.pk,
            "max_activities_per_month": 2,
            "vog_date": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 200
    assert shown(VOG_IN_FUTURE) in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.vog_date is None


def test_the_service_refuses_a_vog_date_in_the_future(coordinator, tomorrow):
    candidate = RoleModelFactory(stage=Stage.INTAKE)
    with pytest.raises(services.TransitionError, match=re.escape(str(VOG_IN_FUTURE))):
        services.role_model_move(
            role_model=candidate, to=Stage.VOG_CHECKED, by=coordinator, vog_date=tomorrow
        )
    candidate.refresh_from_db()
    assert candidate.stage == Stage.INTAKE and candidate.stage_changes.count() == 1


def test_today_is_accepted(coordinator):
    candidate = RoleModelFactory(stage=Stage.INTAKE)
    moved = services.role_model_move(
        role_model=candidate, to=Stage.VOG_CHECKED, by=coordinator, vog_date=timezone.localdate()
    )
    assert moved.stage == Stage.VOG_CHECKED
