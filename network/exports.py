"""Exports of the social map for people: CSV of a filtered list, vCard of one contact.

CSV dialect: UTF-8 with a byte order mark and `;` as delimiter. Dutch Excel uses `;` as its
list separator (the comma is the decimal sign) and only reads UTF-8 correctly when the file
starts with a BOM, so a double-click opens the file in columns with accents intact. The
machine-readable HSDS package (network/hsds.py) uses plain RFC 4180 commas instead.

Coordinator notes are never exported: no column, no vCard property reads them.
"""

import csv
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import vobject
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from network.models import ContactPerson, Location, Organisation

BOM = "\ufeff"
DELIMITER = ";"
CHUNK_SIZE = 500

# Cells that spreadsheet programs would run as a formula (CSV injection). A leading "+" or
# "-" is harmless in a phone number, so only other text starting with them is neutralised.
_FORMULA_START = ("=", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"^[+\-]?[\d\s()\-./]+$")


def yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def dutch_date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) or (
        text.startswith(("+", "-")) and not _PHONE_LIKE.match(text)
    ):
        return "'" + text
    return text


def unguard_cell(text: str) -> str:
    """A cell as it was before safe_cell, so an export imports back unchanged."""
    return text[1:] if text.startswith("'") and safe_cell(text[1:]) == text else text


def names(related) -> str:
    """Names of prefetched related objects, `|`-separated as the import expects them."""
    return " | ".join(str(obj) for obj in related.all())


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV file line by line: BOM, header, then one line per row."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, lineterminator="\r\n")
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


@dataclass(frozen=True)
class CsvColumn:
    header: str
    value: Callable


def _first_location(organisation, attr):
    locations = organisation.locations.all()
    return getattr(locations[0], attr) if locations else ""


def _other_locations(organisation) -> str:
    return " | ".join(str(location) for location in list(organisation.locations.all())[1:])


# Headers follow the import's column names (network/imports/), so an export can be
# edited and imported elsewhere; extra columns are ignored by the import.
ORGANISATION_COLUMNS = [
    CsvColumn("Naam", lambda o: o.name),
    CsvColumn("Type", lambda o: o.get_kind_display()),
    CsvColumn("Domeinen", lambda o: names(o.domains)),
    CsvColumn("Gemeenten", lambda o: names(o.municipalities)),
    CsvColumn("Thema's", lambda o: names(o.themes)),
    CsvColumn("Aangrijpingspunten", lambda o: names(o.contributions)),
    CsvColumn("Adres", lambda o: _first_location(o, "address")),
    CsvColumn("Postcode", lambda o: _first_location(o, "postal_code")),
    CsvColumn("Plaats", lambda o: _first_location(o, "city")),
    CsvColumn("Andere locaties", _other_locations),
    CsvColumn("Website", lambda o: o.website),
    CsvColumn("E-mail", lambda o: o.email),
    CsvColumn("Telefoon", lambda o: o.phone),
    CsvColumn("Omschrijving", lambda o: o.description),
    CsvColumn("Partner", lambda o: yes_no(o.is_partner)),
    CsvColumn("Actief", lambda o: yes_no(o.is_active)),
    CsvColumn("Laatst gecontroleerd", lambda o: dutch_date(o.last_verified_at)),
]

CONTACT_COLUMNS = [
    CsvColumn("Naam", lambda c: c.full_name),
    CsvColumn("Functie", lambda c: c.function),
    CsvColumn("Organisatie", lambda c: c.organisation.name if c.organisation else ""),
    CsvColumn("Telefoon", lambda c: c.phone),
    CsvColumn("E-mail", lambda c: c.email),
    CsvColumn("Sleutelfiguur", lambda c: yes_no(c.is_key_figure)),
    CsvColumn("Soort", lambda c: c.get_kind_display()),
    CsvColumn("Laatste contact", lambda c: dutch_date(c.last_contact_on)),
    CsvColumn("Talen", lambda c: names(c.languages)),
    CsvColumn("Gemeenschappen", lambda c: names(c.communities)),
    CsvColumn("Domeinen", lambda c: names(c.domains)),
    CsvColumn("Gemeenten", lambda c: names(c.municipalities)),
    CsvColumn("Toestemming", lambda c: dutch_date(c.consent_date)),
    CsvColumn("Actief", lambda c: yes_no(c.is_active)),
    CsvColumn("Laatst gecontroleerd", lambda c: dutch_date(c.last_verified_at)),
]


def _rows(queryset: QuerySet, columns: list[CsvColumn]) -> Iterator[list]:
    # iterator(chunk_size) runs the prefetches once per chunk: memory and the number of
    # queries stay bounded by the chunk size, whatever the length of the list.
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [column.value(record) for column in columns]


def organisations_csv(queryset: QuerySet[Organisation]) -> Iterator[str]:
    """CSV lines of a filtered organisation list (from organisations_for_list + filter)."""
    queryset = queryset.prefetch_related(
        "domains",
        "municipalities",
        "themes",
        "contributions",
        Prefetch("locations", queryset=Location.objects.order_by("pk")),
    )
    return csv_lines(
        [c.header for c in ORGANISATION_COLUMNS], _rows(queryset, ORGANISATION_COLUMNS)
    )


def contacts_csv(queryset: QuerySet[ContactPerson]) -> Iterator[str]:
    """CSV lines of a filtered contact list (from contacts_for_list + filter)."""
    # The export's own prefetches instead of the list page's.
    queryset = (
        queryset.select_related("organisation")
        .prefetch_related(None)
        .prefetch_related("languages", "communities", "domains", "municipalities")
    )
    return csv_lines([c.header for c in CONTACT_COLUMNS], _rows(queryset, CONTACT_COLUMNS))


def stable_uuid(kind: str, pk) -> str:
    """The same UUID for the same record in every export (HSDS ids, vCard UID)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"polrad:{kind}:{pk}"))


def _split_name(full_name: str) -> tuple[str, str]:
    """'Jan de Vries' → ('de Vries', 'Jan'): Dutch surnames keep their tussenvoegsel."""
    given, _sep, family = full_name.strip().partition(" ")
    return (family, given) if family else (given, "")


def contact_vcard(contact: ContactPerson) -> str:
    """A vCard 3.0 of a contact person; the public fields only, never coordinator notes."""
    card = vobject.vCard()
    card.add("fn").value = contact.full_name
    family, given = _split_name(contact.full_name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.organisation:
        card.add("org").value = [contact.organisation.name]
    if contact.function:
        card.add("title").value = contact.function
    if contact.phone:
        tel = card.add("tel")
        tel.value = contact.phone
        tel.type_param = "WORK"
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
    note = _public_note(contact)
    if note:
        card.add("note").value = note
    card.add("uid").value = f"urn:uuid:{stable_uuid('contact', contact.pk)}"
    return card.serialize()


def _public_note(contact: ContactPerson) -> str:
    """What the social map shows everybody about the person (never coordinator notes)."""
    parts = []
    if contact.is_key_figure:
        parts.append(gettext("Key figure"))
    for label, related in [
        (gettext("Languages"), contact.languages),
        (gettext("Communities"), contact.communities),
        (gettext("Domains"), contact.domains),
        (gettext("Municipalities"), contact.municipalities),
    ]:
        value = ", ".join(str(obj) for obj in related.all())
        if value:
            parts.append(f"{label}: {value}")
    return "\n".join(parts)
