"""The printable social map of one municipality.

`social_map_data` reads what the PDF shows (a fixed number of queries, whatever the size);
`social_map_pdf` is a pure function of that data: template in, PDF bytes out.
Contact details are included (only logged-in network members may download it), except in
the copy emailed to an outsider who asked for it; coordinator notes never are.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, Prefetch, Q, When

from network.models import ContactPerson, Domain, Location, Municipality, Organisation
from network.selectors import agreements_for_municipality, coverage_counts
from polrad.pdf import render_pdf

TEMPLATE = "network/pdf/social_map.html"


@dataclass
class DomainSection:
    domain: Domain | None
    organisations: list[Organisation] = field(default_factory=list)


def _contacts_in(municipality) -> Q:
    """Contacts who work in the municipality, or whose municipalities are not recorded."""
    return Q(municipalities=municipality) | Q(municipalities__isnull=True)


def social_map_data(municipality: Municipality) -> dict:
    contacts = (
        ContactPerson.objects.filter(is_active=True)
        .filter(pk__in=ContactPerson.objects.filter(_contacts_in(municipality)).values("pk"))
        .order_by(Case(When(kind="key_figure", then=0), default=1), "full_name", "pk")
    )
    organisations = list(
        Organisation.objects.filter(is_active=True, municipalities=municipality)
        .prefetch_related(
            "domains",
            "themes",
            "contributions",
            Prefetch("locations", queryset=Location.objects.order_by("pk")),
            Prefetch("contacts", queryset=contacts, to_attr="map_contacts"),
        )
        .order_by("name", "pk")
    )
    domains = list(Domain.objects.filter(is_active=True))
    counts = coverage_counts(axis="domains", municipalities=[municipality])
    key_figures = list(
        ContactPerson.objects.filter(
            is_active=True, kind=ContactPerson.Kind.KEY_FIGURE, municipalities=municipality
        )
        .select_related("organisation")
        .prefetch_related("languages", "communities", "domains")
        .order_by("full_name", "pk")
    )
    return {
        "municipality": municipality,
        "sections": _sections(organisations, domains),
        "organisation_count": len(organisations),
        "partner_count": sum(1 for o in organisations if o.is_partner),
        "key_figures": key_figures,
        "agreements": list(agreements_for_municipality(municipality)),
        "white_spots": [d for d in domains if not counts.get((municipality.pk, d.pk))],
        "domain_count": len(domains),
    }


def _sections(organisations, domains) -> list[DomainSection]:
    """Organisations grouped by domain (one under each of its domains), then the rest."""
    sections = {domain.pk: DomainSection(domain) for domain in domains}
    without = DomainSection(None)
    for organisation in organisations:
        placed = False
        for domain in organisation.domains.all():
            if domain.pk in sections:
                sections[domain.pk].organisations.append(organisation)
                placed = True
        if not placed:
            without.organisations.append(organisation)
    result = [section for section in sections.values() if section.organisations]
    return [*result, without] if without.organisations else result


def social_map_pdf(*, data: dict, generated_at: datetime, for_outsider: bool = False) -> bytes:
    """Render the social map of one municipality (data from social_map_data) to PDF.

    `for_outsider`: the copy a coordinator emails to someone who asked for it without being
    a network member leaves out people's phone numbers and email addresses."""
    context = {**data, "generated_at": generated_at, "for_outsider": for_outsider}
    return render_pdf(TEMPLATE, context)
