"""Suppression of concern figures, by brute force: everything one role can see of a period (the
figures page for every choice, the reports and their CSV tables, the monthly and quarterly
trend emails) is gathered, and a reader who knows "0" is none, "< 5" is 1 to 4, "*" is 5 or
more and "—" is anything must still find every "< 5" free to be any of 1 to 4."""

import itertools
import random
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils.formats import date_format

from network.models import Municipality
from polrad.accounts.roles import Role
from polrad.periods import Period as ReportPeriod
from polrad.reports.figures import municipal_report
from signals import tasks
from signals.models import Concern, TrendSubscription
from signals.suppression import exposed, month_publications, publish
from signals.workflow import Outcome, State
from tests.factories import MunicipalityFactory, UserFactory
from tests.signals.factories import CategoryFactory, ConcernFactory
from tests.signals.test_seed import _seed_demo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
T = 5
CAP = 40  # the most a "*" or "—" is tried as, in the brute force


def reader_range(text: str) -> range:
    if text.isdigit():
        return range(int(text), int(text) + 1)
    return {"< 5": range(1, T), "*": range(T, CAP), "—": range(0, CAP)}[text]


def combinations(tables: dict[str, dict[str, str]]) -> int:
    sizes = [len(reader_range(text)) for cells in tables.values() for text in cells.values()]
    return max((len(sizes) and 1) * __import__("math").prod(sizes), 1)


def brute_force(tables: dict[str, dict[str, str]], total: str) -> dict:
    """Every set of tables a reader must consider: each cell in its range, all with one sum
    that the total allows. Returns per (table, label) the values it can take."""
    seen = {(name, label): set() for name, cells in tables.items() for label in cells}
    sums_per_table = {}
    for name, cells in tables.items():
        by_sum = {}
        for values in itertools.product(*(reader_range(text) for text in cells.values())):
            by_sum.setdefault(sum(values), []).append(values)
        sums_per_table[name] = by_sum
    possible = set(reader_range(total))
    for by_sum in sums_per_table.values():
        possible &= set(by_sum)
    for name, cells in tables.items():
        for s in possible:
            for values in sums_per_table[name][s]:
                for label, value in zip(cells, values, strict=True):
                    seen[(name, label)].add(value)
    seen[("", "")] = possible
    return seen


def assert_no_small_count_is_narrowed(tables: dict[str, dict[str, str]], total: str) -> None:
    seen = brute_force(tables, total)
    cells = {(name, label): text for name, table in tables.items() for label, text in table.items()}
    cells[("", "")] = total
    for key, text in cells.items():
        if text == "< 5":
            assert set(range(1, T)) <= seen[key], (key, sorted(seen[key]), tables, total)


# The structure on its own: tables of the same concerns, checked against brute force. ---------


@pytest.mark.parametrize(
    "tables",
    [
        # The audit's case: zeros shown and "< 5" at least 1, so four outcomes of "< 5" under
        # one category of "< 5" made every one of them 1, and the category 4.
        {"c": {"a": 4}, "o": {"w": 1, "x": 1, "y": 1, "z": 1}},
        {"c": {"A": 1, "B": 5, "C": 10}, "m": {"G": 16}},
        {"c": {"a": 6, "b": 1}, "m": {"G": 7}},
        {"c": {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}, "m": {"G": 5}},
        {"c": {"a": 2, "b": 3, "c": 6}, "o": {"x": 11}, "m": {"G": 4, "H": 7}},
    ],
)
def test_tables_of_the_same_concerns_give_no_small_count_away(tables):
    pub = publish(tables, threshold=T)
    shown = {
        name: {label: pub.text(name, label) for label in table} for name, table in tables.items()
    }
    assert_no_small_count_is_narrowed(shown, pub.total)
    assert all(
        shown[name][label] == "< 5"
        for name, table in tables.items()
        for label, n in table.items()
        if 0 < n < T and not pub.withheld(name)
    )


def test_many_random_groups_of_tables_hold_under_brute_force():
    rng = random.Random(13)
    for _ in range(250):
        categories = {
            f"c{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 9]) for i in range(rng.randint(1, 3))
        }
        total = sum(categories.values())
        tables = {"c": categories, "o": split(rng, total, 2), "m": split(rng, total, 3)}
        pub = publish(tables, threshold=T)
        shown = {n: {label: pub.text(n, label) for label in table} for n, table in tables.items()}
        assert_no_small_count_is_narrowed(shown, pub.total)
        assert exposed(pub) == []


def split(rng, total, parts):
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return {f"p{i}": b - a for i, (a, b) in enumerate(itertools.pairwise([0, *cuts, total]))}


# Everything one role sees of a period. --------------------------------------------------


def at(year, month, day):
    return datetime(year, month, day, 12, tzinfo=AMSTERDAM)


QUARTER_MONTHS = [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)]
Q3 = ReportPeriod("quarter", date(2026, 7, 1), date(2026, 9, 30))
PART = re.compile(r"^(.*?) (< 5|\*|—|\d+)$")


class Seen:
    """What a role was shown: per month, per table, per label, the text; every figure shown
    anywhere must be the same text for the same cell."""

    def __init__(self):
        self.cells: dict[tuple[date, str, str], str] = {}
        self.sums: list[tuple[date, list[str], str]] = []

    def add(self, month, table, label, text):
        key = (month, table, label)
        assert self.cells.setdefault(key, text) == text, (key, self.cells[key], text)


def months_grid(seen, grid, months):
    for row in grid["categories"]["rows"]:
        for month, text in zip(months, row[1:], strict=True):
            seen.add(month, "categories", row[0], text)
    for row in grid["outcomes"]["rows"]:
        for month, text in zip(months, row[1:], strict=True):
            seen.add(month, "outcomes", row[0], text)
    for month, text in zip(months, grid["categories"]["totals"], strict=True):
        seen.add(month, "", "", text)
    names = {}
    for row in grid["places"]["rows"]:
        names[row[0]] = row[1:]
        for month, text in zip(months, row[1:], strict=True):
            seen.add(month, "municipalities", row[0], text)
    if len(grid["places"]["rows"]) > 1:
        for index, month in enumerate(months):
            parts = [cells[index] for cells in names.values()]
            seen.sums.append((month, parts, grid["places"]["totals"][index]))


def report_tables(seen, report):
    months = QUARTER_MONTHS
    tables = {table.key: table for table in report.section("concerns").tables}
    for key, name in (("concerns-by-category", "categories"), ("concerns-by-outcome", "outcomes")):
        for row in tables[key].rows[:-1]:
            for month, text in zip(months, row[1:], strict=True):
                seen.add(month, name, row[0], text)
        for month, text in zip(months, tables[key].rows[-1][1:], strict=True):
            seen.add(month, "", "", text)
    if "concerns-by-municipality" in tables:
        for row in tables["concerns-by-municipality"].rows[:-1]:
            for month, text in zip(months, row[1:], strict=True):
                seen.add(month, "municipalities", row[0], text)


def email_lines(seen, body, columns: dict[str, date]):
    """Lines like "- Haat: deze maand < 5, vorige maand 0" and "Hele regio: …"."""
    section = None
    for line in body.splitlines():
        if line.startswith("Meldingen "):
            section = "categories" if "categorie" in line else "municipalities"
            continue
        label, _sep, rest = line.lstrip("- ").partition(": ")
        if section is None or not rest or not any(rest.startswith(name) for name in columns):
            continue
        for part in rest.split(", "):
            name, text = PART.match(part).groups()
            month = columns[name]
            if label == "Hele regio":
                seen.add(month, "", "", text)
            else:
                seen.add(month, section, label, text)


def trend_emails(seen, user):
    mail.outbox.clear()
    for month in QUARTER_MONTHS:
        tasks.send_trend_updates(period=f"{month:%Y-%m}")
    monthly = [m.body for m in mail.outbox if m.to == [user.email]]
    for month, body in zip(QUARTER_MONTHS, monthly, strict=True):
        previous = date(month.year, month.month - 1, 1)
        email_lines(seen, body, {"deze maand": month, "vorige maand": previous})
    mail.outbox.clear()
    TrendSubscription.objects.filter(user=user).update(frequency="quarterly")
    tasks.send_trend_updates(period="2026-Q3")
    (body,) = [m.body for m in mail.outbox if m.to == [user.email]]
    email_lines(seen, body, {date_format(m, "F"): m for m in QUARTER_MONTHS})
    return len(monthly) + 1


def everything_seen(client_for, user, municipalities, *, coordinator: bool) -> Seen:
    seen = Seen()
    client = client_for(user)
    choices = [("", None)] if coordinator else []
    choices += [(str(m.pk), [m]) for m in municipalities]
    if not coordinator and len(municipalities) > 1:
        choices.append(("", list(municipalities)))
    for choice, places in choices:
        response = client.get(
            reverse("signals:figures"), {"period": "2026-Q3", "municipality": choice}
        )
        months_grid(seen, response.context["figures"], QUARTER_MONTHS)
        report = municipal_report(municipalities=places, period=Q3)
        report_tables(seen, report)
    # The role's member also reports concerns, and so receives the trend updates.
    ConcernFactory(reporter=user, municipality=municipalities[0], submitted_at=at(2026, 11, 2))
    TrendSubscription.objects.update_or_create(user=user, defaults={"frequency": "monthly"})
    assert trend_emails(seen, user) == 4
    return seen


def assert_safe(seen: Seen, municipalities):
    """Every figure is the published cell; a reader with all of them still cannot narrow any
    small count down; a sum of several municipalities is shown only when every part is."""
    published = month_publications([date(2026, 6, 1), *QUARTER_MONTHS])
    names = dict(Municipality.objects.values_list("name", "pk"))
    for (month, table, label), text in seen.cells.items():
        pub = published[month]
        if table == "":
            assert text == pub.total
        elif table == "municipalities":
            assert text == pub.text(table, str(names[label])), (month, label)
        else:
            assert text == pub.text(table, label), (month, table, label)
    for _month, parts, text in seen.sums:
        assert text == (str(sum(map(int, parts))) if all(p.isdigit() for p in parts) else "—")
    for month in QUARTER_MONTHS:
        pub = published[month]
        tables = {
            name: {label: pub.text(name, label) for label in labels}
            for name, labels in pub.tables.items()
        }
        small_cells = sum(text == "< 5" for table in tables.values() for text in table.values())
        if small_cells and all(combinations({n: t}) < 300_000 for n, t in tables.items()):
            assert_no_small_count_is_narrowed(tables, pub.total)
        assert exposed(pub) == []  # the audit, on the real structure whatever its size


def random_concerns(seed: int, places: list) -> None:
    rng = random.Random(seed)
    categories = [CategoryFactory(name=name) for name in ("Haat", "Online uitingen", "Anders")]
    outcomes = [Outcome.ADVICE, Outcome.HANDLED, ""]
    for month in [date(2026, 6, 1), *QUARTER_MONTHS]:
        for place, category in itertools.product(places, categories):
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 6, 9])):
                outcome = rng.choice(outcomes)
                ConcernFactory(
                    municipality=place,
                    category=category,
                    submitted_at=at(month.year, month.month, rng.randint(1, 28)),
                    state=State.CLOSED if outcome else State.IN_ASSESSMENT,
                    outcome=outcome,
                )


@pytest.fixture
def december():
    with time_machine.travel(at(2026, 12, 3), tick=False):
        yield


@pytest.mark.parametrize("seed", [1, 2])
def test_a_coordinator_can_work_nothing_out_of_all_they_see_on_random_data(
    client_for, coordinator, december, seed
):
    places = [MunicipalityFactory(name=name) for name in ("Groningen", "Westerwolde", "Eemsdelta")]
    random_concerns(seed, places)
    assert_safe(everything_seen(client_for, coordinator, places, coordinator=True), places)


def test_municipal_staff_can_work_nothing_out_of_all_they_see_on_random_data(
    client_for, db, december
):
    places = [MunicipalityFactory(name=name) for name in ("Groningen", "Westerwolde", "Eemsdelta")]
    random_concerns(7, places)
    staff = UserFactory(roles=[Role.MUNICIPAL], municipalities=places[:2])
    assert_safe(everything_seen(client_for, staff, places[:2], coordinator=False), places)


def test_a_coordinator_can_work_nothing_out_of_the_demo_data(client_for, db, december):
    _seed_demo()
    coordinator = UserFactory(roles=["coordinator"])
    places = list(Municipality.objects.filter(concerns__isnull=False).distinct()[:4])
    seen = everything_seen(client_for, coordinator, places, coordinator=True)
    assert_safe(seen, places)
    assert Concern.objects.count() > 20 and len(seen.cells) > 50
