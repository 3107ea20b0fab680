"""Simple bar charts drawn on the server as SVG: no script, no external service.

Each chart carries a title and a description for screen readers; templates show the table
with the same figures beside it (`templates/_bar_chart.html`).
"""

from dataclasses import dataclass, field

ROW_HEIGHT = 22
LABEL_WIDTH = 190
BAR_AREA = 260
VALUE_WIDTH = 60


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + ROW_HEIGHT // 2 + 4

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6

    @property
    def percent(self) -> float:
        """The bar's length as a share of the longest possible bar (the PDF draws it in CSS)."""
        return round(100 * self.width / BAR_AREA, 1)


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    label_width: int = LABEL_WIDTH
    bar_height: int = ROW_HEIGHT - 6

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT


def bar_chart(
    *, id: str, title: str, description: str, rows: list[tuple[str, int]], limit: int = 15
) -> BarChart:
    """Horizontal bars for (label, value) rows, scaled to the largest value; at most `limit`."""
    rows = rows[:limit]
    top = max((value for _label, value in rows), default=0) or 1
    bars = [
        Bar(
            label=_shorten(str(label)),
            value=value,
            y=index * ROW_HEIGHT,
            width=round(BAR_AREA * value / top),
        )
        for index, (label, value) in enumerate(rows)
    ]
    return BarChart(id=id, title=title, description=description, bars=bars)


def _shorten(label: str, length: int = 28) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"
