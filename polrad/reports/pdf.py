"""The PDF of a report: a pure function, template in, tagged PDF bytes out.

The template carries its own small stylesheet (no Bootstrap: the cascade of a big framework
costs seconds on a long report) and is tagged as PDF/UA so that screen readers can read it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from polrad.reports.data import Report
from signals.trends import suppression_note

TEMPLATE = "polrad/reports/pdf/report.html"


def report_pdf(report: Report) -> bytes:
    context = {
        "report": report,
        "network_name": settings.NETWORK_NAME,
        "suppression_note": suppression_note(),
    }
    return tagged_pdf(TEMPLATE, context)


def tagged_pdf(template: str, context: dict) -> bytes:
    """A template rendered to a tagged PDF/UA document."""
    html = render_to_string(template, context)
    # The PDF/UA variant alone leaves pdf_tags at its default False in WeasyPrint 70.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
