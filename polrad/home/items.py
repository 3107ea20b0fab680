"""What the home page shows: sections of items."""

from dataclasses import dataclass, field

# How urgent an item is: the page lists the most urgent first.
OVERDUE, WAITING, UPCOMING, NEWS = range(4)


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    count: int | None = None  # None: an item without a number (e.g. the latest report)
    urgency: int = WAITING


@dataclass
class Figure:
    """A headline figure beside the period before (concern counts as suppressed cells)."""

    label: str
    value: int | str
    previous: int | str


@dataclass
class Section:
    key: str
    title: str
    empty: str
    items: list[Item] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    figures_caption: str = ""
    figures_url: str = ""
    note: str = ""  # e.g. that some counts are a few minutes old

    def add(self, item: Item) -> None:
        """Keep an item only when something waits (a count above zero, or no count)."""
        if item.count is None or item.count > 0:
            self.items.append(item)

    def sorted(self) -> "Section":
        self.items.sort(key=lambda item: item.urgency)  # stable: the order given breaks ties
        return self
