"""Training modules link to the knowledge base: shown on the programme's page, chosen by
coordinators."""

import pytest
from django.urls import reverse

from tests.interventions.factories import DocumentFactory
from tests.trainings.factories import ModuleFactory, ProgrammeFactory
from trainings.models import Module

pytestmark = pytest.mark.django_db


def test_members_see_the_documents_a_module_works_from(client_for, role_model):
    module = ModuleFactory(title="Wij en zij")
    manual = DocumentFactory(title="Handleiding voor trainers", kind="trainer_manual")
    module.documents.set([manual, DocumentFactory(title="Oude versie", archived=True)])
    page = client_for(role_model).get(module.programme.get_absolute_url())
    html = page.content.decode()
    assert "Handleiding voor trainers" in html
    assert reverse("kennisbank:detail", args=[manual.pk]) in html
    assert "Oude versie" not in html  # archived documents are not offered any more


def test_anonymous_visitors_and_accounts_without_a_role_see_no_documents(
    client, client_for, outsider
):
    module = ModuleFactory()
    module.documents.set([DocumentFactory(title="Alleen voor leden")])
    url = module.programme.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302 and "Alleen voor leden" not in response.content.decode()
    response = client_for(outsider).get(url)
    assert response.status_code == 403 and "Alleen voor leden" not in response.content.decode()


def test_coordinator_links_documents_to_a_module(client_for, coordinator):
    programme = ProgrammeFactory()
    handbook, guide = DocumentFactory(title="Handboek"), DocumentFactory(title="Gids")
    DocumentFactory(title="Gearchiveerd", archived=True)
    client = client_for(coordinator)
    form = client.get(reverse("trainings:module-create", args=[programme.pk]))
    offered = [str(label) for _pk, label in form.context["form"].fields["documents"].choices]
    assert offered == ["Gids", "Handboek"]
    response = client.post(
        reverse("trainings:module-create", args=[programme.pk]),
        {"order": 1, "title": "Signaleren", "documents": [handbook.pk, guide.pk]},
    )
    assert response.status_code == 302
    module = Module.objects.get(title="Signaleren")
    assert set(module.documents.all()) == {handbook, guide}
    response = client.post(
        reverse("trainings:module-update", args=[module.pk]),
        {"order": 1, "title": "Signaleren", "documents": [guide.pk]},
    )
    assert list(module.documents.all()) == [guide]


def test_a_document_that_does_not_exist_is_refused_and_nothing_saved(client_for, coordinator):
    programme = ProgrammeFactory()
    DocumentFactory()
    response = client_for(coordinator).post(
        reverse("trainings:module-create", args=[programme.pk]),
        {"order": 1, "title": "Signaleren", "documents": [987654]},
    )
    assert response.status_code == 200
    assert "987654" in str(response.context["form"].errors["documents"])
    message = "Selecteer een geldige keuze. 987654 is geen beschikbare keuze."
    assert message in response.content.decode()
    assert not Module.objects.exists()


@pytest.mark.parametrize("persona", ["professional", "role_model", "handler"])
def test_only_coordinators_link_documents(client_for, request, persona):
    module = ModuleFactory(title="Signaleren")
    document = DocumentFactory()
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("trainings:module-update", args=[module.pk]),
        {"order": 1, "title": "Signaleren", "documents": [document.pk]},
    )
    assert response.status_code == 403
    assert not module.documents.exists()


@pytest.mark.parametrize("modules", [1, 10])
def test_programme_page_with_documents_runs_the_same_queries(
    client_for, professional, django_assert_max_num_queries, modules
):
    programme = ProgrammeFactory()
    for index in range(modules):
        module = ModuleFactory(programme=programme, order=index + 1)
        module.documents.set(DocumentFactory.create_batch(3))
    client = client_for(professional)
    client.get(reverse("accounts:profile"))  # the session's first request is behind us
    with django_assert_max_num_queries(10):
        response = client.get(programme.get_absolute_url())
    assert sum(len(m.visible_documents) for m in response.context["modules"]) == 3 * modules
