"""Saving: bulk inserts of a valid import, with one history entry per record."""

from network.imports.rows import _key
from network.models import ContactPerson, Location, Municipality, Organisation

BATCH_SIZE = 500
ORGANISATION_FIELDS = ["name", "kind", "description", "website", "email", "phone", "is_partner"]
CONTACT_FIELDS = ["full_name", "function", "organisation", "phone", "email", "kind"]


def _bulk_create_with_history(model, rows: list[dict], fields: list[str], *, by, now) -> list:
    """Insert the records, their many-to-many links and one "created" history entry each.

    A few batched inserts whatever the number of rows (saving row by row took a minute for
    5,000 rows); the history entries hold the links, as a save through a form would.
    """
    records = model.objects.bulk_create(
        [
            model(**{f: row[f] for f in fields}, last_verified_at=now, last_verified_by=by)
            for row in rows
        ],
        batch_size=BATCH_SIZE,
    )
    entries = model.history.bulk_history_create(
        records, batch_size=BATCH_SIZE, default_user=by, default_date=now
    )
    historical = model.history.model
    for link_field in historical._history_m2m_fields:
        source, target = link_field.m2m_field_name(), link_field.m2m_reverse_field_name()
        links, owners = [], []
        for record, entry, row in zip(records, entries, rows, strict=True):
            for value in row[link_field.name]:
                links.append(link_field.remote_field.through(**{source: record, target: value}))
                owners.append(entry)
        links = link_field.remote_field.through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        link_history = getattr(historical, link_field.name).model
        link_history.objects.bulk_create(
            [
                link_history(
                    history=entry,
                    id=link.pk,
                    **{source: getattr(link, source), target: getattr(link, target)},
                )
                for entry, link in zip(owners, links, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
    return records


def _save_organisations(rows: list[dict], *, by, now) -> None:
    organisations = _bulk_create_with_history(
        Organisation, rows, ORGANISATION_FIELDS, by=by, now=now
    )
    locations = []
    for organisation, row in zip(organisations, rows, strict=True):
        places = [(row["address"], row["postal_code"], row["city"])] if row["postal_code"] else []
        for address, postal_code, city in [*places, *row.get("other_locations", [])]:
            locations.append(
                Location(
                    organisation=organisation,
                    address=address,
                    postal_code=postal_code,
                    city=city,
                    municipality=_location_municipality(row["municipalities"], city),
                )
            )
    Location.objects.bulk_create(locations, batch_size=BATCH_SIZE)


def _location_municipality(municipalities: list, city: str) -> Municipality | None:
    """The municipality named like the place, else the only one served, else unknown."""
    by_name = [m for m in municipalities if _key(m.name) == _key(city)]
    if by_name:
        return by_name[0]
    return municipalities[0] if len(municipalities) == 1 else None


def _save_contacts(rows: list[dict], *, by, now) -> None:
    fields = [*CONTACT_FIELDS, "consent_date"]
    _bulk_create_with_history(ContactPerson, rows, fields, by=by, now=now)
