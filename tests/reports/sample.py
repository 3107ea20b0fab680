"""A report built by hand from the dataclasses, independent of how figures are computed."""

from datetime import datetime

from django.utils import timezone

from polrad import periods
from polrad.charts import bar_chart
from polrad.reports.data import KeyFigure, Report, Section, Table

THEMES = [("Online polarisatie", 12), ("Discriminatie", 9), ("Weerbaarheid", 7)]


def sample_report(*, place="Groningen", rows=3) -> Report:
    period = periods.year(2024)
    themes = THEMES + [(f"Thema {n}", n) for n in range(rows - len(THEMES))]
    return Report(
        title="Rapportage gemeente",
        place=place,
        period=period,
        previous=period.previous,
        generated_at=timezone.make_aware(datetime(2025, 1, 15, 10, 30)),
        sections=[
            Section(
                key="activities",
                title="Activiteiten en bereik",
                figures=[
                    KeyFigure("Goedgekeurde activiteiten", 28, 21),
                    KeyFigure("Bereikte deelnemers", 734, 612),
                ],
                tables=[
                    Table(
                        key="activities-by-theme",
                        title="Activiteiten per thema",
                        columns=["Thema", "Activiteiten"],
                        rows=[[label, value] for label, value in themes],
                        chart=bar_chart(
                            id="chart-activities-by-theme",
                            title="Activiteiten per thema",
                            description="Online polarisatie het vaakst",
                            rows=themes,
                        ),
                    )
                ],
                highlights=["Gastles op het Noorderpoort over online haat"],
            ),
            Section(
                key="concerns",
                title="Trends in zorgmeldingen",
                figures=[KeyFigure("Zorgmeldingen", 17, "< 5")],
                tables=[
                    Table(
                        key="concerns-by-category",
                        title="Zorgmeldingen per categorie",
                        columns=["Categorie", "Aantal"],
                        rows=[["Extreemrechts", 9], ["Jihadisme", "< 5"], ["Overig", "*"]],
                    )
                ],
            ),
        ],
    )
