"""Demo data of the eyes and ears: concerns heard from key figures, approved interpretations."""

from datetime import timedelta

from django.utils import timezone

from network.models import Municipality
from network.seed import GRONINGEN
from polrad import periods
from polrad.accounts.models import User
from signals.eyes import ConcernOrigin, Interpretation, SourceKind
from signals.models import Concern

SOURCES = [
    (SourceKind.KEY_FIGURE, "Imam van de moskee in de Korrewegwijk"),
    (SourceKind.VOLUNTEER, "Vrijwilliger van het buurthuis"),
    (SourceKind.KEY_FIGURE, "Voorzitter van de voetbalclub"),
    (SourceKind.EXPERIENCE_EXPERT, "Ervaringsdeskundige uit het netwerk"),
]
TEXTS = [
    "Na de berichten over het conflict in het Midden-Oosten horen sleutelfiguren meer spanning "
    "tussen groepen jongeren. Het netwerk organiseert dialoogavonden in drie wijken.",
    "Minder meldingen dan de maand ervoor; jongerenwerkers zien vooral online polarisatie. "
    "Rolmodellen geven deze maand extra voorlichting op scholen.",
]


def seed_demo(out) -> None:
    if Interpretation.objects.exists():
        out(f"interpretations: {Interpretation.objects.count()}")
        return
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    professional = User.objects.filter(email="professional@example.org").first()
    reported = Concern.objects.filter(reporter=professional).order_by("pk")[: len(SOURCES)]
    for concern, (kind, who) in zip(reported, SOURCES, strict=False):
        ConcernOrigin.objects.get_or_create(
            concern=concern, defaults={"source_kind": kind, "source_identity": who}
        )
    municipality = Municipality.objects.filter(cbs_code=GRONINGEN[0][0]).first()
    period = periods.last_complete(periods.MONTH)
    now = timezone.now()
    for index, text in enumerate(TEXTS):
        key = period.key if index == 0 else period.previous.key
        Interpretation.objects.create(
            period=key,
            region="" if municipality else "Groningen",
            municipality=municipality,
            text=text,
            written_by=coordinator,
            approved_by=coordinator,
            approved_at=now - timedelta(days=index * 30),
        )
    out("interpretations: approved for the last two months; concerns heard from key figures")


def seed_scale(out) -> None:
    """Nothing at scale: the concern figures come from signals.seed."""
