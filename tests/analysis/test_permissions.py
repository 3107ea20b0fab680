"""Who may see and change analyses, actions and basis op orde: every URL, every role."""

import pytest
from django.urls import reverse

from polrad.accounts.roles import Role
from tests.analysis.factories import ActionFactory, AnalysisFactory, ParticipantFactory
from tests.factories import UserFactory


@pytest.fixture
def analysis(municipality, definition):
    analysis = AnalysisFactory(municipality=municipality)
    ActionFactory(analysis=analysis)
    return analysis


def _urls(analysis) -> dict[str, str]:
    pk, place = analysis.pk, analysis.municipality_id
    action = analysis.actions.first().pk
    return {
        "list": reverse("analysis:list"),
        "create": reverse("analysis:create"),
        "detail": reverse("analysis:detail", args=[pk]),
        "edit": reverse("analysis:edit", args=[pk]),
        "step": reverse("analysis:step", args=[pk, 1]),
        "short": reverse("analysis:short", args=[pk]),
        "participant": reverse("analysis:participant-add", args=[pk]),
        "action-create": reverse("analysis:action-create", args=[pk]),
        "action-edit": reverse("analysis:action-edit", args=[action]),
        "pdf": reverse("analysis:pdf", args=[pk]),
        "checklist-pdf": reverse("analysis:checklist-pdf", args=[pk]),
        "actions": reverse("analysis:actions"),
        "basis": reverse("analysis:basis"),
        "basis-municipality": reverse("analysis:basis-municipality", args=[place]),
        "assessment": reverse("analysis:assessment-create", args=[place]),
        "vision": reverse("analysis:vision-edit", args=[place]),
    }


PDFS = {"pdf", "checklist-pdf"}


def test_anonymous_visitors_are_sent_to_the_login_page(client, analysis):
    for name, url in _urls(analysis).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.parametrize("persona", ["coordinator", "municipal_employee"])
def test_coordinator_and_municipal_staff_of_the_municipality_may_use_every_page(
    request, client_for, analysis, persona
):
    client = client_for(request.getfixturevalue(persona))
    for name, url in _urls(analysis).items():
        response = client.get(url)
        assert response.status_code in (200, 302), name
        if name in PDFS:
            assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("persona", ["role_model", "professional", "handler", "outsider"])
def test_other_roles_are_refused_everywhere(request, client_for, analysis, persona):
    client = client_for(request.getfixturevalue(persona))
    for name, url in _urls(analysis).items():
        assert client.get(url).status_code in (403, 404), name


def test_staff_of_another_municipality_finds_nothing_of_this_one(
    client_for, analysis, other_municipality
):
    stranger = UserFactory(roles=[Role.MUNICIPAL], municipalities=[other_municipality])
    client = client_for(stranger)
    for name, url in _urls(analysis).items():
        status = client.get(url).status_code
        if name in {"list", "create", "actions", "basis"}:
            assert status in (200, 302), name  # their own municipality's pages
        else:
            assert status == 404, name
    listed = client.get(reverse("analysis:list")).content.decode()
    assert analysis.title not in listed
    action = analysis.actions.get()
    assert f">{action.what}<" not in client.get(reverse("analysis:actions")).content.decode()


def test_participant_with_an_account_reads_and_remarks_but_does_not_edit(
    client_for, analysis, professional
):
    ParticipantFactory(analysis=analysis, user=professional)
    client = client_for(professional)
    urls = _urls(analysis)
    for name in ("list", "detail", "pdf", "checklist-pdf"):
        assert client.get(urls[name]).status_code == 200, name
    for name in ("edit", "step", "short", "participant", "action-create"):
        assert client.get(urls[name]).status_code == 403, name
    for name in ("basis", "basis-municipality", "assessment", "vision", "create"):
        assert client.get(urls[name]).status_code in (403, 404), name
    response = client.post(
        reverse("analysis:remark-add", args=[analysis.pk]), {"text": "Klopt, zo zien wij het ook."}
    )
    assert response.status_code == 302
    assert analysis.remarks.get().author == professional


def test_owner_of_an_action_updates_its_status_only(client_for, analysis, professional):
    action = analysis.actions.first()
    action.owner_contact = None
    from tests.network.factories import ContactFactory

    action.owner_contact = ContactFactory(
        email=professional.email, municipalities=[analysis.municipality]
    )
    action.save()
    client = client_for(professional)
    assert action.what in client.get(reverse("analysis:actions")).content.decode()
    url = reverse("analysis:action-edit", args=[action.pk])
    response = client.post(url, {"status": "done", "what": "Iets anders"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.what != "Iets anders"
