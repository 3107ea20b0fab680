"""Matching role models to an activity need: ranking with reasons, never the unavailable."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from rolemodels import matching
from rolemodels.matching import Need, match_role_models
from rolemodels.models import Activity
from rolemodels.workflow import ActivityState, Stage
from tests.factories import MunicipalityFactory
from tests.network.factories import CommunityFactory, LanguageFactory, ThemeFactory
from tests.rolemodels.factories import ActivityFactory, RoleModelFactory

A_TUESDAY = date(2026, 11, 24)
A_SATURDAY = date(2026, 11, 28)


def active(**kwargs):
    kwargs.setdefault("available_weekdays", True)
    kwargs.setdefault("max_activities_per_month", 3)
    return RoleModelFactory(stage=Stage.ACTIVE, **kwargs)


@pytest.fixture
def arabic(db):
    return LanguageFactory(name="Arabisch")


@pytest.fixture
def online(db):
    return ThemeFactory(name="Online uitingen")


def names(matches):
    return [match.role_model.full_name for match in matches]


def test_ranked_by_fit_with_reasons(municipality, other_municipality, arabic, online):
    best = active(full_name="Best", municipality=municipality)
    best.languages.set([arabic])
    best.themes.set([online])
    local = active(full_name="Local", municipality=municipality)
    speaker = active(full_name="Speaker", municipality=other_municipality)
    speaker.languages.set([arabic])
    active(full_name="Nothing", municipality=other_municipality)
    need = Need(municipality=municipality, date=A_TUESDAY, language=arabic, theme=online)
    matches = match_role_models(need)
    assert names(matches) == ["Best", "Local", "Speaker", "Nothing"]
    reasons = " | ".join(matches[0].reasons)
    assert "Groningen" in reasons and "Arabisch" in reasons and "Online uitingen" in reasons
    assert matches[0].score > matches[1].score > matches[2].score
    assert local.pk and len(matches[3].reasons) == 1  # only the count of recent activities


def test_with_equal_fit_the_least_deployed_comes_first(municipality):
    busy = active(full_name="Busy", municipality=municipality, max_activities_per_month=10)
    quiet = active(full_name="Quiet", municipality=municipality)
    for day in (date(2026, 10, 1), date(2026, 9, 15)):
        ActivityFactory(role_model=busy, date=day, state=ActivityState.APPROVED)
    matches = match_role_models(Need(municipality=municipality, date=A_TUESDAY))
    assert names(matches) == ["Quiet", "Busy"]
    assert [m.recent for m in matches] == [0, 2] and quiet.pk


def test_inactive_and_unavailable_role_models_are_never_proposed(municipality):
    for stage in (Stage.APPLIED, Stage.IN_TRAINING, Stage.PAUSED, Stage.STOPPED):
        RoleModelFactory(stage=stage, municipality=municipality, available_weekdays=True)
    active(full_name="Weekdays only", municipality=municipality)
    active(
        full_name="Weekends",
        municipality=municipality,
        available_weekdays=False,
        available_weekends=True,
    )
    full = active(full_name="Full", municipality=municipality, max_activities_per_month=1)
    ActivityFactory(role_model=full, date=date(2026, 11, 3), state=ActivityState.SUBMITTED)
    assert names(match_role_models(Need(municipality=municipality, date=A_TUESDAY))) == [
        "Weekdays only"
    ]
    assert names(match_role_models(Need(municipality=municipality, date=A_SATURDAY))) == [
        "Weekends"
    ]
    evening = Need(municipality=municipality, date=A_TUESDAY, evening=True)
    assert match_role_models(evening) == []


def test_a_draft_does_not_count_as_a_deployment(municipality):
    role_model = active(full_name="Drafting", municipality=municipality, max_activities_per_month=1)
    ActivityFactory(role_model=role_model, date=date(2026, 11, 3), state=ActivityState.DRAFT)
    assert names(match_role_models(Need(municipality=municipality, date=A_TUESDAY))) == ["Drafting"]


def test_co_presenting_counts_towards_the_monthly_maximum(municipality):
    role_model = active(full_name="Co", municipality=municipality, max_activities_per_month=1)
    ActivityFactory(date=date(2026, 11, 3), co_presenters=[role_model])
    assert match_role_models(Need(municipality=municipality, date=A_TUESDAY)) == []


def test_the_counts_kept_for_a_day_follow_every_write_of_an_activity(
    municipality, coordinator, django_capture_on_commit_callbacks
):
    """Matching keeps its counts in the cache; logging, submitting, returning and approving
    through the services make them stale at once, so a role model at her maximum is never
    proposed from an old count."""
    from rolemodels import services

    role_model = active(full_name="Eén", municipality=municipality, max_activities_per_month=1)
    role_model.user = coordinator  # the owner who may submit; the coordinator reviews
    role_model.save(update_fields=["user"])
    need = Need(municipality=municipality, date=A_TUESDAY)
    assert names(match_role_models(need)) == ["Eén"]  # counted and kept
    data = {"date": date(2026, 11, 3), "municipality": municipality, "participants": 10}
    with django_capture_on_commit_callbacks(execute=True):
        activity = services.activity_save(role_model=role_model, data=data, by=coordinator)
    assert names(match_role_models(need)) == ["Eén"]  # a draft does not count
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_move(activity=activity, to=ActivityState.SUBMITTED, by=coordinator)
    assert match_role_models(need) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_move(
            activity=activity, to=ActivityState.RETURNED, by=coordinator, comment="Datum?"
        )
    assert names(match_role_models(need)) == ["Eén"]


def test_community_and_target_group_experience_count(municipality):
    community = CommunityFactory(name="Eritrees")
    reaches = active(full_name="Reaches", municipality=MunicipalityFactory())
    reaches.communities.set([community])
    experienced = active(full_name="Experienced", municipality=MunicipalityFactory())
    ActivityFactory(
        role_model=experienced,
        date=date(2026, 5, 1),
        target_group=Activity.TargetGroup.PARENTS,
        state=ActivityState.APPROVED,
    )
    need = Need(
        municipality=municipality,
        date=A_TUESDAY,
        community=community,
        target_group=Activity.TargetGroup.PARENTS,
    )
    matches = match_role_models(need)
    assert names(matches) == ["Reaches", "Experienced"]
    assert any("Eritrees" in reason for reason in matches[0].reasons)


def test_match_page_for_coordinators_only(client_for, coordinator, role_model, municipality):
    active(full_name="Fatima Fit", municipality=municipality)
    page = reverse("rolemodels:match")
    query = {"municipality": municipality.pk, "date": A_TUESDAY.isoformat()}
    response = client_for(coordinator).get(page, query)
    assert response.status_code == 200 and "Fatima Fit" in response.content.decode()
    assert client_for(role_model).get(page, query).status_code == 403


def test_match_page_without_a_municipality_says_what_is_missing(client_for, coordinator):
    response = client_for(coordinator).get(reverse("rolemodels:match"), {"date": "2026-11-24"})
    assert response.context["matches"] is None
    assert "municipality" in response.context["form"].errors


@pytest.mark.parametrize("rows", [3, 30])
def test_match_page_runs_a_bounded_number_of_queries(
    client_for, coordinator, municipality, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        active(municipality=municipality)
    client = client_for(coordinator)
    need = {"municipality": municipality.pk, "date": "2026-11-24"}
    client.get(reverse("rolemodels:match"), need)  # the cached option lists read once
    # The session, the user, the municipality asked for, this month's and the recent
    # activities (given and co-presented: two queries for both windows), the role models and
    # the chosen ones: the form's lists come from the cache. At most ten, as every page.
    db_sessions = settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    with django_assert_max_num_queries(7 + db_sessions):
        response = client.get(reverse("rolemodels:match"), need)
    assert len(response.context["matches"]) == min(rows, matching.MAX_RESULTS)


def test_the_deployment_index_covers_exactly_what_counts_as_a_deployment():
    """The partial index serves the matching's counts only while both say the same states."""
    index = next(i for i in Activity._meta.indexes if i.name == "activity_deployed_idx")
    ((lookup, states),) = index.condition.children
    assert lookup == "state__in" and set(states) == set(matching.DEPLOYED)
