"""The knowledge base's uploads and downloads, and bad input on the other forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from network.models import KnowledgeDocument, PracticeExample, SituationGuidance
from tests.interventions.factories import DocumentFactory, InterventionFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% een handreiking\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.KNOWLEDGE_MAX_UPLOAD_BYTES = 1000
    return tmp_path


def _upload(client, name, content, **extra):
    data = {
        "title": "Handreiking",
        "kind": "guide",
        "audience": "professionals",
        "date": "2026-11-01",
        "language": "nl",
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(reverse("kennisbank:create"), data)


def test_coordinator_uploads_a_pdf_with_a_sanitised_name(client_for, coordinator):
    response = _upload(client_for(coordinator), "Handreiking <v2> & kopie?.PDF", PDF)
    document = KnowledgeDocument.objects.get()
    assert response.status_code == 302
    assert document.file.name.startswith("kennisbank/")
    assert document.file.name.endswith("/handreiking-v2-kopie.pdf")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("programma.exe", b"MZ\x90\x00", "Upload een pdf-"),
        ("stiekem.pdf", b"MZ\x90\x00 not a pdf", "past niet bij het type"),
        ("groot.pdf", PDF + b"x" * 2000, "groter dan"),
    ],
)
def test_wrong_type_content_or_size_is_refused(client_for, coordinator, name, content, message):
    response = _upload(client_for(coordinator), name, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not KnowledgeDocument.objects.exists()


def test_a_file_and_a_link_together_are_refused(client_for, coordinator):
    response = _upload(client_for(coordinator), "a.pdf", PDF, link="https://example.org/a")
    assert "link" in response.context["form"].errors
    assert not KnowledgeDocument.objects.exists()


def test_downloads_go_through_the_access_check_as_attachments(
    client_for, client, coordinator, professional
):
    _upload(client_for(coordinator), "handreiking.pdf", PDF)
    document = KnowledgeDocument.objects.get()
    url = reverse("kennisbank:download", args=[document.pk])
    client.logout()
    assert client.get(url).status_code == 404  # members only: anonymous cannot know it
    response = client_for(professional).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == PDF


def test_public_documents_are_downloadable_anonymously(client, coordinator, client_for):
    _upload(client_for(coordinator), "openbaar.txt", b"Tekst", is_public="on")
    document = KnowledgeDocument.objects.get()
    client.logout()
    assert client.get(reverse("kennisbank:download", args=[document.pk])).status_code == 200


def test_archived_documents_leave_the_list_but_not_the_archive(client_for, professional):
    DocumentFactory(title="Oud protocol", archived=True)
    page = client_for(professional).get(reverse("kennisbank:list")).content.decode()
    assert "Oud protocol" not in page


def test_practice_example_bad_input_saves_nothing(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("interventions:example-create"),
        {
            "title": "Buurtschouw",
            "category": "neighbourhood",
            "municipality": municipality.pk,
            "started_on": "2026-06-01",
            "ended_on": "2026-05-01",
            "what_was_done": "Samen door de wijk gelopen.",
        },
    )
    errors = response.context["form"].errors
    assert "ended_on" in errors  # ends before it starts
    assert "intervention" in errors  # published without an intervention
    assert not PracticeExample.objects.exists()


def test_guidance_bad_input_saves_nothing(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("interventions:guidance-create"),
        {"title": "", "situation": "", "first_steps": "", "responsibilities": ["nonsense"]},
    )
    errors = response.context["form"].errors
    assert {"title", "situation", "first_steps", "responsibilities"} <= set(errors)
    assert not SituationGuidance.objects.exists()


def test_coordinator_writes_a_situation_card(client_for, coordinator):
    fitting = InterventionFactory()
    response = client_for(coordinator).post(
        reverse("interventions:guidance-create"),
        {
            "title": "Onrust na een incident",
            "situation": "Boze berichten in de buurtapp.",
            "first_steps": "Bel de wijkagent.",
            "responsibilities": ["first_contact"],
            "interventions": [fitting.pk],
            "position": "0",
        },
    )
    card = SituationGuidance.objects.get()
    assert response.status_code == 302
    assert card.responsibilities == ["first_contact"]
    assert list(card.interventions.all()) == [fitting]
