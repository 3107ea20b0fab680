"""Long lists in pages without OFFSET (keyset pagination), and counts that stay cheap.

A page after the first is asked for with a cursor in the query string (`?cursor=…`, beside
the list's filters, so any page can be bookmarked and shared): the sort key of the row just
before it (or just after it, going back) and the page's number, encrypted and authenticated
(Fernet, with a key derived from SECRET_KEY), so only cursors this site made are read and the
key, a person's name or e-mail address in lists sorted by name, is not written in the address
bar, the browser's history or the access logs. The database seeks to that key through the
index of the list's ordering instead of reading and skipping every row before it (OFFSET):
page 500 costs what page 1 costs. A cursor that does not verify gives the first page. The
ordering must end in a unique column; the primary key is added when it does not.

Counts: exact when the list is small (at most EXACT_COUNT_LIMIT rows, counted with a query
that stops there); otherwise an estimate, and the page says so: the planner's row estimate on
Postgres, an exact count elsewhere (SQLite, small data); kept in the cache a few minutes.

    class OrganisationListView(KeysetPaginationMixin, FilterView):
        paginate_by = 25

    page_obj = keyset_page(request, queryset, per_page=50)  # in a function view
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import F, Field, Func, OrderBy, Q, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.crypto import salted_hmac
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

CURSOR_PARAM = "cursor"
# Up to this many rows a list shows its exact count; counting them takes a bounded query.
EXACT_COUNT_LIMIT = 1000
ESTIMATE_TIMEOUT = 300  # seconds an estimate of a large list's count is kept
# Two sort keys of 200 characters of any script, zipped and encrypted, fit; more is no cursor.
MAX_CURSOR_LENGTH = 4000
NOTHING = Q(pk__in=[])


class InvalidCursor(Exception):
    pass


@dataclass(frozen=True)
class ResultCount:
    """How many rows a list holds: exact, or about so many (the page says which)."""

    value: int
    exact: bool = True
    # Approximate counts: True when only a lower bound is known ("more than 1,000").
    at_least: bool = False

    def __str__(self) -> str:
        if self.exact:
            return str(self.value)
        number = number_format(self.value, force_grouping=True)
        if self.at_least:
            return _("more than %(number)s") % {"number": number}
        return _("about %(number)s") % {"number": number}


@dataclass(frozen=True)
class Key:
    """One column (or expression) of a list's ordering, selected as `alias`."""

    alias: str
    expression: Any
    descending: bool
    nulls_first: bool
    nullable: bool
    label: str

    def reversed(self) -> Key:
        return replace(self, descending=not self.descending, nulls_first=not self.nulls_first)

    def order_by(self) -> OrderBy:
        nulls = {}
        if self.nullable:  # the same place for empty values on every database
            nulls = {"nulls_first": True} if self.nulls_first else {"nulls_last": True}
        return OrderBy(F(self.alias), descending=self.descending, **nulls)

    def after(self, value) -> Q:
        """Rows strictly after `value` in this key's order."""
        if value is None:
            return Q(**{f"{self.alias}__isnull": False}) if self.nulls_first else NOTHING
        lookup = "lt" if self.descending else "gt"
        after = Q(**{f"{self.alias}__{lookup}": value})
        if self.nullable and not self.nulls_first:
            after |= Q(**{f"{self.alias}__isnull": True})
        return after

    def seek(self, value) -> Q:
        """Rows with a value at `value` or after it: one range the index seeks to."""
        return Q(**{f"{self.alias}__{'lte' if self.descending else 'gte'}": value})

    def equal(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.alias}__isnull": True})
        return Q(**{self.alias: value})


def ordering_keys(queryset: QuerySet) -> list[Key]:
    """The keys of the queryset's ordering, ended by the primary key when it is not there."""
    query = queryset.query
    meta = query.get_meta()
    terms = list(query.order_by or (meta.ordering if query.default_ordering else []))
    keys = []
    for index, term in enumerate(terms):
        alias = f"keyset_{index}"
        if isinstance(term, str):
            keys.append(_key_of_name(meta, query, alias, term))
        else:
            keys.append(_key_of_expression(meta, alias, term))
    if not keys or keys[-1].label.lstrip("-") not in ("pk", meta.pk.name):
        keys.append(Key(f"keyset_{len(keys)}", F("pk"), False, False, False, "pk"))
    return keys


def _key_of_name(meta, query, alias: str, name: str) -> Key:
    if name == "?":
        raise ValueError("a randomly ordered list cannot be paged by keys")
    descending = name.startswith("-")
    field_name = name.lstrip("-")
    return Key(
        alias,
        F(field_name),
        descending,
        nulls_first=descending,  # as Postgres places them by default
        nullable=_nullable(meta, query, field_name),
        label=name,
    )


def _key_of_expression(meta, alias: str, term) -> Key:
    ordered = term if isinstance(term, OrderBy) else OrderBy(term)
    descending = ordered.descending
    nulls_first = descending
    if ordered.nulls_first or ordered.nulls_last:
        nulls_first = bool(ordered.nulls_first)
    expression = ordered.expression
    nullable = True  # unless it is a column known to hold no empty values
    if isinstance(expression, F):
        nullable = _nullable(meta, None, expression.name)
    label = f"{'-' if descending else ''}{expression!r}{'^' if nulls_first else ''}"
    return Key(alias, expression, descending, nulls_first, nullable, label)


def _nullable(meta, query, name: str) -> bool:
    if name == "pk":
        return False
    if "__" in name or (query is not None and name in query.annotations):
        return True  # through a relation (an outer join) or computed: may be empty
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        return True
    if field.is_relation:
        raise ValueError(f"order the list by a column, not by the relation {name!r}")
    return field.null


class KeysetPaginator:
    """Pages of `queryset` in its own ordering, `per_page` rows each, found by seeking."""

    def __init__(self, queryset: QuerySet, per_page: int):
        self.base = queryset
        self.per_page = per_page
        self.keys = ordering_keys(queryset)
        self.queryset = queryset.annotate(**{key.alias: key.expression for key in self.keys})
        self.salt = (
            "polrad.pagination:"
            + hashlib.sha256("|".join(key.label for key in self.keys).encode()).hexdigest()
        )

    # --- pages --------------------------------------------------------------------------

    def page(self, cursor: str | None) -> KeysetPage:
        """The page the cursor leads to; the first page without one or with a bad one."""
        try:
            values, backwards, number = self.decode(cursor) if cursor else (None, False, 1)
        except InvalidCursor:
            values = None
        if values is None:
            return self._forwards(None, 1)
        if backwards:
            return self._backwards(values, number)
        return self._forwards(values, number)

    def _rows(self, keys: list[Key], values) -> list:
        """The first per_page + 1 rows after `values` in the order of `keys`."""
        queryset = self.queryset.order_by(*[key.order_by() for key in keys])
        limit = self.per_page + 1
        if values is None:
            return list(queryset[:limit])
        lead, value = keys[0], values[0]
        if value is None:
            return list(queryset.filter(_after(keys, values))[:limit])
        rows = list(queryset.filter(_seek(keys, values))[:limit])
        if len(rows) < limit and lead.nullable and not lead.nulls_first:
            # Rows without a value come after every row with one: read them once those run
            # out, so that the range above stays one the index can seek to.
            rows += queryset.filter(**{f"{lead.alias}__isnull": True})[: limit - len(rows)]
        return rows

    def _forwards(self, values, number: int) -> KeysetPage:
        rows = self._rows(self.keys, values)
        has_next = len(rows) > self.per_page
        rows = rows[: self.per_page]
        first = values is None
        if first and not has_next:  # the whole list is on this page: its count is known
            self.__dict__["count"] = ResultCount(len(rows))
        return self._page(rows, number, has_previous=not first, has_next=has_next)

    def _backwards(self, values, number: int) -> KeysetPage:
        rows = self._rows([key.reversed() for key in self.keys], values)
        has_previous = len(rows) > self.per_page
        rows = rows[: self.per_page][::-1]
        if not has_previous and len(rows) < self.per_page:
            return self._forwards(None, 1)  # back at the start, and rows went meanwhile
        number = max(number, 2) if has_previous else 1
        return self._page(rows, number, has_previous=has_previous, has_next=True)

    def _page(self, rows, number, *, has_previous, has_next) -> KeysetPage:
        next_cursor = previous_cursor = None
        if rows and has_next:
            next_cursor = self.encode(self._values(rows[-1]), backwards=False, number=number + 1)
        if rows and has_previous and number > 2:  # page 2 goes back to the first page's link
            previous_cursor = self.encode(self._values(rows[0]), backwards=True, number=number - 1)
        return KeysetPage(
            self,
            rows,
            number=number,
            has_previous=has_previous,
            has_next=has_next,
            next_cursor=next_cursor,
            previous_cursor=previous_cursor,
        )

    def _values(self, row) -> list:
        return [getattr(row, key.alias) for key in self.keys]

    def page_cursor(self, number: int) -> str | None:
        """The cursor of page `number`, found with an OFFSET: for the bench and tests (the
        pages link to each other and never need it)."""
        if number <= 1:
            return None
        row = self.queryset.order_by(*[key.order_by() for key in self.keys])[
            (number - 1) * self.per_page - 1
        ]
        return self.encode(self._values(row), backwards=False, number=number)

    # --- cursors ------------------------------------------------------------------------

    def encode(self, values, *, backwards: bool, number: int) -> str:
        payload = {"k": [_jsonable(value) for value in values], "b": backwards, "n": number}
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return _fernet(self.salt).encrypt(zlib.compress(text.encode())).decode()

    def decode(self, cursor: str):
        """(values, backwards, number) of a cursor this paginator made; InvalidCursor else."""
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise InvalidCursor
        try:
            payload = json.loads(zlib.decompress(_fernet(self.salt).decrypt(cursor.encode())))
            raw, backwards, number = payload["k"], payload["b"], payload["n"]
            if len(raw) != len(self.keys) or not isinstance(number, int) or number < 1:
                raise InvalidCursor
            annotations = self.queryset.query.annotations
            values = [
                None if value is None else annotations[key.alias].output_field.to_python(value)
                for key, value in zip(self.keys, raw, strict=True)
            ]
        except (InvalidToken, zlib.error, ValidationError, KeyError, TypeError, ValueError) as exc:
            raise InvalidCursor from exc
        return values, bool(backwards), number

    # --- counts -------------------------------------------------------------------------

    @cached_property
    def count(self) -> ResultCount:
        rows = self.base.order_by().values("pk")
        bounded = rows[: EXACT_COUNT_LIMIT + 1].count()
        if bounded <= EXACT_COUNT_LIMIT:
            return ResultCount(bounded)
        estimate = estimated_count(rows)
        if estimate <= EXACT_COUNT_LIMIT:  # the planner guessed low: say what is sure
            return ResultCount(EXACT_COUNT_LIMIT, exact=False, at_least=True)
        return ResultCount(_rounded(estimate), exact=False)


class Row(Func):
    """A row value, `(a, b, c)`, for comparing several columns at once."""

    template = "(%(expressions)s)"
    output_field = Field()


def _seek(keys: list[Key], values):
    """Rows with a leading value after `values`, as a condition the index can seek to.

    When every key runs the same way and only the first may be empty, one row comparison
    does, `(a, b) > (x, y)`: Postgres seeks an index on (a, b) to it, also through many ties
    on a. Otherwise a range on the first key narrows the expanded comparison.
    """
    lead = keys[0]
    if all(key.descending == lead.descending for key in keys) and not any(
        key.nullable for key in keys[1:]
    ):
        compare = LessThan if lead.descending else GreaterThan
        return compare(
            Row(*[F(key.alias) for key in keys]),
            Row(*[Value(value) for value in values]),
        )
    return lead.seek(values[0]) & _after(keys, values)


def _after(keys: list[Key], values) -> Q:
    """Rows after `values` in the order of `keys`: (k1 > v1) or (k1 = v1 and (k2 > v2 or …))."""
    condition = None
    for key, value in reversed(list(zip(keys, values, strict=True))):
        after = key.after(value)
        condition = after if condition is None else after | (key.equal(value) & condition)
    return condition


def _fernet(salt: str) -> MultiFernet:
    """The cipher of the cursors of one ordering (`salt`): it encrypts with a key of SECRET_KEY
    and also decrypts with those of SECRET_KEY_FALLBACKS, so that links made before a key
    rotation still lead to their page."""
    return _cipher(salt, (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS))


@functools.lru_cache(maxsize=64)
def _cipher(salt: str, secrets: tuple[str, ...]) -> MultiFernet:
    keys = [
        salted_hmac(salt, "keyset cursor", secret=secret, algorithm="sha256").digest()
        for secret in secrets
    ]
    return MultiFernet([Fernet(base64.urlsafe_b64encode(key)) for key in keys])


def _jsonable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):  # dates and times, to the microsecond
        return value.isoformat()
    return str(value)  # Decimal, UUID


def _rounded(number: int) -> int:
    """To two significant digits: 19,874 is about 20,000."""
    digits = len(str(number)) - 2
    return int(round(number, -digits)) if digits > 0 else number


def estimated_count(queryset: QuerySet) -> int:
    """About how many rows the queryset holds, kept a few minutes: the planner's estimate on
    Postgres (no rows read), an exact count on other databases."""
    connection = connections[queryset.db]
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(f"{connection.vendor}:{sql}:{params!r}".encode()).hexdigest()
    key = f"pagination:estimate:{digest}"
    estimate = cache.get(key)
    if estimate is None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            estimate = int(plan[0]["Plan"]["Plan Rows"])
        else:
            estimate = queryset.count()
        cache.set(key, estimate, ESTIMATE_TIMEOUT)
    return estimate


class KeysetPage(Sequence):
    """One page of a keyset-paged list; used in templates like Django's Page."""

    is_keyset = True

    def __init__(self, paginator, object_list, *, number, has_previous, has_next, **cursors):
        self.paginator = paginator
        self.object_list = object_list
        self.number = number
        self._has_previous = has_previous
        self._has_next = has_next
        self.next_cursor = cursors["next_cursor"]
        self.previous_cursor = cursors["previous_cursor"]

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def __repr__(self) -> str:
        return f"<KeysetPage {self.number}>"

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous

    def has_other_pages(self) -> bool:
        return self._has_next or self._has_previous

    @property
    def count(self) -> ResultCount:
        return self.paginator.count

    @property
    def num_pages(self) -> int | None:
        """The number of pages when the count is exact; None when it is an estimate."""
        count = self.count
        return max(1, math.ceil(count.value / self.paginator.per_page)) if count.exact else None


def keyset_page(request, queryset: QuerySet, *, per_page: int) -> KeysetPage:
    """The page of `queryset` that the request's cursor asks for."""
    return KeysetPaginator(queryset, per_page).page(request.GET.get(CURSOR_PARAM))


class KeysetPaginationMixin:
    """For ListView and FilterView: `paginate_by` rows a page, found by keys, not OFFSET."""

    def paginate_queryset(self, queryset, page_size):
        page = keyset_page(self.request, queryset, per_page=page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()
