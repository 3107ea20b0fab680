"""After closing, the reporter is asked once, by a signed link open 14 days, if they were
satisfied; "not satisfied" asks the handlers to reopen."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from signals import satisfaction, services
from signals.models import SatisfactionAnswer
from signals.workflow import Outcome, State
from tests.signals.factories import ConcernFactory


@pytest.fixture
def closed_concern(professional, handler, municipality, django_capture_on_commit_callbacks):
    concern = ConcernFactory(
        reporter=professional, municipality=municipality, state=State.IN_ASSESSMENT
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_transition(
            concern=concern,
            to=State.CLOSED,
            by=handler,
            outcome=Outcome.ADVICE,
            outcome_text="Intern verslag met details.",
        )
    concern.refresh_from_db()
    return concern


def answer_path():
    email = mail.outbox[-1]
    link = next(line for line in email.body.splitlines() if "/tevredenheid/" in line)
    return "/" + link.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]


def test_closing_emails_the_reporter_without_content(closed_concern, professional):
    email = mail.outbox[-1]
    assert email.to == [professional.email] and closed_concern.reference in email.subject
    assert "Intern verslag" not in email.body and closed_concern.observed not in email.body


def test_satisfied_reporter_answers_in_one_go(client, closed_concern):
    path = answer_path()
    assert client.get(path).status_code == 200
    client.post(path, {"satisfied": "yes"})
    answer = SatisfactionAnswer.objects.get()
    assert answer.satisfied and closed_concern.reopen_requested_at is None


def test_not_satisfied_asks_the_handlers_to_reopen(client, client_for, handler, closed_concern):
    client.post(answer_path(), {"satisfied": "no", "comment": "Ik hoorde niets meer."})
    closed_concern.refresh_from_db()
    assert closed_concern.reopen_requested_at is not None
    queue = client_for(handler).get(reverse("signals:queue"), {"view": "reopen"})
    assert list(queue.context["concerns"]) == [closed_concern]
    services.concern_transition(
        concern=closed_concern, to=State.REOPENED, by=handler, reason="Melder niet tevreden."
    )
    closed_concern.refresh_from_db()
    assert closed_concern.reopen_requested_at is None


def test_only_the_first_answer_counts(client, closed_concern):
    path = answer_path()
    client.post(path, {"satisfied": "yes"})
    client.post(path, {"satisfied": "no"})
    assert SatisfactionAnswer.objects.get().satisfied is True


def test_link_expires_after_14_days(client, closed_concern):
    path = answer_path()
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(path).status_code == 400
        client.post(path, {"satisfied": "no"})
    assert not SatisfactionAnswer.objects.exists()


def test_tampered_link_is_refused(client, closed_concern):
    assert client.post(answer_path() + "x", {"satisfied": "no"}).status_code in (400, 404)
    token = satisfaction.satisfaction_token(closed_concern)
    other = b'{"c":%d,"closed":""}' % (closed_concern.pk + 1)
    forged = signing.b64_encode(other).decode() + token[token.index(":") :]  # old signature
    assert forged != token
    assert client.get(reverse("signals:satisfaction", args=[forged])).status_code == 400
    assert not SatisfactionAnswer.objects.exists()


def test_reopened_concern_no_longer_takes_the_old_answer(client, handler, closed_concern):
    path = answer_path()
    services.concern_transition(concern=closed_concern, to=State.REOPENED, by=handler, reason="x")
    assert client.get(path).status_code == 400


def test_no_answer_is_refused_and_nothing_saved(client, closed_concern):
    response = client.post(answer_path(), {})
    assert response.status_code == 200 and not SatisfactionAnswer.objects.exists()


def test_the_email_has_a_yes_and_a_no_link_that_choose_the_answer(client, closed_concern):
    body = mail.outbox[-1].body
    links = [line.split(" ")[-1] for line in body.splitlines() if "/tevredenheid/" in line]
    assert [link.rsplit("=", 1)[1] for link in links] == ["yes", "no"]
    no = "/" + links[1].split("://", 1)[1].split("/", 1)[1]
    assert client.get(no).context["form"]["satisfied"].value() == "no"
    client.post(no, {"satisfied": "no", "comment": "Geen terugkoppeling."})
    assert SatisfactionAnswer.objects.get().satisfied is False


def test_after_reopening_and_closing_again_the_new_question_can_be_answered(
    client, client_for, handler, closed_concern, django_capture_on_commit_callbacks
):
    client.post(answer_path(), {"satisfied": "no", "comment": "Er gebeurde niets."})
    services.concern_transition(
        concern=closed_concern, to=State.REOPENED, by=handler, reason="Melder niet tevreden."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_transition(
            concern=closed_concern,
            to=State.CLOSED,
            by=handler,
            outcome=Outcome.HANDLED,
            outcome_text="Gesprek met de school gevoerd.",
        )
    closed_concern.refresh_from_db()
    second = answer_path()
    page = client.post(second, {"satisfied": "yes"}).content.decode()
    answers = list(closed_concern.satisfaction_answers.values_list("satisfied", "closed_at"))
    assert [satisfied for satisfied, _ in answers] == [False, True]
    assert answers[1][1] == closed_concern.closed_at
    assert "already answered" not in page
    detail = client_for(handler).get(reverse("signals:detail", args=[closed_concern.pk]))
    assert detail.context["satisfaction"].satisfied is True  # about the latest closing


def test_a_second_answer_to_the_same_closing_is_told_so(client, closed_concern):
    path = answer_path()
    client.post(path, {"satisfied": "yes"})
    again = client.post(path, {"satisfied": "no"})
    assert again.context["already"] is True and "done" not in again.context
    assert client.get(path).context["already"] is True
    assert SatisfactionAnswer.objects.get().satisfied is True
