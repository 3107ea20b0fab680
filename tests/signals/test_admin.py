"""Administrators read and export the access log; nobody edits it; concerns stay out."""

from django.contrib import admin
from django.urls import reverse

from signals.models import AccessLog, Concern
from tests.signals.factories import ConcernFactory

LOG = reverse("admin:signals_accesslog_changelist")


def test_administrator_reads_and_exports_the_access_log(
    client_for, administrator, handler, municipality
):
    concern = ConcernFactory(municipality=municipality)
    entry = AccessLog.objects.create(user=handler, concern=concern, action="view", reason="triage")
    client = client_for(administrator)
    page = client.get(LOG)
    assert page.status_code == 200 and concern.reference in page.content.decode()
    export = client.post(
        LOG, {"action": "export_csv", admin.helpers.ACTION_CHECKBOX_NAME: [entry.pk]}
    )
    assert export["Content-Type"].startswith("text/csv")
    assert f"{handler.email};{concern.reference}" in export.content.decode()
    change = reverse("admin:signals_accesslog_change", args=[entry.pk])
    client.post(change, {"reason": "changed"})
    entry.refresh_from_db()
    assert entry.reason == "triage"


def test_concerns_are_not_in_the_admin():
    assert Concern not in admin.site._registry


def test_coordinator_cannot_read_the_access_log(client_for, coordinator):
    assert client_for(coordinator).get(LOG).status_code in (302, 403)
