import pytest
from django.urls import reverse

from tests.interventions.factories import InterventionFactory, ProviderFactory
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _cells(response, municipality):
    row = next(r for r in response.context["rows"] if r["municipality"] == municipality)
    return {cell["term"].pk: cell["count"] for cell in row["cells"]}, row["white_spots"]


def test_coverage_shows_interventions_on_offer_per_municipality_and_category(
    client_for, professional, municipality, other_municipality
):
    organisation = OrganisationFactory(municipalities=[municipality])
    for intervention in InterventionFactory.create_batch(2, category="youth"):
        ProviderFactory(intervention=intervention, organisation=organisation)
    # a second provider of the same intervention does not count it twice
    ProviderFactory(
        intervention=intervention, organisation=OrganisationFactory(municipalities=[municipality])
    )
    archived = InterventionFactory(category="municipal", archived=True)
    ProviderFactory(intervention=archived, organisation=organisation)
    response = client_for(professional).get(reverse("network:coverage"), {"axis": "interventions"})
    cells, white_spots = _cells(response, municipality)
    assert cells["youth"] == 2 and cells["municipal"] == 0 and white_spots == 4
    assert _cells(response, other_municipality)[1] == 5
    html = response.content.decode()
    assert f"/interventies/?municipality={municipality.pk}&category=youth" in html


@pytest.mark.parametrize("count", [10, 100])
def test_coverage_of_the_offer_runs_the_same_queries(
    client_for, professional, municipality, django_assert_max_num_queries, count
):
    organisation = OrganisationFactory(municipalities=[municipality])
    for intervention in InterventionFactory.create_batch(count):
        ProviderFactory(intervention=intervention, organisation=organisation)
    client = client_for(professional)
    with django_assert_max_num_queries(10):
        client.get(reverse("network:coverage"), {"axis": "interventions"})
