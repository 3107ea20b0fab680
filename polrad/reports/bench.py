"""Benchmark measurements of the reports (`make bench`).

Autodiscovery imports this module like any installed app's `<app>.bench`; the registry
lives in polrad/benchmark.py.

Measured for the busiest municipality (Groningen, GM0014: the demo scope, and the city the
national seed gives the most activity) over the last complete calendar year: the dashboard
page as a municipal officer sees it, and the PDF of the same report, built and rendered as
the Celery task does. The annual report of the whole region likewise.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from network.models import Municipality
from polrad.accounts.roles import Role
from polrad.benchmark import BenchError, register_job, register_page

BUSIEST = "GM0014"  # Groningen


def _last_complete_year() -> int:
    return timezone.localdate().year - 1


def _busiest() -> Municipality:
    municipality = Municipality.objects.filter(cbs_code=BUSIEST).first()
    if municipality is None:
        raise BenchError(f"no municipality {BUSIEST}; seed the database (seed_demo --scale)")
    return municipality


def _officer_of_the_busiest():
    """A municipal officer whose scope includes the busiest municipality (the demo account
    at national scale), so the page is measured for the role it is made for."""
    user = (
        get_user_model()
        .objects.filter(
            groups__name=Role.MUNICIPAL, is_active=True, municipalities__cbs_code=BUSIEST
        )
        .order_by("pk")
        .first()
    )
    if user is None:
        raise BenchError(
            f"no active municipal user for {BUSIEST}; seed the database (seed_demo --scale)"
        )
    return user


def _dashboard_of_the_year(user) -> str:
    url = reverse("reports:municipal", args=[_busiest().pk])
    return f"{url}?periode=jaar&jaar={_last_complete_year()}"


register_page("municipal dashboard (year)", _dashboard_of_the_year, user=_officer_of_the_busiest)


@register_job("municipal report PDF (year, one municipality)", setup=_busiest, n=3)
def _municipal_pdf(municipality: Municipality) -> bytes:
    from polrad import periods
    from polrad.reports import figures
    from polrad.reports.pdf import report_pdf

    with translation.override("nl"):
        report = figures.municipal_report(
            municipalities=[municipality], period=periods.year(_last_complete_year())
        )
        return report_pdf(report)


@register_job("annual report PDF (region)")
def _annual_pdf() -> bytes:
    from polrad.reports import figures
    from polrad.reports.pdf import report_pdf

    with translation.override("nl"):
        return report_pdf(figures.annual_report(year=_last_complete_year()))
