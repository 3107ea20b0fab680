"""Several counts in one round trip to the database.

A page that shows a handful of numbers (the coordinator's home page: records to verify,
people out of touch) would otherwise spend a query on each, and one query with COUNT(...)
FILTER over a whole table reads every row of it. Here each count stays its own subquery, so
each can be answered from its own index, and all of them travel in one statement.
"""

from django.db import connections
from django.db.models import QuerySet


def counts(**querysets: QuerySet) -> dict[str, int]:
    """How many rows each queryset holds, by name, in one query (all on one database)."""
    if not querysets:
        return {}
    databases = {queryset.db for queryset in querysets.values()}
    if len(databases) != 1:
        raise ValueError(f"counts() needs querysets of one database, not {sorted(databases)}")
    parts, params = [], []
    for index, queryset in enumerate(querysets.values()):
        if not queryset.query.is_sliced:  # a slice keeps its order: it says which rows
            queryset = queryset.order_by()
        sql, part_params = queryset.values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{index})")  # noqa: S608 -- Django's SQL
        params.extend(part_params)
    with connections[databases.pop()].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
