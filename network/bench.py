"""Benchmark measurements of the social map (`make bench`)."""

from django.urls import reverse

from network.models import Domain, Municipality, Organisation
from polrad.accounts.roles import Role
from polrad.benchmark import register_job, register_page

ORGANISATIONS = "/sociale-kaart/organisaties/"


def _filtered(user) -> str:
    municipality = Municipality.objects.order_by("pk").first()
    domain = Domain.objects.order_by("pk").first()
    return f"{ORGANISATIONS}?municipality={municipality.pk}&domain={domain.pk}"


# How deep the measured page lies in the list: page 500 of the national data's ~800, and as
# deep in the quarter-scale data (page ~125), so that the two measure the same thing.
DEEP_PAGE_SHARE = 0.625


def _deep_page(user) -> str:
    """A page five eighths into the list as everybody sees it first (nationally page 500,
    rows 12,476 to 12,500 by name): the link a user reaches by following "next", built here
    with one OFFSET (not measured)."""
    from network.filters import OrganisationFilter
    from network.selectors import organisations_for_list
    from network.views.organisations import PAGE_SIZE
    from polrad.pagination import KeysetPaginator

    listed = OrganisationFilter({}, queryset=organisations_for_list(user)).qs
    pages = -(-listed.count() // PAGE_SIZE)
    number = max(2, round(pages * DEEP_PAGE_SHARE))
    return f"{ORGANISATIONS}?cursor={KeysetPaginator(listed, PAGE_SIZE).page_cursor(number)}"


def _busiest_organisation(user) -> str:
    # The organisation with the most people: the heaviest detail page.
    organisation = Organisation.objects.filter(is_active=True).order_by("-contacts__id").first()
    return reverse("network:organisation-detail", args=[organisation.pk])


register_page("organisations", ORGANISATIONS, role=Role.PROFESSIONAL)
register_page("organisations filtered", _filtered, role=Role.PROFESSIONAL)
register_page("organisations searched", f"{ORGANISATIONS}?q=vereniging", role=Role.PROFESSIONAL)
register_page("organisations deep page", _deep_page, role=Role.PROFESSIONAL)
register_page("contacts", "/sociale-kaart/personen/?key_figure=true", role=Role.PROFESSIONAL)
register_page(
    "people list with last contact (no recent contact)",
    "/sociale-kaart/personen/?out_of_touch=true",
    role=Role.COORDINATOR,
)
register_page("coverage matrix", "/sociale-kaart/dekking/", role=Role.COORDINATOR)
register_page("organisation detail", _busiest_organisation, role=Role.PROFESSIONAL)


def _municipality_with_most_organisations():
    from django.db.models import Count

    return Municipality.objects.annotate(n=Count("organisations")).order_by("-n", "pk").first()


@register_job("social map PDF (one municipality)", setup=_municipality_with_most_organisations)
def _render_social_map_pdf(municipality):
    from django.utils import timezone

    from network.pdf import social_map_data, social_map_pdf

    return social_map_pdf(data=social_map_data(municipality), generated_at=timezone.now())


# The handelingskader: the catalogue with 1,000 interventions (seed_demo --scale), filtered,
# searched, and its busiest detail page.
INTERVENTIONS = "/interventies/"


def _interventions_filtered(user) -> str:
    from network.models import PolarisationForm

    municipality = Municipality.objects.order_by("pk").first()
    form = PolarisationForm.objects.order_by("pk").first()
    return (
        f"{INTERVENTIONS}?kind=preventive&category=youth&form={form.pk}"
        f"&municipality={municipality.pk}&target_group=young_people"
    )


def _busiest_intervention(user) -> str:
    from django.db.models import Count

    from network.models import Intervention

    intervention = (
        Intervention.objects.filter(archived=False)
        .annotate(n=Count("providers"))
        .order_by("-n", "pk")
        .first()
    )
    return reverse("interventions:detail", args=[intervention.pk])


register_page("interventions", INTERVENTIONS, role=Role.PROFESSIONAL)
register_page("interventions filtered", _interventions_filtered, role=Role.PROFESSIONAL)
register_page("interventions searched", f"{INTERVENTIONS}?q=dialoog", role=Role.PROFESSIONAL)
register_page("interventions public", INTERVENTIONS)
register_page("intervention detail", _busiest_intervention, role=Role.PROFESSIONAL)
register_page("situation guidance", f"{INTERVENTIONS}handelen/", role=Role.HANDLER)
