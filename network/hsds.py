"""The social map as an Open Referral HSDS 3.0 tabular data package (a zip of CSV files).

Tables, file names, field names, types and constraints follow HSDS 3.0.0 (organization,
location, address, contact, phone, taxonomy, taxonomy_term, attribute, and the catalogue of
interventions as service and service_at_location) as Open Referral
publishes them in its `datapackage.json`; tests/network/test_hsds_schema.py validates the
package against a copy of those schemas. The CSV files are RFC 4180 (comma, UTF-8 without
BOM), as data packages expect: this export is for machines, the `;` CSV of
network/exports.py for people. Values are written verbatim, as machine data must be; see
docs/decisions/hsds-values-verbatim.md for how that meets spreadsheet safety.

Ids are stable UUIDs (uuid5 of "polrad:<kind>:<pk>"), so a consumer can update its copy.
Each table is written by one streamed query (or one query per chunk), whatever the size.
Coordinator notes are never read.
"""

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from network.exports import stable_uuid
from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Intervention,
    InterventionProvider,
    Language,
    Location,
    Municipality,
    Organisation,
    PolarisationForm,
    Theme,
)

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"
    format: str = "default"
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()

    def schema(self) -> dict:
        result = {"name": self.name, "type": self.type}
        if self.format != "default":
            result["format"] = self.format
        constraints = {"required": self.required, "unique": self.unique}
        if self.enum:
            constraints["enum"] = list(self.enum)
        result["constraints"] = constraints
        return result


def _id(name="id", required=False):
    is_key = name == "id"
    return Field(name, format="uuid", required=is_key or required, unique=is_key)


def _required(name, **kwargs):
    return Field(name, required=True, **kwargs)


LOCATION_TYPES = ("physical", "postal", "virtual")
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # the file name HSDS gives the table
    fields: list[Field]
    foreign_keys: list[tuple[str, str]] = field(default_factory=list)  # (field, table)

    @property
    def header(self) -> list[str]:
        return [f.name for f in self.fields]

    def resource(self) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [f.schema() for f in self.fields],
                "primaryKey": ["id"],
                "foreignKeys": [
                    {"fields": [name], "reference": {"resource": table, "fields": ["id"]}}
                    for name, table in self.foreign_keys
                ],
            },
        }


TABLES = [
    Table(
        "organization",
        "organizations.csv",
        [
            _id(),
            _required("name"),
            Field("alternate_name"),
            _required("description"),
            Field("email", format="email"),
            Field("website", format="uri"),
        ],
    ),
    Table(
        "location",
        "locations.csv",
        [
            _id(),
            _required("location_type", enum=LOCATION_TYPES),
            _id("organization_id"),
            Field("name"),
            Field("latitude", "number"),
            Field("longitude", "number"),
        ],
        [("organization_id", "organization")],
    ),
    Table(
        "address",
        "addresses.csv",
        [
            _id(),
            _id("location_id"),
            _required("address_1"),
            _required("city"),
            Field("region"),
            _required("state_province"),
            _required("postal_code"),
            _required("country"),
            _required("address_type", enum=LOCATION_TYPES),
        ],
        [("location_id", "location")],
    ),
    Table(
        "contact",
        "contacts.csv",
        [
            _id(),
            _id("organization_id"),
            Field("name"),
            Field("title"),
            Field("email", format="email"),
        ],
        [("organization_id", "organization")],
    ),
    Table(
        "phone",
        "phones.csv",
        [
            _id(),
            _id("organization_id"),
            _id("contact_id"),
            _required("number"),
            Field("type"),
        ],
        [("organization_id", "organization"), ("contact_id", "contact")],
    ),
    # An intervention offered by an organisation: one service per (intervention, provider),
    # since an HSDS service belongs to one organisation.
    Table(
        "service",
        "services.csv",
        [
            _id(),
            _id("organization_id", required=True),
            _required("name"),
            Field("description"),
            _required("status", enum=SERVICE_STATUSES),
            Field("fees_description"),
            Field("eligibility_description"),
        ],
        [("organization_id", "organization")],
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        [_id(), _id("service_id", required=True), _id("location_id", required=True)],
        [("service_id", "service"), ("location_id", "location")],
    ),
    Table(
        "taxonomy",
        "taxonomies.csv",
        [
            _id(),
            _required("name"),
            _required("description"),
            Field("uri", format="uri"),
            Field("version"),
        ],
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        [
            _id(),
            Field("code", unique=True),
            _required("name"),
            _required("description"),
            _id("parent_id"),
            Field("taxonomy"),
            Field("language"),
            _id("taxonomy_id"),
        ],
        [("taxonomy_id", "taxonomy")],
    ),
    Table(
        "attribute",
        "attributes.csv",
        [
            _id(),
            _id("link_id", required=True),
            _id("taxonomy_term_id", required=True),
            Field("link_type"),
            _required("link_entity"),
            Field("value"),
        ],
        [("taxonomy_term_id", "taxonomy_term")],
    ),
]


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str
    model: type | None = None
    # Many-to-many field on Organisation and on ContactPerson that links to the terms.
    organisation_field: str | None = None
    contact_field: str | None = None


TAXONOMIES = [
    Taxonomy("domain", "Domeinen", "Domeinen van de sociale kaart.", Domain, "domains", "domains"),
    Taxonomy("theme", "Thema's", "Thema's van expertise.", Theme, "themes"),
    Taxonomy(
        "contribution",
        "Aangrijpingspunten",
        "Wat een actor kan bijdragen.",
        Contribution,
        "contributions",
    ),
    Taxonomy("language", "Talen", "Talen van contactpersonen.", Language, None, "languages"),
    Taxonomy(
        "community",
        "Gemeenschappen",
        "Gemeenschappen die een persoon bereikt.",
        Community,
        None,
        "communities",
    ),
    Taxonomy(
        "municipality",
        "Gemeenten",
        "Gemeenten waar een organisatie of persoon werkt (code: CBS-code).",
        Municipality,
        "municipalities",
        "municipalities",
    ),
    Taxonomy("organisation_type", "Soort organisatie", "Type van de organisatie."),
    Taxonomy("intervention_kind", "Soort interventie", "Preventief, reactief of repressief."),
    Taxonomy("practice_category", "Praktijkcategorie", "De vijf categorieën van praktijken."),
    Taxonomy(
        "polarisation_form",
        "Vormen van polarisatie",
        "Vormen van polarisatie waarop een interventie zich richt.",
        PolarisationForm,
    ),
    Taxonomy("network_role", "Rol in het netwerk", "Netwerkpartner of sleutelfiguur."),
]
NETWORK_ROLES = {
    "partner": ("Netwerkpartner", "Organisatie die als partner deelneemt aan het netwerk."),
    "key_figure": ("Sleutelfiguur", "Persoon met een sleutelpositie in een gemeenschap."),
}


def datapackage(*, generated_at, title: str) -> dict:
    return {
        "name": "polrad-sociale-kaart",
        "title": title,
        "profile": "tabular-data-package",
        "created": generated_at.isoformat(),
        "licenses": [],
        "resources": [table.resource() for table in TABLES],
    }


def _term_id(taxonomy_key: str, code) -> str:
    return stable_uuid(taxonomy_key, code)


def _taxonomy_rows() -> Iterator[list]:
    for taxonomy in TAXONOMIES:
        yield [stable_uuid("taxonomy", taxonomy.key), taxonomy.name, taxonomy.description, "", ""]


def _taxonomy_term_rows() -> Iterator[list]:
    for taxonomy in TAXONOMIES:
        taxonomy_id = stable_uuid("taxonomy", taxonomy.key)
        for code, name, description in _terms(taxonomy):
            yield [
                _term_id(taxonomy.key, code),
                _term_code(taxonomy, code),
                name,
                description or f"{taxonomy.name}: {name}.",
                "",
                taxonomy.name,
                "nl",
                taxonomy_id,
            ]


def _term_code(taxonomy: Taxonomy, code) -> str:
    """HSDS declares codes unique over all taxonomies: the CBS code is; the others get a prefix."""
    return code if taxonomy.model is Municipality else f"{taxonomy.key}-{code}"


def _terms(taxonomy: Taxonomy) -> Iterator[tuple]:
    """(code, name, description) of each term; an empty description gets a generic one."""
    if taxonomy.key == "organisation_type":
        yield from ((value, str(label), "") for value, label in Organisation.Kind.choices)
    elif taxonomy.key == "intervention_kind":
        yield from ((value, str(label), "") for value, label in Intervention.Kind.choices)
    elif taxonomy.key == "practice_category":
        yield from ((value, str(label), "") for value, label in Intervention.Category.choices)
    elif taxonomy.key == "network_role":
        yield from ((code, *names) for code, names in NETWORK_ROLES.items())
    elif taxonomy.model is Municipality:
        rows = Municipality.objects.values_list("cbs_code", "name", "province")
        yield from (
            (code, name, f"Gemeente in de provincie {province}.") for code, name, province in rows
        )
    else:
        yield from taxonomy.model.objects.values_list("pk", "name", "description")


def _values(queryset, *fields, flat=False):
    """Plain values of a queryset, streamed from the database in chunks."""
    return queryset.values_list(*fields, flat=flat).iterator(chunk_size=CHUNK_SIZE)


def _organisation_rows(organisations) -> Iterator[list]:
    kinds = dict(Organisation.Kind.choices)
    rows = _values(organisations, "pk", "name", "kind", "description", "email", "website")
    for pk, name, kind, description, email, website in rows:
        # HSDS requires a description; the forms and the import do not (many partners have
        # none yet), so the type of organisation stands in for a missing one.
        description = description or f"{kinds.get(kind, kind)}."
        yield [stable_uuid("organisation", pk), name, "", description, email, website]


def _location_rows(locations) -> Iterator[list]:
    rows = _values(locations, "pk", "organisation_id", "name", "latitude", "longitude")
    for pk, organisation_id, name, latitude, longitude in rows:
        organisation = stable_uuid("organisation", organisation_id)
        latitude, longitude = ("" if v is None else v for v in (latitude, longitude))
        yield [stable_uuid("location", pk), "physical", organisation, name, latitude, longitude]


def _address_rows(locations) -> Iterator[list]:
    """HSDS requires a province: the location's municipality's, else its organisation's."""
    organisation_province = Organisation.municipalities.through.objects.filter(
        organisation=OuterRef("organisation_id")
    ).order_by("municipality__name")
    locations = locations.annotate(
        province=Coalesce(
            "municipality__province",
            Subquery(organisation_province.values("municipality__province")[:1]),
            Value(""),
        )
    )
    rows = _values(
        locations, *("pk", "address", "city", "postal_code", "municipality__name", "province")
    )
    for pk, address, city, postal_code, municipality, province in rows:
        if not province:
            continue  # no valid HSDS address; the location itself is still exported
        yield [
            *(stable_uuid("address", pk), stable_uuid("location", pk), address, city),
            *(municipality or "", province, postal_code, "NL", "physical"),
        ]


def _contact_rows(contacts) -> Iterator[list]:
    rows = _values(contacts, "pk", "organisation_id", "full_name", "function", "email")
    for pk, organisation_id, name, title, email in rows:
        organisation = stable_uuid("organisation", organisation_id) if organisation_id else ""
        yield [stable_uuid("contact", pk), organisation, name, title, email]


def _phone_rows(organisations, contacts) -> Iterator[list]:
    for pk, number in _values(organisations.exclude(phone=""), "pk", "phone"):
        organisation = stable_uuid("organisation", pk)
        yield [stable_uuid("phone:organisation", pk), organisation, "", number, "voice"]
    for pk, number in _values(contacts.exclude(phone=""), "pk", "phone"):
        yield [stable_uuid("phone:contact", pk), "", stable_uuid("contact", pk), number, "voice"]


def _attribute(entity: str, pk, taxonomy_key: str, code) -> list:
    link_kind = "organisation" if entity == "organization" else "contact"
    return [
        stable_uuid(f"attribute:{link_kind}:{pk}:{taxonomy_key}", code),
        stable_uuid(link_kind, pk),
        _term_id(taxonomy_key, code),
        taxonomy_key,
        entity,
        "",
    ]


def _attribute_rows(organisations, contacts) -> Iterator[list]:
    for taxonomy in TAXONOMIES:
        for entity, records, field_name in [
            ("organization", organisations, taxonomy.organisation_field),
            ("contact", contacts, taxonomy.contact_field),
        ]:
            if field_name:
                yield from _links(entity, records, taxonomy, field_name)
    for pk, kind in _values(organisations, "pk", "kind"):
        yield _attribute("organization", pk, "organisation_type", kind)
    for pk in _values(organisations.filter(is_partner=True), "pk", flat=True):
        yield _attribute("organization", pk, "network_role", "partner")
    for pk in _values(contacts.filter(kind=ContactPerson.Kind.KEY_FIGURE), "pk", flat=True):
        yield _attribute("contact", pk, "network_role", "key_figure")


def _links(entity, records, taxonomy, field_name) -> Iterator[list]:
    """One attribute row per link, read from the many-to-many link table in one query."""
    model = records.model
    through = getattr(model, field_name).through
    owner = model._meta.model_name
    target = "cbs_code" if taxonomy.model is Municipality else "pk"
    target_field = taxonomy.model._meta.model_name
    links = through.objects.filter(**{f"{owner}__in": records.values("pk")})
    for pk, code in _values(links, f"{owner}_id", f"{target_field}__{target}"):
        yield _attribute(entity, pk, taxonomy.key, code)


def _service_id(intervention_id, organisation_id) -> str:
    return stable_uuid(f"service:{intervention_id}", organisation_id)


def _service_rows(providers) -> Iterator[list]:
    rows = _values(
        providers,
        *("intervention_id", "organisation_id", "intervention__name", "intervention__summary"),
        *("intervention__costs", "intervention__target_group_description"),
    )
    for intervention_id, organisation_id, name, summary, costs, eligibility in rows:
        yield [
            _service_id(intervention_id, organisation_id),
            stable_uuid("organisation", organisation_id),
            *(name, summary, "active", costs, eligibility),
        ]


def _service_at_location_rows(providers) -> Iterator[list]:
    """Every location of the provider's organisation is a place where the service is (the
    locations of every exported organisation are exported)."""
    rows = _values(providers, "intervention_id", "organisation_id", "organisation__locations")
    for intervention_id, organisation_id, location_id in rows:
        if location_id is None:
            continue
        service = _service_id(intervention_id, organisation_id)
        location = stable_uuid("location", location_id)
        yield [stable_uuid(f"service_at_location:{service}", location_id), service, location]


def _service_attribute_rows(providers) -> Iterator[list]:
    """Kind, practice category and forms of polarisation of each service."""
    forms: dict[int, list[int]] = {}
    links = Intervention.forms.through.objects.filter(
        intervention__in=providers.values("intervention")
    )
    for intervention_id, form_id in _values(links, "intervention_id", "polarisationform_id"):
        forms.setdefault(intervention_id, []).append(form_id)
    rows = _values(
        providers,
        "intervention_id",
        "organisation_id",
        "intervention__kind",
        "intervention__category",
    )
    for intervention_id, organisation_id, kind, category in rows:
        service = _service_id(intervention_id, organisation_id)
        terms = [("intervention_kind", kind), ("practice_category", category)]
        terms += [("polarisation_form", form) for form in forms.get(intervention_id, [])]
        for taxonomy_key, code in terms:
            yield [
                stable_uuid(f"attribute:{service}:{taxonomy_key}", code),
                service,
                _term_id(taxonomy_key, code),
                taxonomy_key,
                "service",
                "",
            ]


def _write_csv(archive: zipfile.ZipFile, table: Table, rows: Iterator[list]) -> None:
    with archive.open(table.path, "w") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(table.header)
        writer.writerows(rows)
        text.flush()
        text.detach()


def hsds_package(
    *, organisations: QuerySet[Organisation], include_independent_contacts: bool, title: str
):
    """The data package as a temporary file (rewound, to be streamed and then closed).

    `organisations` is the (filtered) list; their active contacts come along, and when the
    whole map is exported also the contacts without an organisation (independent key
    figures).
    """
    # Each table reads plain values in one streamed query: no prefetching needed.
    organisations = organisations.prefetch_related(None).order_by("pk")
    organisation_ids = organisations.values("pk")
    contacts = ContactPerson.objects.filter(is_active=True, organisation__in=organisation_ids)
    if include_independent_contacts:
        contacts = contacts | ContactPerson.objects.filter(
            is_active=True, organisation__isnull=True
        )
    contacts = contacts.order_by("pk")
    locations = Location.objects.filter(organisation__in=organisation_ids).order_by("pk")
    # The catalogue's current interventions, as offered by the exported organisations.
    providers = InterventionProvider.objects.filter(
        intervention__archived=False, organisation__in=organisation_ids
    ).order_by("pk")
    generated_at = timezone.now()

    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writers = {
            "organization": _organisation_rows(organisations),
            "location": _location_rows(locations),
            "address": _address_rows(locations),
            "contact": _contact_rows(contacts),
            "phone": _phone_rows(organisations, contacts),
            "taxonomy": _taxonomy_rows(),
            "taxonomy_term": _taxonomy_term_rows(),
            "service": _service_rows(providers),
            "service_at_location": _service_at_location_rows(providers),
            "attribute": chain(
                _attribute_rows(organisations, contacts), _service_attribute_rows(providers)
            ),
        }
        for table in TABLES:
            _write_csv(archive, table, writers[table.name])
        package = datapackage(generated_at=generated_at, title=title)
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    spooled.seek(0)
    return spooled
