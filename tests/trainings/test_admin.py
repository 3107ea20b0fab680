"""Administrators withdraw a certificate in the admin; it then no longer verifies as valid."""

from django.contrib import admin
from django.urls import reverse

from tests.trainings.factories import CertificateFactory
from trainings.models import Certificate

CHANGELIST = reverse("admin:trainings_certificate_changelist")


def withdraw(client, *certificates):
    return client.post(
        CHANGELIST,
        {"action": "withdraw", admin.helpers.ACTION_CHECKBOX_NAME: [c.pk for c in certificates]},
    )


def test_administrator_withdraws_a_certificate_and_verification_says_so(
    client_for, administrator, client
):
    certificate = CertificateFactory(full_name="Pieter Jansen")
    response = withdraw(client_for(administrator), certificate)
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and not certificate.is_valid()
    client.logout()
    page = client.get(reverse("trainings:verify", args=[certificate.code])).content.decode()
    assert "Pieter Jansen" in page and "ingetrokken" in page.lower()


def test_withdrawing_again_keeps_the_first_moment(client_for, administrator):
    certificate = CertificateFactory()
    client = client_for(administrator)
    withdraw(client, certificate)
    first = Certificate.objects.get(pk=certificate.pk).revoked_at
    withdraw(client, certificate)
    assert Certificate.objects.get(pk=certificate.pk).revoked_at == first


def test_certificates_cannot_be_typed_in_or_deleted(client_for, administrator):
    client = client_for(administrator)
    assert client.get(reverse("admin:trainings_certificate_add")).status_code == 403
    certificate = CertificateFactory()
    delete = reverse("admin:trainings_certificate_delete", args=[certificate.pk])
    assert client.get(delete).status_code == 403


def test_coordinator_cannot_withdraw_in_the_admin(client_for, coordinator):
    certificate = CertificateFactory()
    response = withdraw(client_for(coordinator), certificate)
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
