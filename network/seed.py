"""Demo and benchmark data for the social map of the province of Groningen."""

import random
from datetime import date, timedelta

from django.utils import timezone

from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Language,
    Location,
    Municipality,
    NetworkAgreement,
    Organisation,
    OrganisationRelation,
    Theme,
)
from polrad import seed_data

# The demo's social map is data: network/seed_data/*.json (municipalities of the province
# of Groningen (2026) with their CBS codes, the terms, organisations, people, key figures).
# Deliberate white spots: nobody in Pekela and Westerwolde for Onderwijs, Zorg or Politie
# beyond the shared basisteam; Stadskanaal has no faith or refugee support contacts.
GRONINGEN = [(row["cbs_code"], row["name"]) for row in seed_data.load(__file__, "municipalities")]
TERMS = seed_data.load(__file__, "terms")


def _terms(model, names):
    for position, name in enumerate(names):
        model.objects.get_or_create(name=name, defaults={"position": position})
    return {term.name: term for term in model.objects.all()}


def seed_demo(out) -> None:
    for code, name in GRONINGEN:
        Municipality.objects.update_or_create(
            cbs_code=code, defaults={"name": name, "province": "Groningen"}
        )
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    terms = {
        "domains": _terms(Domain, TERMS["domains"]),
        "themes": _terms(Theme, TERMS["themes"]),
        "contributions": list(_terms(Contribution, TERMS["contributions"]).values()),
        "languages": _terms(Language, TERMS["languages"]),
        "communities": _terms(Community, TERMS["communities"]),
        "municipalities": municipalities,
    }
    now = timezone.now()
    organisations = _seed_organisations(terms, now)
    _seed_contacts(organisations, terms, now)
    _seed_key_figures(organisations, terms, now)
    _seed_agreements(organisations, municipalities)
    out(
        f"social map: {Organisation.objects.count()} organisations, "
        f"{ContactPerson.objects.count()} people, {NetworkAgreement.objects.count()} agreements"
    )


def _linked(terms, row, *names) -> dict[str, list]:
    """The terms a row names, per kind: {"domains": [Domain, ...], ...}."""
    return {name: [terms[name][key] for key in row[name]] for name in names}


def _seed_organisations(terms, now) -> dict[str, Organisation]:
    organisations = {}
    for index, row in enumerate(seed_data.load(__file__, "organisations")):
        name, city, municipalities = row["name"], row["city"], row["municipalities"]
        organisation, created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": row["kind"],
                "is_partner": row["is_partner"],
                "email": f"info{index}@example.org",
                "phone": f"050-{5000000 + index}",
                "website": f"https://example.org/{index}",
                "description": f"{name} werkt mee in het expertisenetwerk in {city}.",
                # A few records have not been checked for over a year: they show as stale.
                "last_verified_at": now - timedelta(days=400 if index % 7 == 3 else 30),
            },
        )
        if created:
            links = _linked(terms, row, "domains", "themes", "contributions", "municipalities")
            for field, objects in links.items():
                getattr(organisation, field).set(objects)
            Location.objects.create(
                organisation=organisation,
                address=f"Hoofdstraat {index + 1}",
                postal_code=row["postal_code"],
                city=city,
                municipality=terms["municipalities"][municipalities[0]],
            )
        organisations[name] = organisation
    return organisations


def _seed_contacts(organisations, terms, now) -> None:
    for row in seed_data.load(__file__, "contacts"):
        full_name, organisation = row["full_name"], organisations[row["organisation"]]
        contact, created = ContactPerson.objects.get_or_create(
            full_name=full_name,
            defaults={
                "organisation": organisation,
                "function": row["function"],
                "email": f"{full_name.split()[0].lower()}@example.org",
                "phone": "06-12345678",
                "last_verified_at": now - timedelta(days=60),
            },
        )
        if created:
            contact.municipalities.set(organisation.municipalities.all())
            contact.languages.set([terms["languages"]["Nederlands"]])


def _seed_key_figures(organisations, terms, now) -> None:
    for row in seed_data.load(__file__, "key_figures"):
        contact, created = ContactPerson.objects.get_or_create(
            full_name=row["full_name"],
            defaults={
                "organisation": organisations.get(row["organisation"]),
                "function": row["function"],
                "is_key_figure": True,
                "phone": "06-87654321",
                "consent_date": date(2026, 3, 1),
                "coordinator_notes": "Bereikbaar na 17.00 uur; liever bellen dan mailen.",
                "last_verified_at": now - timedelta(days=90),
            },
        )
        if created:
            links = _linked(terms, row, "municipalities", "domains", "languages", "communities")
            for field, objects in links.items():
                getattr(contact, field).set(objects)


def _seed_agreements(organisations, municipalities) -> None:
    if NetworkAgreement.objects.exists():
        return
    R = NetworkAgreement.Responsibility
    start = date(2025, 1, 1)
    rows = [
        ("GM0014", R.FIRST_CONTACT, "Gemeente Groningen, team Veiligheid"),
        ("GM0014", R.CASE_CONFERENCE, "Veiligheidshuis Groningen"),
        ("GM0014", R.PREVENTION, "WIJ Groningen"),
        ("GM0014", R.AFTERCARE, "Lentis, FACT Jeugd"),
        ("GM1952", R.FIRST_CONTACT, "Gemeente Midden-Groningen, team Openbare Orde"),
        ("GM1952", R.CASE_CONFERENCE, "Veiligheidshuis Groningen"),
        ("GM1895", R.PREVENTION, "Jongerenwerk Oost-Groningen"),
        ("GM1969", R.COORDINATION, "Gemeente Westerkwartier"),
    ]
    for code, responsibility, org_name in rows:
        NetworkAgreement.objects.create(
            municipality=municipalities[code],
            responsibility=responsibility,
            organisation=organisations[org_name],
            start_date=start,
        )
    OrganisationRelation.objects.get_or_create(
        source=organisations["WIJ Groningen"],
        kind=OrganisationRelation.Kind.REFERS,
        target=organisations["Veiligheidshuis Groningen"],
    )
    OrganisationRelation.objects.get_or_create(
        source=organisations["Jongerenwerk Oost-Groningen"],
        kind=OrganisationRelation.Kind.COLLABORATES,
        target=organisations["Politie Noord-Nederland, basisteam Oldambt"],
    )


NATIONAL_MUNICIPALITIES = 342
NATIONAL_ORGANISATIONS = 20_000
NATIONAL_CONTACTS = 60_000
PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]
WORDS = [
    "Stichting",
    "Vereniging",
    "Huurdersvereniging",
    "Jongerencentrum",
    "Buurthuis",
    "Moskee",
    "Kerk",
    "Sportclub",
    "School",
    "Welzijn",
    "Zorggroep",
    "Wijkteam",
]


def seed_scale(out) -> None:
    """Fill up to the national volumes of DESIGN.md with synthetic records (bulk inserts)."""
    rng = random.Random(2026)
    _scale_municipalities()
    municipality_ids = list(Municipality.objects.values_list("pk", flat=True))
    domain_ids = list(Domain.objects.values_list("pk", flat=True))
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    contribution_ids = list(Contribution.objects.values_list("pk", flat=True))
    language_ids = list(Language.objects.values_list("pk", flat=True))
    now = timezone.now()
    missing = seed_data.scaled(NATIONAL_ORGANISATIONS) - Organisation.objects.count()
    if missing > 0:
        kinds = [k for k, _label in Organisation.Kind.choices]
        new = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"{rng.choice(WORDS)} {rng.choice(PROVINCES)} {i}",
                    kind=rng.choice(kinds),
                    description="Synthetische organisatie voor de benchmark.",
                    email=f"org{i}@bench.example.org",
                    is_partner=rng.random() < 0.3,
                    last_verified_at=now - timedelta(days=rng.randint(1, 700)),
                )
                for i in range(missing)
            ],
            batch_size=2000,
        )
        through = Organisation
        _links(
            through.municipalities.through,
            "organisation_id",
            "municipality_id",
            new,
            municipality_ids,
            rng,
            1,
            3,
        )
        _links(through.domains.through, "organisation_id", "domain_id", new, domain_ids, rng, 1, 2)
        _links(through.themes.through, "organisation_id", "theme_id", new, theme_ids, rng, 0, 2)
        _links(
            through.contributions.through,
            "organisation_id",
            "contribution_id",
            new,
            contribution_ids,
            rng,
            0,
            2,
        )
        Location.objects.bulk_create(
            [
                Location(
                    organisation=o,
                    address="Dorpsstraat 1",
                    postal_code=f"{rng.randint(1000, 9999)} AB",
                    city="Plaats",
                )
                for o in new
            ],
            batch_size=5000,
        )
    missing = seed_data.scaled(NATIONAL_CONTACTS) - ContactPerson.objects.count()
    if missing > 0:
        organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
        new = ContactPerson.objects.bulk_create(
            [
                ContactPerson(
                    organisation_id=rng.choice(organisation_ids) if rng.random() < 0.9 else None,
                    full_name=f"Persoon {i}",
                    function="Medewerker",
                    email=f"contact{i}@bench.example.org",
                    is_key_figure=rng.random() < 0.15,
                    last_verified_at=now - timedelta(days=rng.randint(1, 700)),
                )
                for i in range(missing)
            ],
            batch_size=5000,
        )
        through = ContactPerson
        _links(
            through.municipalities.through,
            "contactperson_id",
            "municipality_id",
            new,
            municipality_ids,
            rng,
            1,
            2,
        )
        _links(
            through.languages.through,
            "contactperson_id",
            "language_id",
            new,
            language_ids,
            rng,
            1,
            2,
        )
        _links(through.domains.through, "contactperson_id", "domain_id", new, domain_ids, rng, 0, 1)
    out(
        f"social map: {Municipality.objects.count()} municipalities, "
        f"{Organisation.objects.count()} organisations, {ContactPerson.objects.count()} people"
    )


def _links(through, left, right, objects, choices, rng, low, high) -> None:
    rows = []
    for obj in objects:
        for value in rng.sample(choices, rng.randint(low, min(high, len(choices)))):
            rows.append(through(**{left: obj.pk, right: value}))
    through.objects.bulk_create(rows, batch_size=10000)


def _scale_municipalities() -> None:
    missing = NATIONAL_MUNICIPALITIES - Municipality.objects.count()
    existing = set(Municipality.objects.values_list("cbs_code", flat=True))
    new = []
    number = 9000
    while len(new) < missing:
        code = f"GM{number}"
        number += 1
        if code in existing:
            continue
        province = PROVINCES[len(new) % len(PROVINCES)]
        new.append(Municipality(cbs_code=code, name=f"Gemeente {code[2:]}", province=province))
    Municipality.objects.bulk_create(new, batch_size=1000)
