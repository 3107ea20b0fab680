"""The PDF of a report: a pure function, template in, tagged PDF bytes out.

The template carries its own small stylesheet (no Bootstrap: the cascade of a big framework
costs seconds on a long report) and is tagged as PDF/UA so that screen readers can read it.
"""

from django.conf import settings

from polrad.pdf import render_pdf
from polrad.reports.annex import annex_filename, annex_tables
from polrad.reports.data import Report
from signals.trends import suppression_note

TEMPLATE = "reports/pdf/report.html"


def report_pdf(report: Report) -> bytes:
    """The report as a tagged PDF; its long tables only as charts, their rows in the annex."""
    context = {
        "report": report,
        "annex_keys": {table.key for table in annex_tables(report)},
        "annex_filename": annex_filename(report),
        "network_name": settings.NETWORK_NAME,
        "suppression_note": suppression_note(),
    }
    return render_pdf(TEMPLATE, context)
