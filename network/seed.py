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

# The municipalities of the province of Groningen (2026), with their CBS codes.
GRONINGEN = [
    ("GM1979", "Eemsdelta"),
    ("GM0014", "Groningen"),
    ("GM1966", "Het Hogeland"),
    ("GM1952", "Midden-Groningen"),
    ("GM1895", "Oldambt"),
    ("GM0765", "Pekela"),
    ("GM0037", "Stadskanaal"),
    ("GM0047", "Veendam"),
    ("GM1969", "Westerkwartier"),
    ("GM1950", "Westerwolde"),
]

DOMAINS = [
    "Sociaal domein",
    "Veiligheid",
    "Onderwijs",
    "Zorg",
    "Jongerenwerk",
    "Geloof en levensbeschouwing",
    "Sport en cultuur",
    "Gemeente",
    "Politie",
    "Vluchtelingenwerk",
]
THEMES = [
    "Polarisatie",
    "Radicalisering",
    "Online uitingen",
    "Anti-overheidssentiment",
    "Discriminatie",
    "Extremistische propaganda",
]
CONTRIBUTIONS = [
    "Analyse van de lokale situatie",
    "Agenderen in eigen organisatie en netwerk",
    "Tegengaan van radicale ideeën",
    "Toegang tot jongeren",
    "Bijdragen aan interventies",
]
LANGUAGES = [
    "Nederlands",
    "Gronings",
    "Arabisch",
    "Turks",
    "Tigrinya",
    "Somalisch",
    "Pools",
    "Engels",
    "Farsi",
    "Oekraïens",
]
COMMUNITIES = [
    "Marokkaans-Nederlands",
    "Turks-Nederlands",
    "Eritrees",
    "Syrisch",
    "Somalisch",
    "Pools",
    "Oekraïens",
    "Molukse",
    "Dorpsgemeenschap",
    "Studenten",
]

# (name, kind, domains, municipalities, themes, contributions, partner, postcode, city)
ORGANISATIONS = [
    (
        "Gemeente Groningen, team Veiligheid",
        "municipality",
        ["Gemeente", "Veiligheid"],
        ["GM0014"],
        ["Polarisatie", "Radicalisering"],
        [0, 1, 4],
        True,
        "9712 HW",
        "Groningen",
    ),
    (
        "Politie Noord-Nederland, basisteam Groningen-Stad",
        "police",
        ["Politie", "Veiligheid"],
        ["GM0014"],
        ["Radicalisering", "Anti-overheidssentiment"],
        [0, 4],
        True,
        "9726 AE",
        "Groningen",
    ),
    (
        "Politie Noord-Nederland, basisteam Oldambt",
        "police",
        ["Politie"],
        ["GM1895", "GM0765"],
        ["Anti-overheidssentiment"],
        [0],
        True,
        "9671 AJ",
        "Winschoten",
    ),
    (
        "WIJ Groningen",
        "welfare",
        ["Sociaal domein", "Jongerenwerk"],
        ["GM0014"],
        ["Polarisatie", "Discriminatie"],
        [0, 3, 4],
        True,
        "9725 AD",
        "Groningen",
    ),
    (
        "Jongerenwerk Oost-Groningen",
        "youth_work",
        ["Jongerenwerk"],
        ["GM1895", "GM0765", "GM1950"],
        ["Online uitingen", "Polarisatie"],
        [3, 4],
        True,
        "9671 CK",
        "Winschoten",
    ),
    (
        "Noorderpoort College",
        "school",
        ["Onderwijs"],
        ["GM0014", "GM1952", "GM0047"],
        ["Online uitingen", "Discriminatie"],
        [1, 3],
        True,
        "9728 WA",
        "Groningen",
    ),
    (
        "Alfa-college",
        "school",
        ["Onderwijs"],
        ["GM0014", "GM1952"],
        ["Online uitingen"],
        [1, 3],
        False,
        "9728 XM",
        "Groningen",
    ),
    (
        "Stichting Wij in Veendam",
        "welfare",
        ["Sociaal domein"],
        ["GM0047"],
        ["Polarisatie"],
        [0, 4],
        False,
        "9641 AB",
        "Veendam",
    ),
    (
        "VluchtelingenWerk Noord-Nederland",
        "refugees",
        ["Vluchtelingenwerk", "Sociaal domein"],
        ["GM0014", "GM1952", "GM1979", "GM1950"],
        ["Discriminatie", "Polarisatie"],
        [0, 3],
        True,
        "9723 JA",
        "Groningen",
    ),
    (
        "Moskee Selimiye",
        "faith",
        ["Geloof en levensbeschouwing"],
        ["GM0014"],
        ["Radicalisering", "Extremistische propaganda"],
        [2, 3],
        True,
        "9715 AA",
        "Groningen",
    ),
    (
        "Protestantse Gemeente Appingedam",
        "faith",
        ["Geloof en levensbeschouwing"],
        ["GM1979"],
        ["Polarisatie"],
        [1],
        False,
        "9901 BK",
        "Appingedam",
    ),
    (
        "Lentis, FACT Jeugd",
        "care",
        ["Zorg"],
        ["GM0014", "GM1969"],
        ["Radicalisering"],
        [0, 4],
        True,
        "9725 AB",
        "Groningen",
    ),
    (
        "Veiligheidshuis Groningen",
        "municipality",
        ["Veiligheid", "Zorg"],
        ["GM0014", "GM1952", "GM1979", "GM1966", "GM1969"],
        ["Radicalisering", "Anti-overheidssentiment"],
        [0, 4],
        True,
        "9727 KB",
        "Groningen",
    ),
    (
        "Voetbalvereniging Be Quick 1887",
        "sports",
        ["Sport en cultuur"],
        ["GM0014"],
        ["Discriminatie"],
        [3],
        False,
        "9743 AA",
        "Groningen",
    ),
    (
        "Sportclub Stadskanaal",
        "sports",
        ["Sport en cultuur"],
        ["GM0037"],
        ["Discriminatie"],
        [3],
        False,
        "9501 AB",
        "Stadskanaal",
    ),
    (
        "Huurdersvereniging De Wierden",
        "community",
        ["Sociaal domein"],
        ["GM1966"],
        ["Polarisatie"],
        [0],
        False,
        "9951 AB",
        "Winsum",
    ),
    (
        "Buurtvereniging Selwerd",
        "community",
        ["Sociaal domein"],
        ["GM0014"],
        ["Polarisatie"],
        [0, 3],
        False,
        "9741 AA",
        "Groningen",
    ),
    (
        "Gemeente Midden-Groningen, team Openbare Orde",
        "municipality",
        ["Gemeente", "Veiligheid"],
        ["GM1952"],
        ["Anti-overheidssentiment"],
        [1, 4],
        True,
        "9611 AB",
        "Sappemeer",
    ),
    (
        "Gemeente Westerkwartier",
        "municipality",
        ["Gemeente"],
        ["GM1969"],
        ["Polarisatie"],
        [1],
        True,
        "9801 AB",
        "Zuidhorn",
    ),
    (
        "Stichting Kunstencentrum Het Hogeland",
        "culture",
        ["Sport en cultuur"],
        ["GM1966"],
        ["Polarisatie"],
        [3],
        False,
        "9981 AB",
        "Uithuizen",
    ),
    (
        "Centrum voor Jeugd en Gezin Eemsdelta",
        "care",
        ["Zorg", "Jongerenwerk"],
        ["GM1979"],
        ["Online uitingen"],
        [3],
        False,
        "9934 AB",
        "Delfzijl",
    ),
    (
        "Stichting Eritrese Gemeenschap Noord",
        "community",
        ["Sociaal domein"],
        ["GM0014", "GM1952"],
        ["Polarisatie", "Discriminatie"],
        [0, 3],
        True,
        "9714 AA",
        "Groningen",
    ),
]
# Deliberate white spots: nobody in Pekela and Westerwolde for Onderwijs, Zorg or Politie
# beyond the shared basisteam; Stadskanaal has no faith or refugee support contacts.

KEY_FIGURES = [
    (
        "Fatima El Amrani",
        "Moedergroep Selwerd",
        None,
        ["GM0014"],
        ["Sociaal domein"],
        ["Arabisch", "Nederlands"],
        ["Marokkaans-Nederlands"],
    ),
    (
        "Mehmet Yıldız",
        "Jeugdtrainer",
        "Voetbalvereniging Be Quick 1887",
        ["GM0014"],
        ["Sport en cultuur"],
        ["Turks", "Nederlands"],
        ["Turks-Nederlands"],
    ),
    (
        "Yonas Tesfay",
        "Sleutelfiguur Eritrese gemeenschap",
        "Stichting Eritrese Gemeenschap Noord",
        ["GM0014", "GM1952"],
        ["Sociaal domein"],
        ["Tigrinya", "Nederlands"],
        ["Eritrees"],
    ),
    (
        "Imam Yusuf Demir",
        "Imam",
        "Moskee Selimiye",
        ["GM0014"],
        ["Geloof en levensbeschouwing"],
        ["Turks", "Arabisch", "Nederlands"],
        ["Turks-Nederlands", "Marokkaans-Nederlands"],
    ),
    (
        "Anna Kowalska",
        "Vrijwilliger",
        None,
        ["GM0047"],
        ["Sociaal domein"],
        ["Pools", "Nederlands"],
        ["Pools"],
    ),
    (
        "Jan Pieter Bos",
        "Dorpsvertegenwoordiger",
        None,
        ["GM1966"],
        ["Sociaal domein"],
        ["Gronings", "Nederlands"],
        ["Dorpsgemeenschap"],
    ),
    (
        "Olena Shevchenko",
        "Vrijwilliger opvang",
        None,
        ["GM1979"],
        ["Vluchtelingenwerk"],
        ["Oekraïens", "Engels"],
        ["Oekraïens"],
    ),
]
CONTACTS = [
    (
        "Sanne de Vries",
        "Adviseur openbare orde en veiligheid",
        "Gemeente Groningen, team Veiligheid",
    ),
    ("Ahmed Bouzid", "Wijkagent", "Politie Noord-Nederland, basisteam Groningen-Stad"),
    ("Karin Mulder", "Jongerenwerker", "Jongerenwerk Oost-Groningen"),
    ("Peter Smit", "Docent burgerschap", "Noorderpoort College"),
    ("Linda Hoekstra", "Procesregisseur", "Veiligheidshuis Groningen"),
    ("Ruben Jansen", "Opbouwwerker", "WIJ Groningen"),
    ("Esther Kuipers", "Coördinator", "VluchtelingenWerk Noord-Nederland"),
    ("Marco Dijkstra", "Beleidsmedewerker", "Gemeente Midden-Groningen, team Openbare Orde"),
]


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
    domains = _terms(Domain, DOMAINS)
    themes = _terms(Theme, THEMES)
    contributions = list(_terms(Contribution, CONTRIBUTIONS).values())
    languages = _terms(Language, LANGUAGES)
    communities = _terms(Community, COMMUNITIES)
    now = timezone.now()
    organisations = {}
    for index, row in enumerate(ORGANISATIONS):
        name, kind, doms, munis, thms, contribs, partner, postcode, city = row
        organisation, created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "is_partner": partner,
                "email": f"info{index}@example.org",
                "phone": f"050-{5000000 + index}",
                "website": f"https://example.org/{index}",
                "description": f"{name} werkt mee in het expertisenetwerk in {city}.",
                # A few records have not been checked for over a year: they show as stale.
                "last_verified_at": now - timedelta(days=400 if index % 7 == 3 else 30),
            },
        )
        if created:
            organisation.domains.set([domains[d] for d in doms])
            organisation.themes.set([themes[t] for t in thms])
            organisation.contributions.set([contributions[c] for c in contribs])
            organisation.municipalities.set([municipalities[m] for m in munis])
            Location.objects.create(
                organisation=organisation,
                address=f"Hoofdstraat {index + 1}",
                postal_code=postcode,
                city=city,
                municipality=municipalities[munis[0]],
            )
        organisations[name] = organisation
    for full_name, function, org_name in CONTACTS:
        organisation = organisations[org_name]
        contact, created = ContactPerson.objects.get_or_create(
            full_name=full_name,
            defaults={
                "organisation": organisation,
                "function": function,
                "email": f"{full_name.split()[0].lower()}@example.org",
                "phone": "06-12345678",
                "last_verified_at": now - timedelta(days=60),
            },
        )
        if created:
            contact.municipalities.set(organisation.municipalities.all())
            contact.languages.set([languages["Nederlands"]])
    for full_name, function, org_name, munis, doms, langs, comms in KEY_FIGURES:
        contact, created = ContactPerson.objects.get_or_create(
            full_name=full_name,
            defaults={
                "organisation": organisations.get(org_name),
                "function": function,
                "is_key_figure": True,
                "phone": "06-87654321",
                "consent_date": date(2026, 3, 1),
                "coordinator_notes": "Bereikbaar na 17.00 uur; liever bellen dan mailen.",
                "last_verified_at": now - timedelta(days=90),
            },
        )
        if created:
            contact.municipalities.set([municipalities[m] for m in munis])
            contact.domains.set([domains[d] for d in doms])
            contact.languages.set([languages[lang] for lang in langs])
            contact.communities.set([communities[c] for c in comms])
    _seed_agreements(organisations, municipalities)
    out(
        f"social map: {Organisation.objects.count()} organisations, "
        f"{ContactPerson.objects.count()} people, {NetworkAgreement.objects.count()} agreements"
    )


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
    missing = NATIONAL_ORGANISATIONS - Organisation.objects.count()
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
    missing = NATIONAL_CONTACTS - ContactPerson.objects.count()
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
