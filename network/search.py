"""Search of the social map.

On Postgres: full-text search with the Dutch configuration for ranking (plurals match) on a
stored, trigger-maintained and GIN-indexed `search_vector` (migration 0005; names weigh more
than descriptions), plus trigram-indexed substring matching on names (migration 0003),
because `dutch` does not split compounds: "vereniging" must find "Huurdersvereniging".
On SQLite: substring matching only.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet

ORGANISATION_FIELDS = ("name", "description")
CONTACT_FIELDS = ("full_name", "function")


def search(queryset: QuerySet, query: str, *, text_fields, name_field) -> QuerySet:
    """Filter by a search query and order by relevance (Postgres) or leave the order."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, config="dutch", search_type="websearch")
        return (
            queryset.filter(Q(search_vector=ts_query) | Q(**{f"{name_field}__icontains": query}))
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", name_field, "pk")
        )
    text_q = Q()
    for field in text_fields:
        text_q |= Q(**{f"{field}__icontains": query})
    return queryset.filter(text_q)
