"""The PDF of one concern: for handlers in scope, logged, watermarked, without notes."""

import pytest
from django.urls import reverse

from signals.models import AccessLog, Note
from tests.network.test_pdf import pdf_text
from tests.signals.factories import ConcernFactory

OBSERVED = "Oproepen tot geweld in een groepsapp van jongeren"


@pytest.fixture
def concern(municipality, handler):
    concern = ConcernFactory(
        municipality=municipality, observed=OBSERVED, persons_involved="Mehmet K."
    )
    Note.objects.create(concern=concern, author=handler, text="Interne notitie over de broer")
    return concern


def test_handler_downloads_a_watermarked_pdf_and_it_is_logged(client_for, handler, concern):
    response = client_for(handler).get(reverse("signals:pdf", args=[concern.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert concern.reference in text and OBSERVED in text
    assert handler.full_name in text  # the watermark and the footer name the viewer
    assert "Interne notitie" not in text and "Mehmet K." not in text  # not assigned: no names
    assert AccessLog.objects.filter(user=handler, concern=concern, action="pdf").exists()


def test_the_assigned_handler_sees_the_names(client_for, handler, concern):
    concern.assigned_to = handler
    concern.save()
    text = pdf_text(client_for(handler).get(reverse("signals:pdf", args=[concern.pk])).content)
    assert "Mehmet K." in text


def test_other_handlers_and_roles_get_no_pdf(client_for, request, other_municipality):
    concern = ConcernFactory(municipality=other_municipality)
    for persona, status in (("handler", 404), ("coordinator", 403), ("professional", 403)):
        response = client_for(request.getfixturevalue(persona)).get(
            reverse("signals:pdf", args=[concern.pk])
        )
        assert response.status_code == status
    assert not AccessLog.objects.exists()
