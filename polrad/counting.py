"""Several counts in one round trip to the database.

A page that shows a handful of numbers (the coordinator's home page: records to verify,
people out of touch) would otherwise spend a query on each, and one query with COUNT(...)
FILTER over a whole table reads every row of it. Here each count stays its own subquery, so
each can be answered from its own index, and all of them travel in one statement.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def counts(**querysets: QuerySet) -> dict[str, int]:
    """How many rows each queryset holds, by name, in one query (all on one database)."""
    databases = {queryset.db for queryset in querysets.values()}
    if len(databases) > 1:
        raise ValueError(f"counts() needs querysets of one database, not {sorted(databases)}")
    found, names, parts, params = {}, [], [], []
    for name, queryset in querysets.items():
        try:
            sql, part_params = _rows(queryset).query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:  # .none(), or a filter on an empty list: nothing to count
            found[name] = 0
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{len(parts)})")  # noqa: S608 -- Django's SQL
        names.append(name)
        params.extend(part_params)
    if parts:
        with connections[databases.pop()].cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(parts)}", params)
            found.update(zip(names, cursor.fetchone(), strict=True))
    return {name: found[name] for name in querysets}


def _rows(queryset: QuerySet) -> QuerySet:
    """The queryset as few columns and no ordering, where that leaves its rows as they are."""
    query = queryset.query
    if not query.is_sliced:  # a slice keeps its order: it says which rows
        queryset = queryset.order_by()
    if query.distinct or query.values_select or query.group_by:  # its columns make the rows
        return queryset
    return queryset.values("pk")


def subquery_count(rows: QuerySet) -> Subquery:
    """How many of these rows there are, as a column of the outer query (0 when none).

    `rows` usually refers to the outer row with OuterRef; the count is a subquery, so only
    the rows a page shows pay for it. COUNT without GROUP BY always gives one row, so no
    Coalesce is needed.
    """
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())
