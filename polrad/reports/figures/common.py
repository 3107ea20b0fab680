"""What the sections share: the places asked for, and a table with its chart."""

from django.utils.translation import gettext as _

from network.models import Municipality
from polrad.charts import bar_chart
from polrad.reports.data import Table

# The municipalities a report is about; None for the whole region.
Places = list[Municipality] | None


def several(places: Places) -> bool:
    """Whether per-municipality tables make sense: the region, or more than one place."""
    return places is None or len(places) > 1


def table(key: str, title: str, columns: list[str], rows: list[list], *, note="") -> Table:
    """A table with a bar chart of its second column, when it has rows and numbers to draw."""
    chart = None
    if rows and all(isinstance(row[1], int) for row in rows):
        chart = bar_chart(
            id=f"chart-{key}",
            title=title,
            description=_("%(column)s per %(row)s; the table beside the chart has the figures.")
            % {"column": columns[1], "row": str(columns[0]).lower()},
            rows=[(row[0], row[1]) for row in rows],
            limit=24 if key.endswith("-by-month") else 15,
        )
    return Table(key=key, title=title, columns=columns, rows=rows, chart=chart, note=note)
