"""Concern figures beside an analysis and in its report section: only the suppressed month
grid, never a count from 1 to 4, never any text of a concern."""

import re
from datetime import datetime, time

from django.utils import timezone

from polrad.analysis.evidence import concern_figures, concern_months
from polrad.periods import year as year_period
from polrad.reports import figures
from tests.analysis.factories import AnalysisFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

SECRET = "Een leerling deelt filmpjes van een bepaalde groep"


def _concerns(municipality):
    months = concern_months()
    quiet, busy = months[2], months[5]
    online, hate = CategoryFactory(name="Online"), CategoryFactory(name="Haat")

    def at(month):
        return timezone.make_aware(datetime.combine(month.replace(day=10), time(12)))

    for _ in range(3):
        ConcernFactory(
            municipality=municipality, category=online, submitted_at=at(quiet), observed=SECRET
        )
    for _ in range(7):
        ConcernFactory(municipality=municipality, category=hate, submitted_at=at(busy))
    ConcernFactory(municipality=municipality, category=online, submitted_at=at(busy))
    return months


def _small_counts(cells) -> list:
    return [cell for cell in cells if isinstance(cell, int) and 1 <= cell <= 4]


def test_the_evidence_never_shows_a_count_from_one_to_four(municipality, definition):
    _concerns(municipality)
    shown = concern_figures(municipality)
    cells = [cell for row in shown["rows"] for cell in row[1:]] + shown["totals"]
    assert not _small_counts(cells)
    assert "< 5" in cells and 7 not in cells  # the busy month hides the 7 beside a 1
    assert len(shown["columns"]) == 12


def test_the_analysis_page_shows_the_suppressed_grid_and_no_concern_text(
    client_for, municipal_employee, municipality, definition
):
    _concerns(municipality)
    analysis = AnalysisFactory(municipality=municipality)
    page = client_for(municipal_employee).get(analysis.get_absolute_url()).content.decode()
    table = page[page.index("Meldingen per maand, laatste vier afgelopen kwartalen") :]
    table = table[: table.index("</table>")]
    numbers = [int(n) for n in re.findall(r'<td class="text-end">(\d+)</td>', table)]
    assert numbers and not [n for n in numbers if 1 <= n <= 4]
    assert "&lt; 5" in table
    assert SECRET not in page


def test_the_report_section_holds_no_concern_figures(municipality, definition):
    _concerns(municipality)
    AnalysisFactory(municipality=municipality)
    report = figures.municipal_report(
        municipalities=[municipality], period=year_period(timezone.localdate().year - 1)
    )
    section = report.section("analysis")
    assert section is not None and section.title == "Analyse en regie"
    for table in section.tables:
        assert "concern" not in table.key
    concerns = report.section("concerns")
    cells = [cell for table in concerns.tables for row in table.rows for cell in row[1:]]
    assert not _small_counts(cells)
