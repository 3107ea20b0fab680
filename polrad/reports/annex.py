"""The annex of a PDF report: its long tables (the municipalities side by side) as one CSV.

Forty pages of 342-row tables made the region's annual report slow to render (WeasyPrint
spends about 0.2 s a page) and hard to read. The PDF keeps the region's figures and, for each
long table, its chart and where to find the rows; the annex holds every row, the cells exactly
as the report has them (suppressed concern figures stay "< 5", "*" or "—"), in the CSV
dialect of the other exports (UTF-8 with BOM, `;`), one block per table.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.exports import csv_lines, safe_cell
from polrad.reports.data import Report, Table

# A table longer than this goes to the annex; a municipality's own tables stay well below.
ANNEX_ROWS = 50


def annex_tables(report: Report) -> list[Table]:
    """The long tables, and those the figures put there (`Table.in_annex`: the region's
    concern grids in a municipality's report)."""
    return [
        table
        for section in report.sections
        for table in section.tables
        if len(table.rows) > ANNEX_ROWS or table.in_annex
    ]


def annex_filename(report: Report) -> str:
    period = report.period
    stem = slugify(f"{_('annex')}-{report.place}-{period.start:%Y%m%d}-{period.end:%Y%m%d}")
    return f"{stem}.csv"


def annex_csv(report: Report) -> bytes | None:
    """The annex file, or None when the report has no long table."""
    tables = annex_tables(report)
    if not tables:
        return None
    lines = []
    for index, table in enumerate(tables):
        block = csv_lines([safe_cell(column) for column in table.columns], table.rows)
        header = next(block).removeprefix("\ufeff")  # one byte order mark, at the very start
        title = next(csv_lines([safe_cell(table.title)], [])).removeprefix("\ufeff")
        note = [next(csv_lines([safe_cell(table.note)], []))[1:]] if table.note else []
        lines += ["\r\n"] if index else []
        lines += [title, header, *block, *note]
    return ("\ufeff" + "".join(lines)).encode("utf-8")
