"""Small-count suppression of concern figures: the one implementation every page, CSV, PDF and
email uses (docs/decisions/suppression-hierarchy.md says why it is safe).

One calendar month that has ended is published once, as a whole: the region's concerns per
category, per outcome, per municipality and per origin (own observation, or heard from a key
figure, volunteer, experience expert or mentor), and the region's total. These tables count
the same concerns, so they share that total, and every figure anyone is shown about that
month is one of their cells (a municipality's figure is its cell of the municipality table).
Nothing else is published: no category split per municipality (that grid beside the region's
could be subtracted), no totals over several months (the months beside them could be), no
sums of cells that hide something.

A reader knows what the markers mean: "0" is none, "< 5" is 1 to 4, "*" is 5 or more, "—" is
anything (a table withheld). With that, the three tables and the total constrain one unknown,
the shared total, to an interval; each table's cells are otherwise free. The audit works out,
for every "< 5", the least and the most it can be given everything shown, and hides more
(the smallest counts that give the most room first, then the total, then counts of the other
tables, at last the whole table) until every "< 5" can still be any of 1 to 4.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from polrad.dates import local_midnight
from polrad.figure_cache import Cached, VersionedCache, fetch
from signals.models import Category, Concern
from signals.workflow import Outcome

EXACT, SMALL, HIDDEN, WITHHELD = "exact", "small", "hidden", "withheld"
UNBOUNDED = 10**9
TOTAL = ("", "")  # the key of the shared total among the cells


def small_text(threshold: int) -> str:
    return f"< {threshold}"


HIDDEN_TEXT = "*"
WITHHELD_TEXT = "—"


@dataclass
class Published:
    """The figures of one group of tables that share a total, as the reader will see them."""

    counts: dict[tuple[str, str], int]
    kinds: dict[tuple[str, str], str]
    threshold: int
    tables: dict[str, list[str]] = field(default_factory=dict)

    def text(self, table: str, label: str) -> str:
        """How a cell shows; a label without concerns is a zero, unless its table is withheld
        (then the reader must not learn which labels had none)."""
        key = (table, label)
        if key not in self.kinds and self.withheld(table):
            return WITHHELD_TEXT
        return self._text(self.kinds.get(key, EXACT), self.counts.get(key, 0))

    def withheld(self, table: str) -> bool:
        labels = self.tables.get(table, [])
        return bool(labels) and self.kinds[(table, labels[0])] == WITHHELD

    @property
    def total(self) -> str:
        return self._text(self.kinds[TOTAL], self.counts[TOTAL])

    def exact(self, table: str, label: str) -> bool:
        return self.kinds.get((table, label), EXACT) == EXACT

    @property
    def hidden(self) -> bool:
        return any(kind != EXACT for kind in self.kinds.values())

    def _text(self, kind: str, n: int) -> str:
        if kind == SMALL:
            return small_text(self.threshold)
        if kind == HIDDEN:
            return HIDDEN_TEXT
        if kind == WITHHELD:
            return WITHHELD_TEXT
        return str(n)


def _range(kind: str, n: int, threshold: int) -> tuple[int, int]:
    """What a reader knows of a value from how it is shown."""
    if kind == EXACT:
        return n, n
    if kind == SMALL:
        return 1, threshold - 1
    if kind == HIDDEN:
        return threshold, UNBOUNDED
    return 0, UNBOUNDED


def _bounds(pub: Published) -> tuple[dict, dict, tuple[int, int]]:
    """Per cell its range, per table the range of its sum, and the range the shared total is
    left with once every table and the total's own display have had their say."""
    ranges = {key: _range(kind, pub.counts[key], pub.threshold) for key, kind in pub.kinds.items()}
    sums = {
        name: (
            sum(ranges[(name, label)][0] for label in labels),
            min(UNBOUNDED, sum(ranges[(name, label)][1] for label in labels)),
        )
        for name, labels in pub.tables.items()
    }
    low = max([ranges[TOTAL][0], *(lo for lo, _hi in sums.values())])
    high = min([ranges[TOTAL][1], *(hi for _lo, hi in sums.values())])
    return ranges, sums, (low, high)


def exposed(pub: Published) -> list[tuple[str, str]]:
    """The "< T" values a reader can narrow down: the least or the most it can be, given all
    that is shown, is not 1 or T - 1. Exact for tables that share only their total."""
    ranges, sums, (low, high) = _bounds(pub)
    top = pub.threshold - 1
    found = []
    for key, kind in pub.kinds.items():
        if kind != SMALL:
            continue
        if key == TOTAL:
            least, most = low, high
        else:
            lo, hi = ranges[key]
            rest_lo, rest_hi = sums[key[0]][0] - lo, sums[key[0]][1] - hi
            least = max(lo, low - rest_hi)
            most = min(hi, high - rest_lo)
        if least > 1 or most < top:
            found.append(key)
    return found


def _widen(pub: Published, key: tuple[str, str]) -> None:
    """Hide one more value, the one that costs the reader least and frees `key` most."""

    def smallest_exact(tables: Iterable[str]) -> tuple[str, str] | None:
        candidates = [
            (pub.counts[(name, label)], name, label)
            for name in tables
            for label in pub.tables[name]
            if pub.kinds[(name, label)] == EXACT and pub.counts[(name, label)] >= pub.threshold
        ]
        return (min(candidates)[1], min(candidates)[2]) if candidates else None

    own = [] if key == TOTAL else [key[0]]
    others = [name for name in pub.tables if name not in own]
    choice = smallest_exact(own)
    if choice is None and pub.kinds[TOTAL] == EXACT and pub.counts[TOTAL] >= pub.threshold:
        choice = TOTAL
    choice = choice or smallest_exact(others)
    if choice is not None:
        pub.kinds[choice] = HIDDEN
        return
    # Nothing left to hide: withhold a table whole (zeros too), the one of `key` or, for the
    # total, the table that pins it most (the most values it cannot do without).
    if key == TOTAL:
        _ranges, sums, _total = _bounds(pub)
        open_tables = [name for name in pub.tables if not pub.withheld(name)]
        table = max(open_tables, key=lambda name: sums[name][0])
    else:
        table = key[0]
    for label in pub.tables[table]:
        pub.kinds[(table, label)] = WITHHELD


def publish(tables: dict[str, dict[str, int]], threshold: int | None = None) -> Published:
    """Tables of the same concerns (the same total), with small counts hidden so that nothing
    shown, together, narrows a hidden one down. Zeros are shown, unless a table is withheld."""
    threshold = threshold or settings.CONCERN_SMALL_COUNT_THRESHOLD
    totals = {sum(counts.values()) for counts in tables.values()}
    if len(totals) > 1:
        raise ValueError("Tables of the same concerns must have the same total.")
    counts = {(name, label): n for name, table in tables.items() for label, n in table.items()}
    counts[TOTAL] = totals.pop() if totals else 0
    kinds = {key: SMALL if 0 < n < threshold else EXACT for key, n in counts.items()}
    pub = Published(
        counts=counts,
        kinds=kinds,
        threshold=threshold,
        tables={name: list(table) for name, table in tables.items() if table},
    )
    while found := exposed(pub):
        # The total first: while it is pinned, widening a table around a cell cannot help.
        _widen(pub, TOTAL if TOTAL in found else found[0])
    return pub


def combined(texts: list[str]) -> str:
    """The sum of published figures, shown only when each of them is exact: then it tells
    nothing that was not shown already."""
    if all(text.isdigit() for text in texts):
        return str(sum(int(text) for text in texts))
    return WITHHELD_TEXT


def _per_month(concerns: QuerySet[Concern], months: list[date], field: str) -> dict:
    """Concerns per month and per value of `field`: one query."""
    rows = (
        concerns.order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values_list("month", field)
        .annotate(n=Count("pk"))
    )
    counts: dict[date, dict[str, int]] = {month: {} for month in months}
    for month, value, n in rows:
        day = timezone.localtime(month).date()
        if day in counts:  # the range may span months not asked for
            counts[day][str(value)] = n
    return counts


def _per_month_by(concerns: QuerySet[Concern], months: list[date], *fields: str) -> list[dict]:
    """Concerns per month by each of `fields` (where it has a value): one query, one
    dictionary per field. A few hundred groups: categories x origins x outcomes."""
    rows = (
        concerns.order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values_list("month", *fields)
        .annotate(n=Count("pk"))
    )
    per_field: list[dict[date, dict[str, int]]] = [{month: {} for month in months} for _ in fields]
    for month, *values, n in rows:
        day = timezone.localtime(month).date()
        if day not in per_field[0]:  # the range may span months not asked for
            continue
        for counts, value in zip(per_field, values, strict=True):
            if value is not None:
                counts[day][str(value)] = counts[day].get(str(value), 0) + n
    return per_field


def _named(per_month: dict, names: dict[int, str]) -> dict[date, dict[str, int]]:
    named: dict[date, dict[str, int]] = {}
    for month, counts in per_month.items():
        named[month] = {}
        for pk, n in counts.items():
            name = names[int(pk)]
            named[month][name] = named[month].get(name, 0) + n
    return named


# An ended month changes only when one of its concerns closes or reopens (its outcome) or a
# category is renamed: `publications_changed` then makes that month (or every month) stale.
# Until then it is published from the cache; a month still running is counted every time.
PUBLICATIONS = VersionedCache("signals:publications", timeout=24 * 60 * 60)


def publications_changed(months: Iterable[date] | None = None) -> None:
    """The published months (None: all) must be counted again."""
    PUBLICATIONS.changed(None if months is None else [month.isoformat() for month in months])


def month_of(moment) -> date:
    """The first day of the local calendar month of a moment: the month that publishes it."""
    return timezone.localtime(moment).date().replace(day=1)


def month_publications(months: list[date]) -> dict[date, Published]:
    """Each month as it is published, the same for every page, file and email: the region's
    concerns per category, per outcome, per municipality (by id) and per origin, suppressed
    together because they share their total. Ended months from the cache; the months it
    lacks counted together (three queries)."""
    this_month = timezone.localdate().replace(day=1)
    ended = [month for month in months if month < this_month]
    threshold = settings.CONCERN_SMALL_COUNT_THRESHOLD
    entries = [
        Cached(
            PUBLICATIONS.name,
            (month, threshold),
            None,
            [(PUBLICATIONS, [month.isoformat()])],
            PUBLICATIONS.timeout,
        )
        for month in ended
    ]
    found = fetch(
        entries,
        compute_missing=lambda missing: list(
            _publications([entry.params[0] for entry in missing]).values()
        ),
    )
    published = dict(zip(ended, found, strict=True))
    running = [month for month in months if month >= this_month]
    if running:
        published.update(_publications(running))
    return {month: published[month] for month in months}


def _publications(months: list[date]) -> dict[date, Published]:
    """The months as they are published, counted afresh (three queries)."""
    concerns = Concern.objects.filter(
        submitted_at__gte=local_midnight(months[0]),
        submitted_at__lt=local_midnight(months[-1] + relativedelta(months=1)),
    )
    # By category id, named afterwards: grouped by the joined name, Postgres misjudged the
    # number of groups and sorted a year's 100,000 rows on disk (4x slower than hashing).
    per_category_id, per_origin, per_outcome = _per_month_by(
        concerns, months, "category_id", "origin__source_kind", "outcome"
    )
    per_category = _named(per_category_id, dict(Category.objects.values_list("pk", "name")))
    per_municipality = _per_month(concerns, months, "municipality_id")
    published = {}
    for month in months:
        total = sum(per_category[month].values())
        closed = {str(label): per_outcome[month].get(value, 0) for value, label in Outcome.choices}
        closed[not_closed_label()] = total - sum(closed.values())
        published[month] = publish(
            {
                "categories": per_category[month],
                "outcomes": closed,
                "municipalities": per_municipality[month],
                "origins": _origins(per_origin[month], total),
            }
        )
    return published


def _origins(heard_from: dict[str, int], total: int) -> dict[str, int]:
    """Where a month's concerns came from: the reporter's own observation, or heard from one
    of the neighbourhood's eyes and ears (by kind)."""
    from signals.eyes import SourceKind

    origins = {str(_("Own observation")): total - sum(heard_from.values())}
    origins.update({str(kind.label): heard_from.get(kind.value, 0) for kind in SourceKind})
    return origins


def not_closed_label() -> str:
    return _("Not closed with an outcome yet")
