"""Basis op orde pages: a new assessment, the vision document; bad input refused in Dutch."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from polrad.analysis.models import Action, Assessment, VisionDocument
from tests.network.factories import OrganisationFactory


@pytest.fixture
def staff(client_for, municipal_employee):
    return client_for(municipal_employee)


def _assessment_data(preconditions, **changes):
    data = {"version": preconditions.version, "date": timezone.localdate().isoformat()}
    for item in preconditions.items.all():
        data[f"p{item.pk}_status"] = "partly"
        data[f"p{item.pk}_evidence"] = "Besproken"
    data.update(changes)
    return data


def test_staff_save_an_assessment_with_an_action(staff, municipality, preconditions):
    owner = OrganisationFactory(municipalities=[municipality])
    first = preconditions.items.first()
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    data = _assessment_data(
        preconditions,
        **{
            f"p{first.pk}_what": "Visie laten vaststellen",
            f"p{first.pk}_owner_organisation": owner.pk,
            f"p{first.pk}_due_date": due,
        },
    )
    url = reverse("analysis:assessment-create", args=[municipality.pk])
    response = staff.post(url, data)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.items.count() == preconditions.items.count()
    action = Action.objects.get()
    assert action.assessment_item.precondition == first and action.municipality == municipality
    page = staff.get(reverse("analysis:basis-municipality", args=[municipality.pk]))
    assert "Visie laten vaststellen" in page.content.decode()


@pytest.mark.parametrize(
    "field, value, message",
    [
        (
            "date",
            "2030-01-01",
            "Deze datum ligt in de toekomst; vul een datum tot en met vandaag in.",
        ),
        ("date", "2001-01-01", "Vul een datum in tussen"),
        ("version", "7", "gewijzigd naar versie 1"),
        ("what", "Iets doen", "Een actie heeft een eigenaar en een uiterste datum nodig."),
        ("status", "", "Dit veld is verplicht"),
    ],
)
def test_bad_assessment_input_is_refused_and_nothing_saved(
    staff, municipality, preconditions, field, value, message
):
    first = preconditions.items.first()
    name = field if field in ("date", "version") else f"p{first.pk}_{field}"
    response = staff.post(
        reverse("analysis:assessment-create", args=[municipality.pk]),
        _assessment_data(preconditions, **{name: value}),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assessment.objects.exists() and not Action.objects.exists()


def test_an_owner_of_another_municipality_is_refused_for_a_precondition_action(
    staff, municipality, other_municipality, preconditions
):
    stranger = OrganisationFactory(municipalities=[other_municipality])
    first = preconditions.items.first()
    data = _assessment_data(
        preconditions,
        **{
            f"p{first.pk}_what": "Iets",
            f"p{first.pk}_owner_organisation": stranger.pk,
            f"p{first.pk}_due_date": timezone.localdate().isoformat(),
        },
    )
    response = staff.post(reverse("analysis:assessment-create", args=[municipality.pk]), data)
    assert "De eigenaar moet in Groningen werken" in response.content.decode()
    assert not Assessment.objects.exists()


def _vision(**changes):
    data = {
        "link": "https://example.org/visie",
        "adopted_on": (timezone.localdate() - timedelta(days=100)).isoformat(),
        "review_date": (timezone.localdate() + timedelta(days=600)).isoformat(),
        "summary": "De grens ligt bij intimidatie.",
    }
    data.update(changes)
    return data


def test_staff_record_the_vision_document_with_a_file(staff, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("analysis:vision-edit", args=[municipality.pk])
    upload = SimpleUploadedFile("visie.pdf", b"%PDF-1.4 visie", content_type="application/pdf")
    assert staff.post(url, {**_vision(link=""), "file": upload}).status_code == 302
    vision = VisionDocument.objects.get()
    assert vision.file and vision.summary.startswith("De grens")
    download = staff.get(reverse("analysis:vision-file", args=[municipality.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 visie"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"link": ""}, "Upload het document of geef er een link naar."),
        ({"adopted_on": "2099-01-01"}, "Deze datum ligt in de toekomst."),
        ({"review_date": "2020-01-01"}, "De herzieningsdatum ligt vóór de datum van vaststelling."),
        ({"summary": ""}, "Dit veld is verplicht"),
    ],
)
def test_bad_vision_input_is_refused(staff, municipality, changes, message):
    if changes.get("review_date"):
        changes["adopted_on"] = "2021-01-01"
    response = staff.post(
        reverse("analysis:vision-edit", args=[municipality.pk]), _vision(**changes)
    )
    assert message in response.content.decode()
    assert not VisionDocument.objects.exists()


def test_a_coordinator_sees_every_municipality_in_the_basis_overview(
    client_for, coordinator, municipality, other_municipality, preconditions
):
    page = client_for(coordinator).get(reverse("analysis:basis")).content.decode()
    assert "Groningen" in page and "Westerwolde" in page


def test_the_administrator_edits_checklists_in_the_admin(client_for, administrator, definition):
    client = client_for(administrator)
    response = client.get(
        reverse("admin:analysis_checklistdefinition_change", args=[definition.pk])
    )
    assert response.status_code == 200
    assert client.get(reverse("admin:analysis_preconditionlist_changelist")).status_code == 200
