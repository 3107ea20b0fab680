"""The network: the social map as it stands today (the period does not apply to it)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from network.models import (
    ContactPerson,
    Domain,
    Municipality,
    NetworkAgreement,
    Organisation,
    agreements_in_force_q,
    stale_q,
)
from network.selectors import coverage_counts
from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.common import Places, table


def network_section(places: Places) -> Section:
    organisations = Organisation.objects.filter(is_active=True).order_by()
    contacts = ContactPerson.objects.filter(is_active=True).order_by()
    if places is not None:
        organisations = organisations.filter(municipalities__in=places)
        contacts = contacts.filter(municipalities__in=places)
    key_figures = contacts.filter(kind=ContactPerson.Kind.KEY_FIGURE)
    orgs = organisations.aggregate(
        n=Count("pk", distinct=True), stale=Count("pk", distinct=True, filter=stale_q())
    )
    people = contacts.aggregate(
        key_figures=Count("pk", distinct=True, filter=Q(kind=ContactPerson.Kind.KEY_FIGURE)),
        stale=Count("pk", distinct=True, filter=stale_q()),
    )
    domains = list(Domain.objects.filter(is_active=True).values_list("pk", "name"))
    per_domain = _per_domain(organisations, key_figures, domains)
    white_spots = _white_spots(places, domains)
    agreements, in_force = _agreements(places)
    return Section(
        key="network",
        title=_("The network"),
        figures=[
            KeyFigure(_("Organisations"), orgs["n"], key="organisations"),
            KeyFigure(_("Key figures"), people["key_figures"], key="key-figures"),
            KeyFigure(_("Network agreements in force"), in_force, key="agreements"),
            KeyFigure(
                _("White spots: domains with nobody"),
                sum(row[1] for row in white_spots.rows),
                key="white-spots",
            ),
            KeyFigure(
                _("Organisations overdue for verification"),
                orgs["stale"],
                key="stale-organisations",
            ),
            KeyFigure(
                _("Contact persons overdue for verification"), people["stale"], key="stale-contacts"
            ),
        ],
        tables=[per_domain, white_spots, agreements],
        note=_("The social map as it stands today; the period does not apply to it."),
    )


def _per_domain(organisations, key_figures, domains) -> Table:
    """Distinct organisations and key figures per domain: each counts once in a row."""
    orgs = dict(organisations.values_list("domains").annotate(n=Count("pk", distinct=True)))
    people = dict(key_figures.values_list("domains").annotate(n=Count("pk", distinct=True)))
    return table(
        "network-by-domain",
        _("Organisations and key figures per domain"),
        [_("Domain"), _("Organisations"), _("Key figures")],
        [[name, orgs.get(pk, 0), people.get(pk, 0)] for pk, name in domains],
    )


def _white_spots(places: Places, domains) -> Table:
    """Per municipality, the domains without an organisation or key figure, as the coverage
    matrix of the social map counts them."""
    if places is None:
        places = list(Municipality.objects.filter(is_active=True))
    counts = coverage_counts(axis="domains", municipalities=places)
    rows = []
    for municipality in sorted(places, key=lambda m: m.name):
        empty = [name for pk, name in domains if not counts.get((municipality.pk, pk))]
        rows.append([municipality.name, len(empty), ", ".join(empty) or "—"])
    return Table(
        key="network-white-spots",
        title=_("White spots: domains with nobody"),
        columns=[_("Municipality"), _("White spots"), _("Domains")],
        rows=rows,
    )


def _agreements(places: Places) -> tuple[Table, int]:
    """The agreements in force, and how many: listed per municipality, or for the whole
    region counted per responsibility."""
    agreements = NetworkAgreement.objects.filter(agreements_in_force_q()).order_by()
    title = _("Network agreements in force")
    if places is None:
        labels = dict(NetworkAgreement.Responsibility.choices)
        grouped = (
            agreements.values_list("responsibility")
            .annotate(places=Count("municipality", distinct=True), n=Count("pk"))
            .order_by("responsibility")
        )
        rows = [[str(labels.get(key, key)), places, n] for key, places, n in grouped]
        columns = [_("Responsibility"), _("Municipalities"), _("Agreements")]
        counted = table("network-agreements-by-responsibility", title, columns, rows)
        return counted, sum(row[2] for row in rows)
    agreements = agreements.filter(municipality__in=places).select_related(
        "municipality", "organisation", "contact"
    )
    rows = [
        [agreement.municipality.name, agreement.get_responsibility_display(), str(agreement.holder)]
        for agreement in agreements.order_by("municipality__name", "responsibility", "start_date")
    ]
    columns = [_("Municipality"), _("Responsibility"), _("Held by")]
    return Table(key="network-agreements", title=title, columns=columns, rows=rows), len(rows)
