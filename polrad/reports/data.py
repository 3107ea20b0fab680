"""The shape of a report, shared by the dashboard page, the CSV exports and the PDF.

A report is a list of sections; a section has key figures (this period beside the previous
one) and tables; a table may carry a bar chart of one of its columns. Cells are display
values already: numbers as int, suppressed concern counts as the texts of
`signals.suppression` ("< 5", "*", "—").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from polrad.charts import BarChart
from polrad.periods import Period


@dataclass
class KeyFigure:
    label: str
    now: int | str
    before: int | str | None = None  # the previous period; None where it makes no sense
    key: str = ""  # unique within the report, for tests and lookups: "activities"


@dataclass
class Table:
    key: str  # unique within the report, used in the CSV address: "activities-by-theme"
    title: str
    columns: list[str]
    rows: list[list[int | str]]
    chart: BarChart | None = None
    note: str = ""  # e.g. the suppression footnote
    # The section's key figures as a table, for the CSV download: the PDF, which prints the
    # key figures as a table already, leaves it out.
    repeats_key_figures: bool = False
    # Printed in the PDF's annex (polrad.reports.annex), not in its body, however short.
    in_annex: bool = False


@dataclass
class Section:
    key: str  # "activities", "role-models", "trainings", "network", "concerns"
    title: str
    figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)  # shareable activity descriptions
    note: str = ""


@dataclass
class Report:
    title: str
    place: str  # "Groningen", or the region's name for the annual report
    period: Period
    previous: Period
    sections: list[Section]
    generated_at: datetime
    # Changes whenever a section would (polrad.reports.figures): what is made of the report,
    # such as the page's rendered sections, can be kept in the cache under it.
    fingerprint: str = ""

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def figure(self, key: str) -> KeyFigure | None:
        figures = (figure for section in self.sections for figure in section.figures)
        return next((figure for figure in figures if figure.key == key), None)

    def table(self, key: str) -> Table | None:
        return next(
            (table for section in self.sections for table in section.tables if table.key == key),
            None,
        )
