import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from tests.factories import UserFactory
from tests.trainings.factories import CertificateFactory, ProgrammeFactory
from trainings import certificates
from trainings.views.certificates import VERIFY_LIMIT

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.fixture
def certificate(professional):
    return CertificateFactory(
        programme=ProgrammeFactory(name="Signalering van polarisatie en radicalisering"),
        user=professional,
        full_name="Fatima Yılmaz",
        email=professional.email,
        completed_on=date(2026, 3, 14),
        valid_until=date(2028, 3, 14),
    )


def download_url(certificate):
    return reverse("trainings:certificate-download", args=[certificate.pk])


def verify_url(code):
    return reverse("trainings:verify", args=[code])


# --- the PDF --------------------------------------------------------------------------------


def test_the_pdf_holds_name_programme_date_code_and_verification_address(certificate):
    url = certificates.verification_url(certificate)
    content = certificates.certificate_pdf(certificate=certificate, verify_url=url)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Fatima Yılmaz" in text
    assert "Signalering van polarisatie en radicalisering" in text
    assert dateformat.format(certificate.completed_on, "j F Y") in text
    assert dateformat.format(certificate.valid_until, "j F Y") in text
    assert certificate.code in text
    assert url in text and url.endswith(f"/trainingen/verifieren/{certificate.code}/")


def test_the_holder_downloads_their_certificate(client_for, professional, certificate):
    response = client_for(professional).get(download_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert certificate.code in response["Content-Disposition"]
    assert certificate.code in pdf_text(response.content)


def test_an_account_holder_downloads_a_certificate_issued_to_their_email(client_for, professional):
    certificate = CertificateFactory(user=None, email=professional.email.upper())
    certificate.email = professional.email  # services store emails in lower case
    certificate.save()
    assert client_for(professional).get(download_url(certificate)).status_code == 200


def test_a_coordinator_downloads_anyones_certificate(client_for, coordinator, certificate):
    assert client_for(coordinator).get(download_url(certificate)).status_code == 200


@pytest.mark.parametrize("persona", ["role_model", "municipal_employee", "outsider"])
def test_others_cannot_know_a_certificate_exists(client_for, request, persona, certificate):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(download_url(certificate)).status_code == 404


def test_a_withdrawn_certificate_is_not_downloaded_by_its_holder(
    client_for, professional, certificate
):
    certificate.revoked_at = timezone.now()
    certificate.save()
    assert client_for(professional).get(download_url(certificate)).status_code == 404


def test_anonymous_visitors_are_sent_to_login_for_a_download(client, certificate):
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- my certificates ------------------------------------------------------------------------


def test_my_certificates_lists_mine_only_and_not_withdrawn_ones(
    client_for, professional, certificate, django_assert_max_num_queries
):
    withdrawn = CertificateFactory(
        email=professional.email, programme=ProgrammeFactory(), revoked_at=timezone.now()
    )
    someone_elses = CertificateFactory(programme=ProgrammeFactory())
    client = client_for(professional)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("trainings:my-certificates"))
    body = response.content.decode()
    assert response.status_code == 200
    assert certificate.code in body and download_url(certificate) in body
    assert withdrawn.code not in body and someone_elses.code not in body


def test_my_certificates_queries_do_not_grow_with_the_number(
    client_for, professional, django_assert_max_num_queries
):
    for _n in range(20):
        CertificateFactory(email=professional.email, programme=ProgrammeFactory())
    client = client_for(professional)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("trainings:my-certificates")).status_code == 200


def test_my_certificates_is_refused_without_the_enrol_permission(client_for, municipal_employee):
    response = client_for(municipal_employee).get(reverse("trainings:my-certificates"))
    assert response.status_code == 403


def test_my_certificates_requires_login(client):
    response = client.get(reverse("trainings:my-certificates"))
    assert response["Location"].startswith(reverse("accounts:login"))


# --- public verification --------------------------------------------------------------------


def test_a_valid_code_shows_only_name_programme_date_and_validity(
    client, certificate, professional
):
    response = client.get(verify_url(certificate.code))
    body = response.content.decode()
    assert response.status_code == 200
    assert _("This certificate is valid") in body
    assert "Fatima Yılmaz" in body
    assert "Signalering van polarisatie en radicalisering" in body
    assert dateformat.format(certificate.completed_on, "j F Y") in body
    assert certificate.email not in body
    assert professional.full_name not in body  # nothing of the account
    assert response["X-Robots-Tag"] == "noindex"


def test_a_code_is_found_as_people_type_it(client, certificate):
    typed = certificate.code.replace("-", " ").lower()
    response = client.get(reverse("trainings:verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.code)


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN", "abcd", "<script>", "0000-0000-0000"])
def test_an_unknown_code_shows_not_found_and_nothing_else(client, certificate, code):
    response = client.get(verify_url(code))
    body = response.content.decode()
    assert response.status_code == 404
    assert _("No certificate found") in body
    assert certificate.full_name not in body and "<script>" not in body


def test_an_expired_certificate_shows_expired(client, certificate):
    certificate.valid_until = timezone.localdate() - timedelta(days=1)
    certificate.save()
    body = client.get(verify_url(certificate.code)).content.decode()
    assert _("This certificate has expired") in body
    assert _("This certificate is valid") not in body


def test_a_certificate_valid_until_today_is_still_valid(client, certificate):
    certificate.valid_until = timezone.localdate()
    certificate.save()
    assert certificates.certificate_verify(certificate.code).is_valid


def test_a_withdrawn_certificate_is_not_valid(client, certificate):
    certificate.revoked_at = timezone.now()
    certificate.save()
    body = client.get(verify_url(certificate.code)).content.decode()
    assert _("This certificate is not valid") in body
    assert _("No, the certificate has been withdrawn") in body


@pytest.mark.parametrize("typed", ["", "ABC", "ABCD-EFGH-JKMN-PQRS", "ABCD-EFGH-JKM0"])
def test_a_malformed_code_in_the_form_gets_a_clear_message(client, typed):
    response = client.get(reverse("trainings:verify"), {"code": typed})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()


def test_the_form_opens_empty_without_a_message(client):
    response = client.get(reverse("trainings:verify"))
    assert response.status_code == 200
    assert "invalid-feedback" not in response.content.decode()


def test_many_lookups_from_one_address_are_refused(client, certificate):
    for _n in range(VERIFY_LIMIT):
        client.get(verify_url("ABCD-EFGH-JKMN"))
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 429
    assert certificate.full_name not in response.content.decode()
    other = client.get(verify_url(certificate.code), REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 200


def test_codes_are_normalised_before_lookup():
    assert certificates.normalise_code(" abcd efgh jkmn ") == "ABCD-EFGH-JKMN"
    assert certificates.normalise_code("abcdefghjkmn") == "ABCD-EFGH-JKMN"
    assert certificates.certificate_verify("nonsense") is None


def test_a_stranger_verifies_without_logging_in(client, certificate):
    UserFactory()  # unrelated accounts change nothing
    assert client.get(reverse("trainings:verify")).status_code == 200


def test_the_bench_renders_a_certificate(certificate):
    from polrad import benchmark as bench

    bench.autodiscover()
    result = bench.measure_job(bench.registry.entries["certificate PDF"])
    assert result.n == 5 and result.p50_ms > 0
