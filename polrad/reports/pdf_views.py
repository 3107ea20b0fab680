"""The PDF of a report: ask for it, watch it being made, download it.

The same users as the dashboards: municipal staff for the municipalities in their scope
(another municipality's report does not exist for them: 404), coordinators for all and for
the annual report; other roles 403, anonymous visitors to the login page.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from polrad import periods
from polrad.accounts.decorators import login_and_permission_required
from polrad.downloads import download
from polrad.period_forms import PeriodForm, period_params, report_years
from polrad.permissions import VIEW_MUNICIPAL_REPORTS, VIEW_NETWORK_DASHBOARD
from polrad.reports.models import StoredReport
from polrad.reports.selectors import (
    report_municipalities,
    report_municipality_get_for_user,
)
from polrad.reports.services import report_request
from polrad.reports.storage import stored_pdf_content

REFRESH_SECONDS = 2


def stored_report_get_for_user(user, pk: int) -> StoredReport:
    """The stored report if the user may see its dashboard: 404 for another municipality's,
    403 for the annual report without the network permission."""
    report = get_object_or_404(StoredReport.objects.select_related("municipality"), pk=pk)
    if report.kind == StoredReport.Kind.ANNUAL:
        if not user.has_perm(VIEW_NETWORK_DASHBOARD):
            raise PermissionDenied
    elif not report_municipalities(user).filter(pk=report.municipality_id).exists():
        raise Http404
    return report


@require_POST
@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def pdf_request(request):
    """Ask for the PDF of a dashboard (the dashboard's own parameters) and go to its status."""
    if request.POST.get("kind") == StoredReport.Kind.ANNUAL:
        if not request.user.has_perm(VIEW_NETWORK_DASHBOARD):
            raise PermissionDenied
        year = _int(request.POST.get("jaar"))
        if year not in report_years():
            return HttpResponseBadRequest(_("The period could not be read."))
        kind, municipality, period = StoredReport.Kind.ANNUAL, None, periods.year(year)
    else:
        pk = _int(request.POST.get("gemeente"))
        if pk is None:
            raise Http404
        municipality = report_municipality_get_for_user(request.user, pk)
        form = PeriodForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("The period could not be read."))
        kind, period = StoredReport.Kind.MUNICIPAL, form.cleaned_data["period"]
    report = report_request(
        user=request.user,
        kind=kind,
        municipality=municipality,
        period=period,
        fresh=bool(request.POST.get("fresh")),
    )
    return redirect("reports:pdf-status", pk=report.pk)


@require_GET
@never_cache
@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def pdf_status(request, pk: int):
    """Progress while the report is made (the page reloads itself), then the download."""
    report = stored_report_get_for_user(request.user, pk)
    download = reverse("reports:pdf-download", args=[report.pk])
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "state": report.state,
                "progress": report.progress,
                "download": download if report.is_done else None,
            }
        )
    context = {
        "report": report,
        "download_url": download,
        "annex_url": reverse("reports:pdf-annex", args=[report.pk]) if report.annex else None,
        "again_fields": _request_fields(report),
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "reports/pdf_status.html", context)


@require_GET
@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def pdf_download(request, pk: int):
    """The stored file, only if it is still the one that was made (its checksum matches)."""
    report = stored_report_get_for_user(request.user, pk)
    if not report.is_done:
        return redirect("reports:pdf-status", pk=report.pk)
    return _stored_file(request, report, report.file, report.checksum, "application/pdf")


@require_GET
@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def pdf_annex_download(request, pk: int):
    """The annex made with the PDF (the long tables as CSV), on the same conditions."""
    report = stored_report_get_for_user(request.user, pk)
    if not report.is_done:
        return redirect("reports:pdf-status", pk=report.pk)
    if not report.annex:
        raise Http404("this report has no annex")
    content_type = "text/csv; charset=utf-8"
    return _stored_file(request, report, report.annex, report.annex_checksum, content_type)


def _stored_file(request, report: StoredReport, file, checksum: str, content_type: str):
    content = stored_pdf_content(file, checksum)
    if content is None:
        context = {"report": report, "again_fields": _request_fields(report)}
        return render(request, "reports/pdf_changed.html", context, status=409)
    filename = file.name.rsplit("/", 1)[-1]
    return download(content, filename, content_type=content_type)


def _request_fields(report: StoredReport) -> dict:
    """The fields that ask for the same report again (a fresh one)."""
    if report.kind == StoredReport.Kind.ANNUAL:
        return {"kind": report.kind, "jaar": report.period_start.year, "fresh": "1"}
    return {
        "kind": report.kind,
        "gemeente": report.municipality_id,
        **period_params(report.period),
        "fresh": "1",
    }


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
