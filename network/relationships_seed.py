"""Demo and benchmark data of contact moments (key figures kept in touch with, some not), and
of requests for the social map from people outside the network."""

import random
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from network.map_requests import MapRequest, MapRequestEvent
from network.models import ContactPerson, Municipality
from network.relationships import ContactMoment
from polrad.accounts.models import User
from polrad.seed_data import scaled

TOPICS = [
    "Sfeer in de wijk na het nieuws",
    "Onrust rond de moskee",
    "Jongeren op het plein",
    "Uitnodiging dialoogavond",
    "Terugkoppeling melding",
]
NATIONAL_CONTACT_MOMENTS = 100_000


def _last_contacts(contact_ids) -> None:
    latest = (
        ContactMoment.objects.filter(contact_id__in=contact_ids)
        .values("contact_id")
        .annotate(last=Max("date"))
    )
    for row in latest:
        ContactPerson.objects.filter(pk=row["contact_id"]).update(last_contact_on=row["last"])


# (name, email, organisation, municipality, purpose, days ago, declined with this reason)
MAP_REQUESTS = [
    (
        "Anouk de Vries",
        "anouk@wegwijzer.example",
        "Basisschool De Wegwijzer",
        "Groningen",
        "Wij zoeken partners in de wijk voor een project over samenleven in groep 8.",
        2,
        "",
    ),
    (
        "Bram Mulder",
        "bram@sportclubzuid.example",
        "Sportclub Zuid",
        "Groningen",
        "Onze trainers willen weten bij wie ze terechtkunnen als ze zich zorgen maken.",
        5,
        "",
    ),
    (
        "Mark Smit",
        "mark@adviesbureau.example",
        "Adviesbureau Smit",
        "Groningen",
        "Voor een offerte aan de gemeente.",
        20,
        "De kaart is voor partners die met de doelgroepen werken, niet voor commerciële "
        "doeleinden.",
    ),
]


def _seed_map_requests(out) -> None:
    if MapRequest.objects.exists():
        return
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    now = timezone.now()
    for name, email, organisation, place, purpose, days, reason in MAP_REQUESTS:
        municipality = Municipality.objects.filter(name=place).first()
        if municipality is None:
            continue
        received = now - timedelta(days=days)
        request = MapRequest.objects.create(
            full_name=name,
            email=email,
            organisation=organisation,
            municipality=municipality,
            purpose=purpose,
            created_at=received,
        )
        MapRequestEvent.objects.create(
            request=request, kind=MapRequestEvent.Kind.SUBMITTED, at=received
        )
        if reason:
            answered = received + timedelta(days=2)
            MapRequestEvent.objects.create(
                request=request,
                kind=MapRequestEvent.Kind.DECLINED,
                actor=coordinator,
                at=answered,
                note=reason,
                mailed_at=answered,
            )
            request.state = MapRequest.State.DECLINED
            request.answered_at = answered
            request.save(update_fields=["state", "answered_at"])
    out(f"requests for the social map: {MapRequest.objects.count()} (some open)")


def seed_demo(out) -> None:
    _seed_map_requests(out)
    if ContactMoment.objects.exists():
        out(f"contact moments: {ContactMoment.objects.count()}")
        return
    rng = random.Random(7)
    today = timezone.localdate()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    figures = list(ContactPerson.objects.filter(kind=ContactPerson.Kind.KEY_FIGURE)[:12])
    others = ContactPerson.objects.filter(kind=ContactPerson.Kind.PROFESSIONAL, organisation=None)
    for index, contact in enumerate(others[:4]):
        contact.kind = [ContactPerson.Kind.VOLUNTEER, ContactPerson.Kind.EXPERIENCE_EXPERT][
            index % 2
        ]
        contact.save(update_fields=["kind"])
        figures.append(contact)
    moments = []
    for index, contact in enumerate(figures):
        overdue = index % 3 == 0  # every third has had no contact for the better part of a year
        latest = today - timedelta(days=rng.randint(250, 400) if overdue else rng.randint(3, 60))
        for n in range(3):
            moments.append(
                ContactMoment(
                    contact=contact,
                    date=latest - timedelta(days=45 * n),
                    by=coordinator,
                    channel=rng.choice(ContactMoment.Channel.values),
                    topic=rng.choice(TOPICS),
                    follow_up="Volgende maand weer bellen." if n == 0 else "",
                )
            )
    ContactMoment.objects.bulk_create(moments)
    _last_contacts([contact.pk for contact in figures])
    out(f"contact moments: {len(moments)} (some key figures overdue)")


def seed_scale(out) -> None:
    missing = scaled(NATIONAL_CONTACT_MOMENTS) - ContactMoment.objects.count()
    if missing <= 0:
        out(f"contact moments: {ContactMoment.objects.count()}")
        return
    rng = random.Random(2028)
    today = timezone.localdate()
    ids = list(
        ContactPerson.objects.exclude(kind=ContactPerson.Kind.PROFESSIONAL).values_list(
            "pk", flat=True
        )
    )
    ContactMoment.objects.bulk_create(
        (
            ContactMoment(
                contact_id=ids[i % len(ids)],
                date=today - timedelta(days=rng.randint(0, 500)),
                channel=ContactMoment.Channel.PHONE,
                topic=TOPICS[i % len(TOPICS)],
            )
            for i in range(missing)
        ),
        batch_size=10000,
    )
    latest = ContactMoment.objects.order_by().values("contact_id").annotate(last=Max("date"))
    people = [ContactPerson(pk=row["contact_id"], last_contact_on=row["last"]) for row in latest]
    ContactPerson.objects.bulk_update(people, ["last_contact_on"], batch_size=5000)
    out(f"contact moments: {ContactMoment.objects.count()}")
