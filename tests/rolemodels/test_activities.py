"""Activity logging: a role model logs and submits, a coordinator approves or returns."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from rolemodels import services
from rolemodels.models import Activity, ActivityEvent
from rolemodels.workflow import ActivityState, Stage
from tests.factories import MunicipalityFactory
from tests.network.factories import OrganisationFactory, ThemeFactory
from tests.rolemodels.factories import ActivityFactory, RoleModelFactory, active_role_model_for

CREATE = reverse("rolemodels:activity-create")
MINE = reverse("rolemodels:my-activities")
QUEUE = reverse("rolemodels:activity-queue")


def dutch(message: str) -> str:
    """The Dutch text of a message; fails when the catalogue lacks it."""
    with translation.override("nl"):
        text = str(translation.gettext(message))
    assert text != message, f"no Dutch translation for {message!r}"
    return text


def url(name, activity):
    return reverse(f"rolemodels:{name}", args=[activity.pk])


@pytest.fixture
def profile(role_model, municipality):
    return active_role_model_for(role_model, municipality=municipality)


def form_data(municipality, **overrides):
    return {
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "municipality": municipality.pk,
        "venue_type": Activity.VenueType.COMMUNITY_CENTRE,
        "venue": "Buurthuis De Schakel",
        "target_group": Activity.TargetGroup.PARENTS,
        "participants": "18",
        "description": "Ouderavond over online haat.",
        "reflection": "Veel vragen over TikTok.",
        **overrides,
    }


def test_role_model_logs_an_activity_and_submits_it_at_once(client_for, role_model, profile):
    theme = ThemeFactory(name="Online uitingen")
    host = OrganisationFactory(name="WIJ Groningen", municipalities=[profile.municipality])
    client = client_for(role_model)
    form = client.get(CREATE)
    assert form.status_code == 200
    assert "WIJ Groningen" in form.content.decode()  # hosts of her municipality offered
    data = form_data(profile.municipality, themes=[theme.pk], host_organisation=host.pk)
    response = client.post(CREATE, {**data, "action": "submit"})
    activity = Activity.objects.get()
    assert response.url == activity.get_absolute_url()
    assert activity.role_model == profile and activity.state == ActivityState.SUBMITTED
    assert activity.host_organisation == host and list(activity.themes.all()) == [theme]
    assert list(activity.events.values_list("to_state", flat=True)) == ["draft", "submitted"]
    assert activity.submitted_at is not None


def test_draft_is_saved_without_submitting(client_for, role_model, profile):
    client = client_for(role_model)
    client.post(CREATE, {**form_data(profile.municipality), "action": "draft"})
    activity = Activity.objects.get()
    assert activity.state == ActivityState.DRAFT
    assert activity in client.get(MINE).context["activities"]


def test_returned_activity_is_fixed_and_submitted_again(
    client_for, role_model, profile, coordinator
):
    activity = ActivityFactory(role_model=profile, participants=2)
    services.activity_move(
        activity=activity, to=ActivityState.RETURNED, by=coordinator, comment="Aantal klopt niet."
    )
    client = client_for(role_model)
    page = client.get(MINE).content.decode()
    assert "Aantal klopt niet." in page
    data = {**form_data(profile.municipality, participants="25"), "action": "submit"}
    client.post(url("activity-update", activity), data)
    activity.refresh_from_db()
    assert activity.participants == 25 and activity.state == ActivityState.SUBMITTED
    moves = list(activity.events.values_list("to_state", "comment"))
    assert moves[-2:] == [("returned", "Aantal klopt niet."), ("submitted", "")]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants", "0", "Enter a number of participants between 1 and %(max)s."),
        ("participants", "veel", "Enter the number of participants as a number."),
        ("date", "FUTURE", "This date is in the future. Log an activity after you have given it."),
        ("venue_type", "", "This field is required."),
        (
            "target_group",
            "kittens",
            "Select a valid choice. %(value)s is not one of the available choices.",
        ),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(
    client_for, role_model, profile, field, value, message
):
    if value == "FUTURE":
        value = (timezone.localdate() + timedelta(days=2)).isoformat()
    data = {**form_data(profile.municipality), field: value, "action": "submit"}
    response = client_for(role_model).post(CREATE, data)
    assert response.status_code == 200
    expected = dutch(message).split("%")[0].strip()
    assert expected in response.content.decode()
    assert not Activity.objects.exists()


def test_role_model_cannot_see_or_change_anothers_activity(client_for, role_model, profile):
    other = ActivityFactory(state=ActivityState.DRAFT)
    client = client_for(role_model)
    assert client.get(url("activity-detail", other)).status_code == 404
    assert client.get(url("activity-update", other)).status_code == 404
    assert client.post(url("activity-submit", other)).status_code == 404
    assert other not in client.get(MINE).context["activities"]
    other.refresh_from_db()
    assert other.state == ActivityState.DRAFT


def test_co_presenter_sees_the_activity_but_cannot_change_it(client_for, role_model, profile):
    activity = ActivityFactory(state=ActivityState.DRAFT, co_presenters=[profile])
    client = client_for(role_model)
    page = client.get(url("activity-detail", activity))
    assert page.status_code == 200
    assert activity.reflection not in page.content.decode()  # the reflection is the author's
    assert client.get(url("activity-update", activity)).status_code == 403
    assert activity in client.get(MINE).context["activities"]


def test_submitted_or_approved_activity_can_no_longer_be_changed(client_for, role_model, profile):
    activity = ActivityFactory(role_model=profile, state=ActivityState.APPROVED)
    client = client_for(role_model)
    assert client.get(url("activity-update", activity)).status_code == 403
    data = {**form_data(profile.municipality, participants="99"), "action": "draft"}
    assert client.post(url("activity-update", activity), data).status_code == 403
    activity.refresh_from_db()
    assert activity.participants == 20


def test_coordinator_returns_with_a_comment_and_approves(client_for, coordinator):
    returned, approved = ActivityFactory(), ActivityFactory()
    client = client_for(coordinator)
    client.post(url("activity-review", returned), {"decision": "return", "comment": "Te kort."})
    client.post(url("activity-review", approved), {"decision": "approve"})
    returned.refresh_from_db()
    approved.refresh_from_db()
    assert returned.state == ActivityState.RETURNED and returned.review_comment == "Te kort."
    assert approved.state == ActivityState.APPROVED and approved.approved_at is not None
    assert approved.events.last().actor == coordinator


def test_coordinator_marks_an_approved_activity_as_shareable(client_for, coordinator):
    shared, private, returned = ActivityFactory(), ActivityFactory(), ActivityFactory()
    client = client_for(coordinator)
    client.post(url("activity-review", shared), {"decision": "approve", "shareable": "on"})
    client.post(url("activity-review", private), {"decision": "approve"})
    client.post(
        url("activity-review", returned),
        {"decision": "return", "comment": "Te kort.", "shareable": "on"},
    )
    for activity in (shared, private, returned):
        activity.refresh_from_db()
    assert shared.shareable and shared.state == ActivityState.APPROVED
    assert not private.shareable
    assert not returned.shareable  # only an approved activity can be shared


def test_returning_without_a_comment_is_refused(client_for, coordinator):
    activity = ActivityFactory()
    response = client_for(coordinator).post(
        url("activity-review", activity), {"decision": "return", "comment": " "}, follow=True
    )
    assert dutch("Say what needs to change before returning the activity.") in (
        response.content.decode()
    )
    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED and activity.events.count() == 1


def test_role_model_cannot_review_activities(client_for, role_model, profile):
    activity = ActivityFactory(role_model=profile)
    client = client_for(role_model)
    response = client.post(url("activity-review", activity), {"decision": "approve"})
    assert response.status_code == 403
    assert client.post(QUEUE, {"activities": [activity.pk]}).status_code == 403
    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (ActivityState.DRAFT, ActivityState.APPROVED),
        (ActivityState.DRAFT, ActivityState.RETURNED),
        (ActivityState.APPROVED, ActivityState.SUBMITTED),
        (ActivityState.APPROVED, ActivityState.RETURNED),
        (ActivityState.RETURNED, ActivityState.APPROVED),
        (ActivityState.SUBMITTED, ActivityState.SUBMITTED),
        (ActivityState.SUBMITTED, "deleted"),
    ],
)
def test_disallowed_moves_change_nothing(coordinator, role_model, start, to):
    activity = ActivityFactory(state=start, role_model=active_role_model_for(role_model))
    by = role_model if to == ActivityState.SUBMITTED else coordinator
    with pytest.raises(services.ActivityError):
        services.activity_move(activity=activity, to=to, by=by, comment="x")
    activity.refresh_from_db()
    assert activity.state == start and activity.events.count() == 1


def test_only_the_author_submits_and_only_a_coordinator_approves(coordinator, role_model):
    draft = ActivityFactory(state=ActivityState.DRAFT, role_model=active_role_model_for(role_model))
    with pytest.raises(services.ActivityError):
        services.activity_move(activity=draft, to=ActivityState.SUBMITTED, by=coordinator)
    submitted = ActivityFactory(role_model=draft.role_model)
    with pytest.raises(services.ActivityError):
        services.activity_move(activity=submitted, to=ActivityState.APPROVED, by=role_model)


def test_history_is_append_only(db):
    event = ActivityFactory().events.get()
    event.comment = "changed"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_coordinator_approves_a_selection_in_bulk(client_for, coordinator):
    chosen = [ActivityFactory(), ActivityFactory()]
    left = ActivityFactory()
    draft = ActivityFactory(state=ActivityState.DRAFT)
    response = client_for(coordinator).post(QUEUE, {"activities": [a.pk for a in chosen]})
    assert response.status_code == 302
    states = dict(Activity.objects.values_list("pk", "state"))
    assert [states[a.pk] for a in chosen] == ["approved", "approved"]
    assert states[left.pk] == "submitted" and states[draft.pk] == "draft"
    assert ActivityEvent.objects.filter(to_state="approved", actor=coordinator).count() == 2


def test_bulk_approval_refuses_an_activity_that_no_longer_waits(client_for, coordinator):
    waiting, draft = ActivityFactory(), ActivityFactory(state=ActivityState.DRAFT)
    response = client_for(coordinator).post(
        QUEUE, {"activities": [waiting.pk, draft.pk]}, follow=True
    )
    assert dutch("One of the selected activities no longer awaits approval.") in (
        response.content.decode()
    )
    assert not Activity.objects.filter(state=ActivityState.APPROVED).exists()


def test_bulk_approval_without_a_selection_says_so(client_for, coordinator):
    response = client_for(coordinator).post(QUEUE, {}, follow=True)
    assert dutch("Select at least one activity to approve.") in response.content.decode()


def test_queue_lists_submitted_activities_longest_waiting_first(client_for, coordinator):
    newer = ActivityFactory(submitted_at=timezone.now() - timedelta(hours=1))
    older = ActivityFactory(submitted_at=timezone.now() - timedelta(days=2))
    ActivityFactory(state=ActivityState.APPROVED)
    response = client_for(coordinator).get(QUEUE)
    assert list(response.context["activities"]) == [older, newer]


@pytest.mark.parametrize("rows", [3, 40])
def test_queue_runs_a_bounded_number_of_queries(
    client_for, coordinator, django_assert_max_num_queries, rows
):
    themes = [ThemeFactory(), ThemeFactory()]
    for _ in range(rows):
        ActivityFactory(themes=themes)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE).status_code == 200


@pytest.mark.parametrize("rows", [3, 40])
def test_my_activities_runs_a_bounded_number_of_queries(
    client_for, role_model, profile, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        ActivityFactory(role_model=profile, themes=[ThemeFactory()])
    client = client_for(role_model)
    with django_assert_max_num_queries(14):
        assert client.get(MINE).status_code == 200


def test_role_model_start_page_is_their_activity_list(client_for, role_model, profile):
    response = client_for(role_model).get(reverse("rolemodels:index"))
    assert response.url == MINE


def test_role_model_without_a_profile_is_told_so(client_for, role_model):
    response = client_for(role_model).get(MINE)
    assert response.status_code == 200 and response.context["profile"] is None
    assert client_for(role_model).get(CREATE).status_code == 404


@pytest.mark.parametrize("persona", ["professional", "municipal_employee", "handler"])
def test_other_roles_cannot_log_or_approve(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    for page in (CREATE, MINE, QUEUE):
        assert client.get(page).status_code == 403
    activity = RoleModelFactory() and ActivityFactory()
    assert client.get(url("activity-detail", activity)).status_code == 404


def test_anonymous_visitor_goes_to_login(client):
    for page in (CREATE, MINE, QUEUE):
        assert client.get(page).url.startswith(reverse("accounts:login"))


def test_the_form_links_to_reporting_a_concern_and_the_role_model_may_follow_it(
    client_for, role_model, profile
):
    client = client_for(role_model)
    page = client.get(CREATE).content.decode()
    concerns = reverse("signals:index")
    assert f'href="{concerns}"' in page
    landing = client.get(concerns, follow=True)
    assert landing.status_code == 200
    assert client.get(reverse("signals:report-form")).status_code == 200


@pytest.mark.parametrize("stage", [Stage.STOPPED, Stage.DECLINED])
def test_a_stopped_or_declined_role_model_can_no_longer_log_or_change(
    client_for, role_model, municipality, stage
):
    profile = active_role_model_for(role_model, municipality=municipality)
    draft = ActivityFactory(role_model=profile, state=ActivityState.DRAFT)
    RoleModelFactory._meta.model.objects.filter(pk=profile.pk).update(stage=stage)
    client = client_for(role_model)
    assert client.get(CREATE).status_code == 403
    data = {**form_data(municipality), "action": "submit"}
    assert client.post(CREATE, data).status_code == 403
    assert client.post(url("activity-update", draft), data).status_code == 403
    assert client.post(url("activity-submit", draft)).status_code == 403
    assert Activity.objects.count() == 1
    draft.refresh_from_db()
    assert draft.state == ActivityState.DRAFT
    listing = client.get(MINE)
    assert listing.status_code == 200 and draft in listing.context["activities"]
    assert CREATE not in listing.content.decode()  # no button that leads to a refusal
    assert client.get(url("activity-detail", draft)).context["can_edit"] is False


def test_a_paused_role_model_still_logs_what_they_gave(client_for, role_model, municipality):
    profile = active_role_model_for(role_model, municipality=municipality)
    RoleModelFactory._meta.model.objects.filter(pk=profile.pk).update(stage=Stage.PAUSED)
    client = client_for(role_model)
    client.post(CREATE, {**form_data(municipality), "action": "submit"})
    assert Activity.objects.get().state == ActivityState.SUBMITTED


def test_hosts_of_the_activitys_municipality_are_offered(
    client_for, role_model, profile, other_municipality
):
    home = OrganisationFactory(name="WIJ Groningen", municipalities=[profile.municipality])
    away = OrganisationFactory(name="Welzijn Westerwolde", municipalities=[other_municipality])
    client = client_for(role_model)
    offered = client.get(CREATE).context["form"].fields["host_organisation"].queryset
    assert {home, away} <= set(offered)  # a province: every municipality's hosts
    data = form_data(other_municipality, host_organisation=away.pk)
    client.post(CREATE, {**data, "action": "draft"})
    assert Activity.objects.get().host_organisation == away


def test_on_a_large_map_the_hosts_follow_the_activitys_municipality(
    client_for, role_model, profile, other_municipality, monkeypatch, django_assert_max_num_queries
):
    from rolemodels import forms

    monkeypatch.setattr(forms, "MAX_HOST_OPTIONS", 1)
    home = OrganisationFactory(name="WIJ Groningen", municipalities=[profile.municipality])
    away = OrganisationFactory(name="Welzijn Westerwolde", municipalities=[other_municipality])
    elsewhere = OrganisationFactory(name="Ergens Anders", municipalities=[MunicipalityFactory()])
    draft = ActivityFactory(
        role_model=profile, municipality=other_municipality, state=ActivityState.DRAFT
    )
    client = client_for(role_model)
    with django_assert_max_num_queries(20):
        page = client.get(url("activity-update", draft))
    offered = set(page.context["form"].fields["host_organisation"].queryset)
    assert {home, away} <= offered and elsewhere not in offered
    # A new activity: home, and where she gave activities before.
    offered = set(client.get(CREATE).context["form"].fields["host_organisation"].queryset)
    assert {home, away} <= offered and elsewhere not in offered
