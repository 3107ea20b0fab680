"""The report pages: choose a municipality and period, its dashboard, the network's annual
report, and each table of them as CSV (the social map's dialect: UTF-8 with BOM, `;`)."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from network.exports import csv_lines, safe_cell
from polrad.accounts.decorators import login_and_permission_required
from polrad.downloads import download, download_name
from polrad.period_forms import (
    PERIOD_PARAMS,
    PeriodForm,
    default_period,
    period_params,
    report_years,
)
from polrad.periods import Period
from polrad.permissions import VIEW_MUNICIPAL_REPORTS, VIEW_NETWORK_DASHBOARD
from polrad.reports import figures
from polrad.reports.data import Report
from polrad.reports.forms import ReportChoiceForm, municipal_url
from polrad.reports.selectors import (
    report_municipalities,
    report_municipality_get_for_user,
)


@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def report_index(request):
    """The choice of municipality and period; a valid choice goes to its dashboard."""
    municipalities = report_municipalities(request.user)
    if "gemeente" in request.GET:
        form = ReportChoiceForm(request.GET, municipalities=municipalities)
        if form.is_valid():
            return redirect(
                municipal_url(form.cleaned_data["gemeente"].pk, form.cleaned_data["period"])
            )
    else:
        form = ReportChoiceForm(
            initial=period_params(default_period()), municipalities=municipalities
        )
    context = {
        "form": form,
        "municipalities": municipalities,
        "default_query": urlencode(period_params(default_period())),
        "years": report_years() if request.user.has_perm(VIEW_NETWORK_DASHBOARD) else [],
    }
    return render(request, "reports/index.html", context)


@never_cache  # figures of concerns: kept out of shared and browser caches
@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def municipal_dashboard(request, pk: int):
    municipality = report_municipality_get_for_user(request.user, pk)
    form, period, rejected = _chosen_period(request)
    report = figures.municipal_report(municipalities=[municipality], period=period)
    context = _report_context(report, csv_url="reports:municipal-csv", owner=municipality.pk)
    context.update(form=form, rejected=rejected, municipality=municipality)
    context["pdf_fields"] = {"kind": "municipal", "gemeente": municipality.pk, **context["params"]}
    return render(request, "reports/municipal.html", context)


@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def municipal_table_csv(request, pk: int, table: str):
    municipality = report_municipality_get_for_user(request.user, pk)
    _form, period, rejected = _chosen_period(request)
    if rejected:
        return HttpResponseBadRequest(_("The period could not be read."))
    report = figures.municipal_report(municipalities=[municipality], period=period)
    return _table_csv(report, table)


@never_cache  # figures of concerns: kept out of shared and browser caches
@login_and_permission_required(VIEW_NETWORK_DASHBOARD)
def annual_report(request, year: int):
    _check_year(year)
    report = figures.annual_report(year=year)
    context = _report_context(report, csv_url="reports:annual-csv", owner=year)
    # The year is in the address: its CSV links need no period parameters.
    context.update(year=year, years=report_years(), query="")
    context["pdf_fields"] = {"kind": "annual", "jaar": year}
    return render(request, "reports/annual.html", context)


@login_and_permission_required(VIEW_NETWORK_DASHBOARD)
def annual_table_csv(request, year: int, table: str):
    _check_year(year)
    return _table_csv(figures.annual_report(year=year), table)


def _chosen_period(request) -> tuple[PeriodForm, Period, bool]:
    """The form, the period the GET parameters ask for, and whether they were rejected.

    No parameters: the default period. Wrong ones: the default period, and the form with
    its errors so the page can say what was wrong.
    """
    if not any(name in request.GET for name in PERIOD_PARAMS):
        period = default_period()
        return PeriodForm(initial=period_params(period)), period, False
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["period"], False
    return form, default_period(), True


def _check_year(year: int) -> None:
    if year not in report_years():
        raise Http404("no annual report for that year")


def _report_context(report: Report, *, csv_url: str, owner) -> dict:
    params = period_params(report.period)
    return {
        "report": report,
        "params": params,
        "query": urlencode(params),
        "csv_url": csv_url,
        "csv_owner": owner,
    }


def _table_csv(report: Report, key: str) -> HttpResponse:
    table = report.table(key)
    if table is None:
        raise Http404("no such table")
    stem = "-".join([report.place, table.key, *period_params(report.period).values()])
    # Column heads can be names from the data (a municipality per column): neutralise them too.
    lines = csv_lines([safe_cell(column) for column in table.columns], table.rows)
    filename = download_name(stem, "csv", dated=False)
    return download("".join(lines), filename, content_type="text/csv; charset=utf-8")
