"""Reads of the social map that carry a rule about who sees what."""

from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from network.interventions import taxonomy
from network.map_requests import MapRequest, MapRequestEvent
from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Language,
    Municipality,
    NetworkAgreement,
    Organisation,
    OrganisationRelation,
    Theme,
    agreements_in_force_q,
    out_of_touch_q,
    stale_parts,
    stale_q,
)
from network.relationships import ContactMoment
from polrad.accounts.roles import RECORDS_CONTACT_MOMENTS, Role
from polrad.counting import counts
from polrad.figure_cache import VersionedCache
from polrad.permissions import MANAGE_SOCIAL_MAP, VIEW_SOCIAL_MAP


def municipalities_visible_to(user) -> QuerySet[Municipality]:
    """Scoped roles (handlers, municipal staff) see their own municipalities; others all."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_scoped:
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.filter(is_active=True)


def can_manage_map(user) -> bool:
    return user.has_perm(MANAGE_SOCIAL_MAP)


def can_see_coordinator_notes(user) -> bool:
    return user.has_perm(MANAGE_SOCIAL_MAP)


def can_see_all_contact_details(user) -> bool:
    """Coordinators, professionals and the other staff roles of the network see every
    person's phone and email (also in exports and the PDF); a role model or mentor does not."""
    if not (user.is_authenticated and user.has_perm(VIEW_SOCIAL_MAP)):
        return False
    return bool(user.roles - {Role.ROLE_MODEL})


def can_see_contact_details(user, contact: ContactPerson) -> bool:
    """A role model or mentor sees a person's phone and email only with the person's consent."""
    if can_see_all_contact_details(user):
        return True
    return user.is_authenticated and contact.consent_pool_contact


def can_record_contact_moments(user) -> bool:
    """Coordinators, professionals and handlers: the people of the network in touch with the
    people on the map (see RECORDS_CONTACT_MOMENTS)."""
    return (
        user.is_authenticated
        and user.is_active
        and bool(user.roles & RECORDS_CONTACT_MOMENTS)
        and user.has_perm(VIEW_SOCIAL_MAP)
    )


def contact_moments_of(contact: ContactPerson) -> QuerySet[ContactMoment]:
    return contact.contact_moments.select_related("by")


def out_of_touch_for(municipalities) -> QuerySet[ContactPerson]:
    """People of the municipalities without a contact moment for N months, longest first."""
    return (
        ContactPerson.objects.filter(out_of_touch_q(), municipalities__in=municipalities)
        .distinct()
        .order_by("last_contact_on", "full_name", "pk")
    )


# The lists the map's filters choose from, by the name of the filter.
FILTER_LISTS = {
    "municipality": Municipality,
    "domain": Domain,
    "theme": Theme,
    "contribution": Contribution,
    "language": Language,
    "community": Community,
}


def filter_list_choices(names) -> dict[str, list[tuple[int, str]]]:
    """The active entries of the filter lists `names` in one query (a UNION ALL), each list
    in its own order (position and name; municipalities by name): (pk, name) pairs."""
    parts = [
        FILTER_LISTS[name]
        .objects.filter(is_active=True)
        .order_by()
        .annotate(
            list=Value(name),
            rank=Value(0) if FILTER_LISTS[name] is Municipality else F("position"),
        )
        .values_list("list", "rank", "name", "pk")
        for name in names
    ]
    lists: dict[str, list[tuple[int, str]]] = {name: [] for name in names}
    if not parts:
        return lists
    rows = parts[0].union(*parts[1:], all=True).order_by("list", "rank", "name", "pk")
    for name, _rank, label, pk in rows:
        lists[name].append((pk, label))
    return lists


def organisations_for_list(user, *, include_inactive=False) -> QuerySet[Organisation]:
    """Organisations as the list shows them; inactive ones only for coordinators who ask."""
    queryset = Organisation.objects.all()
    if not (include_inactive and can_manage_map(user)):
        queryset = queryset.filter(is_active=True)
    return queryset.prefetch_related("domains", "municipalities")


def contacts_for_list(user, *, include_inactive=False) -> QuerySet[ContactPerson]:
    """People as the list shows them: their municipalities and languages as plain lists
    (`municipality_list`, `language_list`), without a related manager per row and list."""
    queryset = ContactPerson.objects.all()
    if not (include_inactive and can_manage_map(user)):
        queryset = queryset.filter(is_active=True)
    return queryset.select_related("organisation").prefetch_related(
        Prefetch("municipalities", to_attr="municipality_list"),
        Prefetch("languages", to_attr="language_list"),
    )


def organisation_get_for_user(user, pk: int) -> Organisation:
    """The organisation with what its detail page shows; 404 if the user may not see it.

    Besides the organisation: `terms` (the names of its domains, themes, contributions and
    municipalities, from the cached lists), `outgoing` and `incoming` relations, and its
    `policy` already read (`getattr(organisation, "policy", None)`: it may have none)."""
    queryset = Organisation.objects.prefetch_related(
        "locations__municipality",
        Prefetch(
            "contacts",
            queryset=ContactPerson.objects.filter(is_active=True),
            to_attr="active_contacts",
        ),
        Prefetch(
            "agreements",
            queryset=NetworkAgreement.objects.select_related("municipality", "contact"),
        ),
    ).select_related("last_verified_by", "policy")
    if not can_manage_map(user):
        queryset = queryset.filter(is_active=True)
    organisation = get_object_or_404(queryset, pk=pk)
    organisation.terms = _term_names(organisation)
    relations = list(
        OrganisationRelation.objects.filter(
            Q(source=organisation) | Q(target=organisation)
        ).select_related("source", "target")
    )
    organisation.outgoing = [r for r in relations if r.source_id == organisation.pk]
    organisation.incoming = [r for r in relations if r.target_id == organisation.pk]
    return organisation


# The organisation's lists: name in the cache → its many-to-many field.
_ORGANISATION_TERMS = {
    "domains": "domains",
    "themes": "themes",
    "contributions": "contributions",
    "municipalities": "municipalities",
}


def _term_names(organisation: Organisation) -> dict[str, list[str]]:
    """The names of the organisation's terms per list, in each list's order: one query for
    the four link tables, the names from the cache."""
    parts = []
    for name, field_name in _ORGANISATION_TERMS.items():
        field = Organisation._meta.get_field(field_name)
        through = field.remote_field.through
        column = field.m2m_reverse_name()
        parts.append(
            through.objects.filter(organisation=organisation)
            .annotate(list_name=Value(name))
            .values_list("list_name", column)
            .order_by()
        )
    ids: dict[str, list[int]] = {name: [] for name in _ORGANISATION_TERMS}
    for name, term_id in parts[0].union(*parts[1:], all=True):
        ids[name].append(term_id)
    return {name: taxonomy.names(name, term_ids) for name, term_ids in ids.items()}


def contact_get_for_user(user, pk: int) -> ContactPerson:
    queryset = ContactPerson.objects.select_related(
        "organisation", "last_verified_by"
    ).prefetch_related(
        "languages",
        "communities",
        "domains",
        "municipalities",
        Prefetch("agreements", queryset=NetworkAgreement.objects.select_related("municipality")),
    )
    if not can_manage_map(user):
        queryset = queryset.filter(is_active=True)
    return get_object_or_404(queryset, pk=pk)


def agreements_for_municipality(municipality) -> QuerySet[NetworkAgreement]:
    return (
        NetworkAgreement.objects.filter(municipality=municipality)
        .filter(agreements_in_force_q())
        .select_related("organisation", "contact")
    )


COVERAGE = VersionedCache("network:coverage", timeout=300)


def coverage_invalidate() -> None:
    """Called by every service that changes organisations or people: counts are recomputed."""
    COVERAGE.changed()


def coverage_counts(*, axis: str, municipalities) -> dict[tuple[int, int], int]:
    """Active organisations plus active key figures per (municipality, term) pair.

    The network-wide counts take two grouped queries (~90 ms at national scale), so they are
    cached for a few minutes; writes through the services invalidate them at once.
    """
    counts = COVERAGE.get(axis, lambda: _coverage_counts(axis))
    wanted = {m.pk for m in municipalities}
    return {pair: n for pair, n in counts.items() if pair[0] in wanted}


def _coverage_links(axis: str) -> list[tuple[QuerySet, str, str]]:
    """What the coverage counts, as (link rows, term field, record field): organisations, and
    for domains the key figures (they count by their own domain; they have no themes or
    contributions). Each (record, municipality, term) link is unique: a plain COUNT suffices."""
    org_links = Organisation.municipalities.through.objects.filter(
        organisation__is_active=True, **{f"organisation__{axis}__isnull": False}
    )
    parts = [(org_links, f"organisation__{axis}", "organisation_id")]
    if axis == "domains":
        figure_links = ContactPerson.municipalities.through.objects.filter(
            contactperson__is_active=True,
            contactperson__kind=ContactPerson.Kind.KEY_FIGURE,
            contactperson__domains__isnull=False,
        )
        parts.append((figure_links, "contactperson__domains", "contactperson_id"))
    return parts


def _coverage_counts(axis: str) -> dict[tuple[int, int], int]:
    """One grouped query per kind of record, whatever the number of rows."""
    counts: dict[tuple[int, int], int] = {}
    for links, term, record in _coverage_links(axis):
        rows = links.values_list("municipality_id", term).annotate(n=Count(record)).order_by()
        for municipality_id, term_id, n in rows:
            counts[(municipality_id, term_id)] = counts.get((municipality_id, term_id), 0) + n
    return counts


COVERAGE_TERMS = {"domains": Domain, "themes": Theme, "contributions": Contribution}


def coverage_row(municipality, *, axis: str = "domains") -> list[tuple[str, int]]:
    """One municipality's row of the coverage matrix, every active term with its count, in
    one query: the terms, and what `coverage_counts` counts for this municipality."""
    terms = (
        COVERAGE_TERMS[axis]
        .objects.filter(is_active=True)
        .annotate(term=F("pk"), n=Value(0), label=F("name"), rank=F("position"))
        .values_list("term", "n", "label", "rank")
        .order_by()
    )
    counted = [
        links.filter(municipality_id=municipality.pk)
        .values_list(term)
        .annotate(n=Count(record), label=Value(""), rank=Value(-1))
        .order_by()
        for links, term, record in _coverage_links(axis)
    ]
    counts: dict[int, int] = {}
    names: dict[int, str] = {}
    for term, n, label, rank in terms.union(*counted, all=True).order_by("rank", "label", "term"):
        if rank == -1:
            counts[term] = counts.get(term, 0) + n
        else:
            names[term] = label
    return [(name, counts.get(term, 0)) for term, name in names.items()]


def stale_records_for(municipalities) -> tuple[QuerySet, QuerySet]:
    organisations = (
        Organisation.objects.filter(is_active=True, municipalities__in=municipalities)
        .filter(stale_q())
        .distinct()
    )
    contacts = (
        ContactPerson.objects.filter(is_active=True, municipalities__in=municipalities)
        .filter(stale_q())
        .distinct()
    )
    return organisations, contacts


HISTORY_IGNORED = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "created_at",
    "updated_at",
}


def history_for(record, *, limit: int = 10) -> list[dict]:
    """Recent changes of a record: when, who, and which fields (one query).

    Saving a form writes one history row per changed list (domains, themes, …); rows of the
    same user within a few seconds are shown as one change.
    """
    rows = list(record.history.select_related("history_user")[: limit * 5 + 1])
    fields = [f for f in record.history.model._meta.fields if f.attname not in HISTORY_IGNORED]
    changes: list[dict] = []
    for index, row in enumerate(rows[: limit * 5]):  # the extra row only serves as previous
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changed = (
            [
                str(f.verbose_name)
                for f in fields
                if getattr(row, f.attname) != getattr(previous, f.attname)
            ]
            if previous is not None and row.history_type == "~"
            else []
        )
        last = changes[-1] if changes else None
        if (
            last
            and last["user"] == row.history_user
            and (last["date"] - row.history_date).total_seconds() < 5
        ):
            last["type"] = row.history_type if row.history_type == "+" else last["type"]
            last["fields"] = sorted(set(last["fields"]) | set(changed))
            continue
        changes.append(
            {
                "date": row.history_date,
                "user": row.history_user,
                "type": row.history_type,
                "fields": changed,
            }
        )
    return changes[:limit]


def key_figures_in(municipality) -> QuerySet[ContactPerson]:
    """The active key figures of a municipality."""
    return ContactPerson.objects.filter(
        is_active=True, kind=ContactPerson.Kind.KEY_FIGURE, municipalities=municipality
    )


def partner_policy_counts(municipalities) -> dict[int, dict[str, int]]:
    """Per municipality: its active partner organisations, and those without a working method
    for concerns about individuals (no policy recorded, or an empty one). Two queries."""
    links = Organisation.municipalities.through.objects.filter(
        organisation__is_active=True,
        organisation__is_partner=True,
        municipality__in=[m.pk for m in municipalities],
    )
    partners = dict(
        links.values_list("municipality_id").annotate(n=Count("organisation_id")).order_by()
    )
    with_method = dict(
        links.filter(organisation__policy__isnull=False)
        .exclude(organisation__policy__working_method="")
        .values_list("municipality_id")
        .annotate(n=Count("organisation_id"))
        .order_by()
    )
    return {
        pk: {"partners": n, "without_method": n - with_method.get(pk, 0)}
        for pk, n in partners.items()
    }


def organisations_in(municipality) -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True, municipalities=municipality).order_by(
        "name", "pk"
    )


def contacts_in(municipality) -> QuerySet[ContactPerson]:
    return ContactPerson.objects.filter(is_active=True, municipalities=municipality).order_by(
        "full_name", "pk"
    )


# The handelingskader's reads, importable from here like every other read of the map.
from network.interventions.selectors import (  # noqa: E402, F401
    documents_for_list,
    guidance_for_concern,
    intervention_choices,
    interventions_for_choice,
    interventions_offered_in,
    offer_counts,
    providers_of,
)


def stale_record_counts() -> dict[str, int]:
    """Active organisations and people nobody verified for a year (the lists' `?stale=true`),
    and people nobody had contact with for too long (`?out_of_touch=true`), in one query.

    Never verified and verified too long ago are counted apart: each is a range of the
    partial indexes on `last_verified_at` of the active records, read without the table. Under
    one OR (as `stale_q()` says it), Postgres read every active row of both tables: 60,000
    people and 20,000 organisations on the coordinator's home page (21 ms, 4 ms here)."""
    never, long_ago = stale_parts()
    active = {
        "organisations": Organisation.objects.filter(is_active=True),
        "contacts": ContactPerson.objects.filter(is_active=True),
    }
    found = counts(
        **{f"{name}_never": rows.filter(never) for name, rows in active.items()},
        **{f"{name}_long_ago": rows.filter(long_ago) for name, rows in active.items()},
        out_of_touch=ContactPerson.objects.filter(out_of_touch_q()),
    )
    return {
        **{name: found[f"{name}_never"] + found[f"{name}_long_ago"] for name in active},
        "out_of_touch": found["out_of_touch"],
    }


def can_answer_map_requests(user) -> bool:
    """Coordinators see and answer the requests for the map; nobody else sees them."""
    return user.has_perm(MANAGE_SOCIAL_MAP)


def map_requests_for_list(*, state: str | None = None) -> QuerySet[MapRequest]:
    queryset = MapRequest.objects.select_related("municipality")
    return queryset.filter(state=state) if state else queryset


def map_request_get(pk: int) -> MapRequest:
    """A request with its log (who, when, how), for a coordinator."""
    events = MapRequestEvent.objects.select_related("actor")
    return get_object_or_404(
        MapRequest.objects.select_related("municipality").prefetch_related(
            Prefetch("events", queryset=events)
        ),
        pk=pk,
    )


def open_map_request_count() -> int:
    return MapRequest.objects.filter(state=MapRequest.State.OPEN).count()
