"""Interventions in the HSDS package: `service` and `service_at_location`, valid against the
official HSDS 3.0 schemas like every other table."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from network.interventions.seed import seed_demo as seed_interventions
from network.seed import seed_demo as seed_map
from tests.interventions.factories import InterventionFactory, ProviderFactory
from tests.network.factories import LocationFactory, OrganisationFactory
from tests.network.test_hsds_schema import check_package

pytestmark = pytest.mark.django_db
HSDS_EXPORT = reverse("network:hsds-export")


def _table(content: bytes, path: str) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return list(csv.DictReader(io.TextIOWrapper(archive.open(path), encoding="utf-8")))


def test_each_provider_of_a_current_intervention_is_a_service_at_its_locations(
    client_for, professional, municipality
):
    organisation = OrganisationFactory(municipalities=[municipality])
    LocationFactory(organisation=organisation, municipality=municipality)
    LocationFactory(organisation=organisation, municipality=municipality)
    intervention = InterventionFactory(name="Buurtbemiddeling", costs="Gratis")
    ProviderFactory(intervention=intervention, organisation=organisation)
    ProviderFactory(intervention=intervention)  # a second provider, without a location
    ProviderFactory(intervention=InterventionFactory(archived=True), organisation=organisation)
    response = client_for(professional).get(HSDS_EXPORT)
    content = b"".join(response.streaming_content)
    services = _table(content, "services.csv")
    assert sorted(s["name"] for s in services) == ["Buurtbemiddeling", "Buurtbemiddeling"]
    assert {s["status"] for s in services} == {"active"} and services[0]["fees_description"]
    assert len(_table(content, "service_at_location.csv")) == 2
    kinds = [a for a in _table(content, "attributes.csv") if a["link_entity"] == "service"]
    assert {a["link_type"] for a in kinds} == {"intervention_kind", "practice_category"}


def test_package_with_the_demo_catalogue_is_valid_against_the_official_schemas(
    client_for, coordinator, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo documents are stored files
    seed_map(lambda *args: None)
    seed_interventions(lambda *args: None)
    response = client_for(coordinator).get(HSDS_EXPORT)
    content = b"".join(response.streaming_content)
    check_package(content, tmp_path)
    assert len(_table(content, "services.csv")) > 18
    assert _table(content, "service_at_location.csv")
