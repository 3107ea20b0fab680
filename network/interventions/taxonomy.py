"""The editable lists read from the cache: the handelingskader's (forms of polarisation,
mechanisms, municipalities, and the interventions to choose from) and the social map's
(domains, themes, contributions, languages, communities). Every catalogue page, every
concern's page, the organisation pages and the matching form show them, and they change a few
times a month.

The models call `changed()` when they save or delete, so an edit shows at once; the timeout
bounds the staleness of a write that bypasses them (a bulk update, a flush).
"""

from django.db import transaction
from django.db.models import F, Value

from polrad.figure_cache import VersionedCache

TERMS = VersionedCache("network:handelingskader-terms", timeout=10 * 60)


def changed() -> None:
    """Every cached list is stale: at once (this transaction's own later reads) and again
    when the change commits (a read meanwhile by another request cached the old rows)."""
    TERMS.changed()
    transaction.on_commit(TERMS.changed)


def _rows(name: str, queryset, *, rank="position", active="is_active"):
    return (
        queryset.annotate(
            list_name=Value(name),
            rank=F(rank) if rank else Value(0),
            current=F(active) if active else Value(True),
        )
        .values_list("list_name", "pk", "name", "current", "rank")
        .order_by()
    )


# The social map's lists: name → model name in network.models.
SOCIAL_MAP_LISTS = {
    "domains": "Domain",
    "themes": "Theme",
    "contributions": "Contribution",
    "languages": "Language",
    "communities": "Community",
}


def _load() -> dict[str, dict[int, tuple[str, bool]]]:
    """All the lists in one query, each in its own order (position, then name)."""
    # Imported here: the models call changed(), so this module loads before them.
    from network import models
    from network.models import Intervention, Mechanism, Municipality, PolarisationForm

    social_map = [
        _rows(name, getattr(models, model).objects.all())
        for name, model in SOCIAL_MAP_LISTS.items()
    ]
    everything = (
        _rows("forms", PolarisationForm.objects.all())
        .union(
            *social_map,
            _rows("mechanisms", Mechanism.objects.all()),
            _rows("municipalities", Municipality.objects.all(), rank=None),
            _rows(
                "interventions",
                Intervention.objects.filter(archived=False),
                rank=None,
                active=None,
            ),
            all=True,
        )
        .order_by("list_name", "rank", "name", "pk")
    )
    loaded = {"forms": {}, "mechanisms": {}, "municipalities": {}, "interventions": {}}
    loaded |= {name: {} for name in SOCIAL_MAP_LISTS}
    for name, pk, label, active, _rank in everything:
        loaded[name][pk] = (label, bool(active))
    return loaded


def cached(key, compute):
    """Another read that changes with these lists (e.g. the situation cards of a form)."""
    return TERMS.get(key, compute)


def terms() -> dict[str, dict[int, tuple[str, bool]]]:
    """Per list, every term by id as (name, active), in the list's own order."""
    return TERMS.get("all", _load)


def choices(name: str) -> list[tuple[int, str]]:
    """The active terms of a list as choices for a filter (no query on a warm cache)."""
    return [(pk, label) for pk, (label, active) in terms()[name].items() if active]


def names(name: str, ids) -> list[str]:
    """The names of these terms in the list's order (archived terms included)."""
    wanted = set(ids)
    return [label for pk, (label, _active) in terms()[name].items() if pk in wanted]


# The agreements in force that a situation card names, per municipality: every handler's
# concern page shows them. They change with the agreements themselves and with the names and
# contact details of the organisations and people holding them, so a save or delete of any of
# those makes them stale (receivers in network.apps); the date is part of the key, because
# agreements start and end by date.
AGREEMENTS = VersionedCache("network:agreements-in-force", timeout=10 * 60)


def agreements_changed(**kwargs) -> None:
    AGREEMENTS.changed()
    transaction.on_commit(AGREEMENTS.changed)
