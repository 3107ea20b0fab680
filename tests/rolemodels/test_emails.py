"""A role model hears by email when an activity is returned (with the comment) or approved."""

from django.core import mail

from rolemodels.emails import activity_reviewed_send
from rolemodels.services import activities_approve, activity_move
from rolemodels.workflow import ActivityState
from tests.rolemodels.factories import ActivityFactory


def test_a_returned_activity_is_emailed_once_with_the_comment(
    coordinator, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        activity_move(
            activity=activity, to=ActivityState.RETURNED, by=coordinator, comment="Datum klopt niet"
        )
    assert [message.to for message in mail.outbox] == [[activity.role_model.email]]
    assert "Datum klopt niet" in mail.outbox[0].body
    event = activity.events.get(to_state=ActivityState.RETURNED)
    assert not activity_reviewed_send(event_id=event.pk)  # a retry sends nothing
    assert len(mail.outbox) == 1


def test_an_approved_activity_is_emailed_once(coordinator, django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        activity_move(activity=activity, to=ActivityState.APPROVED, by=coordinator)
    assert len(mail.outbox) == 1
    assert "goedgekeurd" in mail.outbox[0].subject
    event = activity.events.get(to_state=ActivityState.APPROVED)
    assert not activity_reviewed_send(event_id=event.pk)
    assert len(mail.outbox) == 1


def test_bulk_approval_emails_each_role_model_once(coordinator, django_capture_on_commit_callbacks):
    activities = [ActivityFactory(), ActivityFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        activities_approve(ids=[a.pk for a in activities], by=coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.role_model.email for a in activities)


def test_a_submission_emails_nobody(role_model, django_capture_on_commit_callbacks):
    from tests.rolemodels.factories import active_role_model_for

    profile = active_role_model_for(role_model)
    activity = ActivityFactory(role_model=profile, state=ActivityState.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        activity_move(activity=activity, to=ActivityState.SUBMITTED, by=role_model)
    assert mail.outbox == []
