"""Benchmark measurements of analysis and direction (`make bench`).

At national scale every municipality has an analysis a year for five years, each with
actions (seed_demo --scale). Measured as the municipal officer of Groningen (the busiest
municipality) sees them: the latest analysis of Groningen with its evidence, the action
list, and the analysis PDF as the download makes it.
"""

from django.urls import reverse
from django.utils import translation

from polrad.analysis.models import Analysis
from polrad.benchmark import BenchError, register_job, register_page
from polrad.reports.bench import _busiest, _officer_of_the_busiest


def _latest_analysis() -> Analysis:
    analysis = Analysis.objects.filter(municipality=_busiest()).order_by("-date", "-pk").first()
    if analysis is None:
        raise BenchError("no analysis of Groningen; seed the database (seed_demo --scale)")
    return analysis


def _analysis_page(user) -> str:
    return reverse("analysis:detail", args=[_latest_analysis().pk])


register_page("analysis page with evidence", _analysis_page, user=_officer_of_the_busiest)
register_page("action list", "/analyses/acties/", user=_officer_of_the_busiest)
register_page(
    "action list (coordinator, overdue)", "/analyses/acties/?due=overdue", role="coordinator"
)


@register_job("analysis PDF", setup=_latest_analysis, n=3)
def _analysis_pdf(analysis: Analysis) -> bytes:
    from polrad.analysis.pdf import analysis_pdf_bytes

    with translation.override("nl"):
        return analysis_pdf_bytes(analysis)
