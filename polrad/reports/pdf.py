"""The PDF of a report: a pure function, template in, tagged PDF bytes out.

The template carries its own small stylesheet (no Bootstrap: the cascade of a big framework
costs seconds on a long report) and is tagged as PDF/UA so that screen readers can read it.
"""

from django.conf import settings

from polrad.pdf import render_pdf
from polrad.reports.annex import annex_filename, annex_tables
from polrad.reports.data import Report, Table
from signals.trends import suppression_note

TEMPLATE = "reports/pdf/report.html"


def report_pdf(report: Report) -> bytes:
    """The report as a tagged PDF; its long tables only as charts, their rows in the annex, and
    a table of nothing but zeros as one sentence.

    WeasyPrint spends about a millisecond and a half on every table cell here, so the PDF
    prints each number once: a short table in full without a chart repeating it."""
    context = {
        "report": report,
        "annex_keys": {table.key for table in annex_tables(report)},
        "zero_keys": {table.key for table in _tables(report) if _all_zero(table)},
        "word_keys": {table.key for table in _tables(report) if _has_words(table)},
        "annex_filename": annex_filename(report),
        "network_name": settings.NETWORK_NAME,
        "suppression_note": suppression_note(),
    }
    return render_pdf(TEMPLATE, context)


def _tables(report: Report) -> list[Table]:
    return [table for section in report.sections for table in section.tables]


def _all_zero(table: Table) -> bool:
    """Rows whose every figure is a zero (a published zero: it hides nothing)."""
    cells = [cell for row in table.rows for cell in row[1:]]
    return bool(cells) and all(cell in (0, "0") for cell in cells)


def _has_words(table: Table) -> bool:
    """Columns of text beside the first (a phase, "Op orde (3-11-2026)"): set flush left, as
    text is; numbers and the suppression marks ("< 5", "*", "—") stay flush right."""
    return any(
        isinstance(cell, str) and any(char.isalpha() for char in cell)
        for row in table.rows
        for cell in row[1:]
    )
