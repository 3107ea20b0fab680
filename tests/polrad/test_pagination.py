"""Keyset pagination (polrad/pagination.py): every row once, in order, both ways; cursors that
survive a round trip and refuse tampering; counts that are exact only when cheap."""

import base64
import contextlib
import json
import re
import zlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from network.models import Organisation
from polrad import pagination
from polrad.pagination import KeysetPaginator, ResultCount

T0 = timezone.now().replace(microsecond=123456)


def make(rows):
    """Organisations from (name, minutes or None) pairs; None: never verified."""
    return Organisation.objects.bulk_create(
        Organisation(
            name=name,
            kind=Organisation.Kind.WELFARE,
            last_verified_at=None if minutes is None else T0 + timedelta(minutes=minutes),
        )
        for name, minutes in rows
    )


def walk(queryset, per_page):
    """Every page forwards from the first, then backwards from the last: the rows seen."""
    paginator = KeysetPaginator(queryset, per_page)
    page = paginator.page(None)
    forwards, numbers = list(page), [page.number]
    while page.has_next():
        page = KeysetPaginator(queryset, per_page).page(page.next_cursor)
        forwards += list(page)
        numbers.append(page.number)
    backwards = list(page)
    while page.previous_cursor:
        page = KeysetPaginator(queryset, per_page).page(page.previous_cursor)
        backwards = list(page) + backwards
    if page.has_previous():  # the second page links back to the first page's plain link
        backwards = list(KeysetPaginator(queryset, per_page).page(None)) + backwards
    return forwards, backwards, numbers


# Ties on every key but the last: the primary key keeps the order whole.
TIED = [("B", 1), ("A", 2), ("B", 1), ("C", None), ("A", 2), ("B", 3), ("A", None), ("C", 1)] * 2


NULLS_LAST = F("last_verified_at").asc(nulls_last=True)
NULLS_FIRST = F("last_verified_at").desc(nulls_first=True)


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (["name", "pk"], ["name", "pk"]),
        (["-name", "-pk"], ["-name", "-pk"]),
        (["-name", "pk"], ["-name", "pk"]),  # mixed directions
        (["name"], ["name", "pk"]),  # no tie-breaker given: the primary key is added
        ([F("last_verified_at").asc(nulls_first=True), "name"], None),  # never verified first
        ([F("last_verified_at").desc(nulls_last=True), "-pk"], None),
        # Empty values where Postgres puts them by default, on every database.
        (["last_verified_at", "pk"], [NULLS_LAST, "pk"]),
        (["-last_verified_at", "name"], [NULLS_FIRST, "name", "pk"]),
    ],
    ids=str,
)
def test_pages_hold_every_row_once_in_order_forwards_and_backwards(db, ordering, expected):
    make(TIED)
    expected = list(Organisation.objects.order_by(*(expected or ordering), "pk"))
    forwards, backwards, numbers = walk(Organisation.objects.order_by(*ordering), per_page=3)
    assert forwards == expected
    assert backwards == expected
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_empty_values_sort_alike_on_every_database(db):
    make([("Nooit", None), ("Oud", -100), ("Nieuw", 0)])
    ascending = KeysetPaginator(Organisation.objects.order_by("last_verified_at"), 10).page(None)
    descending = KeysetPaginator(Organisation.objects.order_by("-last_verified_at"), 10).page(None)
    assert [o.name for o in ascending] == ["Oud", "Nieuw", "Nooit"]
    assert [o.name for o in descending] == ["Nooit", "Nieuw", "Oud"]


def test_a_cursor_round_trips_its_values_to_the_microsecond(db):
    make([("A", 1), ("B", 2)])
    paginator = KeysetPaginator(Organisation.objects.order_by("last_verified_at", "pk"), 1)
    cursor = paginator.page(None).next_cursor
    (when, pk), backwards, number = paginator.decode(cursor)
    first = Organisation.objects.get(name="A")
    assert (when, pk, backwards, number) == (first.last_verified_at, first.pk, False, 2)
    assert [o.name for o in paginator.page(cursor)] == ["B"]


def test_page_cursor_finds_a_deep_page_like_the_links_do(db):
    make((f"Org {n:02d}", n) for n in range(20))
    paginator = KeysetPaginator(Organisation.objects.order_by("name"), 3)
    page = paginator.page(paginator.page_cursor(5))
    assert page.number == 5 and [o.name for o in page] == ["Org 12", "Org 13", "Org 14"]


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense",
        "",
        "eyJrIjpbIkEiLDFdLCJiIjpmYWxzZSwibiI6Mn0:forged",
        "€uro:::",
        "x" * 5000,
    ],
)
def test_a_cursor_that_does_not_verify_gives_the_first_page(db, cursor):
    make([("A", 1), ("B", 2), ("C", 3)])
    page = KeysetPaginator(Organisation.objects.order_by("name"), 2).page(cursor)
    assert [o.name for o in page] == ["A", "B"] and page.number == 1


def test_a_cursor_of_another_ordering_or_with_a_changed_payload_is_refused(db):
    make([("A", 1), ("B", 2), ("C", 3)])
    by_name = KeysetPaginator(Organisation.objects.order_by("name"), 1)
    by_date = KeysetPaginator(Organisation.objects.order_by("-last_verified_at"), 1)
    cursor = by_name.page(None).next_cursor
    assert [o.name for o in by_date.page(cursor)] == ["C"]  # the first page of its own order
    # Authentic, but not a payload this paginator would make: wrong types, wrong lengths.
    cipher = pagination._fernet(by_name.salt)
    for payload in (
        {"k": ["B", "not a number"], "b": False, "n": 2},
        {"k": ["B"], "b": False, "n": 2},
        {"k": ["B", 2], "b": False, "n": -4},
        ["B", 2],
        "not json",
    ):
        text = payload if isinstance(payload, str) else json.dumps(payload)
        page = by_name.page(cipher.encrypt(zlib.compress(text.encode())).decode())
        assert [o.name for o in page] == ["A"] and page.number == 1


def _readable_forms(cursor: str) -> list[bytes]:
    """What anyone can read out of a cursor without the key: the text, and each part of it
    decoded from base64, and unzipped where it was zipped (as Django's signed objects are)."""
    forms = [cursor.encode()]
    for part in re.split(r"[:.]", cursor):
        try:
            decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        forms.append(decoded)
        with contextlib.suppress(zlib.error):
            forms.append(zlib.decompress(decoded))
    return forms


def test_a_cursor_does_not_show_the_name_it_continues_from(db):
    """Lists sorted by name would otherwise write a person's name into the address bar, the
    browser's history and the access logs."""
    make([("Aaltje Verborgen", 1), ("Bram Geheim", 2), ("Cees", 3)])
    paginator = KeysetPaginator(Organisation.objects.order_by("name"), 2)
    cursor = paginator.page(None).next_cursor
    assert not any(b"Geheim" in form for form in _readable_forms(cursor))
    assert [o.name for o in paginator.page(cursor)] == ["Cees"]


def test_a_cursor_made_under_another_secret_key_gives_the_first_page(db, settings):
    make([("A", 1), ("B", 2), ("C", 3)])
    cursor = KeysetPaginator(Organisation.objects.order_by("name"), 2).page(None).next_cursor
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdefghijklmn"
    page = KeysetPaginator(Organisation.objects.order_by("name"), 2).page(cursor)
    assert [o.name for o in page] == ["A", "B"] and page.number == 1


def test_a_cursor_made_before_a_key_rotation_still_leads_to_its_page(db, settings):
    make([("A", 1), ("B", 2), ("C", 3)])
    old_key = settings.SECRET_KEY
    cursor = KeysetPaginator(Organisation.objects.order_by("name"), 2).page(None).next_cursor
    settings.SECRET_KEY = "the-new-secret-key-after-rotation-0123456789abcdefghijklmnopq"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    page = KeysetPaginator(Organisation.objects.order_by("name"), 2).page(cursor)
    assert [o.name for o in page] == ["C"] and page.number == 2


@pytest.mark.parametrize(
    "first", [0x41, 0x100, 0x600, 0x1F300]
)  # Latin, ë and so on, Arabic, emoji
def test_long_names_of_any_script_make_cursors_that_are_read_back(db, first):
    """Two sort keys of 200 different characters each (as long as a name field holds)."""
    long_name = "".join(chr(first + n) for n in range(200))
    queryset = Organisation.objects.order_by("name", "description")
    make([(long_name, 1), (long_name, 2), (long_name, 3)])
    Organisation.objects.update(description=long_name[::-1])
    paginator = KeysetPaginator(queryset, 2)
    cursor = paginator.page(None).next_cursor
    assert len(cursor) <= pagination.MAX_CURSOR_LENGTH
    page = paginator.page(cursor)
    assert page.number == 2 and len(page) == 1


def test_a_page_after_the_last_row_is_empty_and_links_back(db):
    rows = make([("A", 1), ("B", 2), ("C", 3)])
    paginator = KeysetPaginator(Organisation.objects.order_by("name"), 2)
    cursor = paginator.page(None).next_cursor
    Organisation.objects.filter(pk=rows[2].pk).delete()
    page = KeysetPaginator(Organisation.objects.order_by("name"), 2).page(cursor)
    assert list(page) == [] and page.has_previous() and not page.has_next()


def test_pages_are_found_without_offset_and_with_as_many_queries_as_the_first(db):
    make((f"Org {n:03d}", n) for n in range(60))
    queryset = Organisation.objects.order_by("name", "pk")
    with CaptureQueriesContext(connection) as first:
        list(KeysetPaginator(queryset, 5).page(None))
    deep_cursor = KeysetPaginator(queryset, 5).page_cursor(10)
    with CaptureQueriesContext(connection) as deep:
        page = KeysetPaginator(queryset, 5).page(deep_cursor)
    assert page[0].name == "Org 045"
    assert len(deep) == len(first) == 1
    assert "OFFSET" not in deep[0]["sql"].upper()


def test_small_lists_are_counted_exactly_and_a_single_page_needs_no_count(db):
    make((f"Org {n}", n) for n in range(7))
    paginator = KeysetPaginator(Organisation.objects.order_by("name"), 10)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(None)
        assert page.count == ResultCount(7) and page.num_pages == 1
    assert len(queries) == 1  # the page itself: all of the list is on it
    paginator = KeysetPaginator(Organisation.objects.order_by("name"), 3)
    page = paginator.page(None)
    assert page.count == ResultCount(7) and page.num_pages == 3


def test_large_lists_get_an_estimate_kept_in_the_cache(db, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 5)
    make((f"Org {n}", n) for n in range(42))
    queryset = Organisation.objects.order_by("name")
    count = KeysetPaginator(queryset, 10).page(None).count
    assert not count.exact
    if connection.vendor == "postgresql":  # the planner's guess, never below what is sure
        assert count.value > 5 or count == ResultCount(5, exact=False, at_least=True)
    else:  # elsewhere an exact count, kept a few minutes
        assert count == ResultCount(42, exact=False)
    with CaptureQueriesContext(connection) as queries:
        assert KeysetPaginator(queryset, 10).page(None).count == count
    assert len(queries) == 2  # the page and the bounded count; the estimate is cached


def test_the_count_says_when_it_is_approximate():
    with translation.override("nl"):
        assert str(ResultCount(19874)) == "19874"
        assert str(ResultCount(20000, exact=False)) == "ongeveer 20.000"
        assert str(ResultCount(1000, exact=False, at_least=True)) == "meer dan 1.000"
    assert [pagination._rounded(n) for n in (7, 99, 1234, 19874, 136_512)] == [
        7,
        99,
        1200,
        20000,
        140_000,
    ]


def test_a_list_ordered_at_random_cannot_be_paged_by_keys(db):
    with pytest.raises(ValueError):
        KeysetPaginator(Organisation.objects.order_by("?"), 10)
