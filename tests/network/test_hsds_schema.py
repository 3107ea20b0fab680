"""The HSDS package against Open Referral's own published HSDS 3.0.0 schemas.

tests/network/data/hsds/ holds a copy of the specification's `datapackage.json` and JSON
schemas (openreferral/specification, branch 3.0, with its licence). The test is generic over
the tables the export holds, so a table added later (service, service_at_location) is
checked the same way.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from frictionless import Package

from network.seed import seed_demo
from tests.network.factories import (
    ContactFactory,
    DomainFactory,
    LocationFactory,
    OrganisationFactory,
    ThemeFactory,
)

SPECIFICATION = Path(__file__).parent / "data" / "hsds"
HSDS_EXPORT = reverse("network:hsds-export")


def official_resources() -> dict:
    package = json.loads((SPECIFICATION / "datapackage.json").read_text())
    assert package["version"] == "3.0.0"
    return {resource["name"]: resource for resource in package["resources"]}


def _as_list(value):
    return [value] if isinstance(value, str) else list(value)


def official_schema(spec: dict, header: list[str], present: set[str]) -> dict:
    """The specification's schema of a table, for the columns and tables the package has."""
    fields = {field["name"]: field for field in spec["schema"]["fields"]}
    keys = []
    for key in spec["schema"].get("foreignKeys") or []:
        columns = _as_list(key["fields"])
        if key["reference"]["resource"] in present and set(columns) <= set(header):
            reference = key["reference"]
            keys.append(
                {
                    "fields": columns,
                    "reference": {
                        "resource": reference["resource"],
                        "fields": _as_list(reference["fields"]),
                    },
                }
            )
    return {
        "fields": [fields[name] for name in header],
        "primaryKey": _as_list(spec["schema"]["primaryKey"]),
        "foreignKeys": keys,
    }


def structural_errors(package: dict, spec_resources: dict) -> list[str]:
    """Table names, file names, columns and declared types that differ from HSDS 3.0."""
    errors = []
    for resource in package["resources"]:
        name = resource["name"]
        spec = spec_resources.get(name)
        if spec is None:
            errors.append(f"{name}: not an HSDS 3.0 table")
            continue
        if resource["path"] != spec["path"]:
            errors.append(f"{name}: file {resource['path']}, HSDS says {spec['path']}")
        spec_fields = {field["name"]: field for field in spec["schema"]["fields"]}
        ours = {field["name"]: field for field in resource["schema"]["fields"]}
        for column, field in ours.items():
            official = spec_fields.get(column)
            if official is None:
                errors.append(f"{name}.{column}: not a column of HSDS 3.0")
                continue
            declared = (field["type"], field.get("format", "default"))
            expected = (official["type"], official.get("format", "default"))
            if declared != expected:
                errors.append(f"{name}.{column}: declared {declared}, HSDS says {expected}")
        for column, official in spec_fields.items():
            if official.get("constraints", {}).get("required") and column not in ours:
                errors.append(f"{name}.{column}: required by HSDS, missing")
    return errors


def validation_errors(report) -> list[str]:
    return [
        f"{task.name}: {error.type} {getattr(error, 'field_name', '')} {error.note}"
        for task in report.tasks
        for error in task.errors
    ] + [f"package: {error.type} {error.note}" for error in report.errors]


def check_package(content: bytes, directory: Path) -> None:
    """Fail with every way the zipped package departs from the official HSDS 3.0 schemas."""
    zipfile.ZipFile(io.BytesIO(content)).extractall(directory)
    descriptor = json.loads((directory / "datapackage.json").read_text())
    spec_resources = official_resources()
    assert structural_errors(descriptor, spec_resources) == []

    # The package is valid against its own descriptor ...
    own = Package(str(directory / "datapackage.json"))
    assert validation_errors(own.validate()) == []

    # ... and its data against the specification's field definitions and constraints.
    present = {resource["name"] for resource in descriptor["resources"]}
    resources = []
    for resource in descriptor["resources"]:
        header = [field["name"] for field in resource["schema"]["fields"]]
        schema = official_schema(spec_resources[resource["name"]], header, present)
        resources.append(
            {
                "name": resource["name"],
                "path": resource["path"],
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    official = Package({"name": "hsds", "resources": resources}, basepath=str(directory))
    assert validation_errors(official.validate()) == []


@pytest.fixture
def awkward_map(municipality, other_municipality):
    """Records the forms accept that the HSDS schemas are strict about."""
    domain = DomainFactory(name="Onderwijs", description="")  # term without a description
    ThemeFactory(name="Polarisatie", description="")  # same pk as the domain: same code once
    organisation = OrganisationFactory(
        name="Zonder omschrijving",
        description="",
        municipalities=[municipality],
        domains=[domain],
        website="https://example.org/pad?x=1",
        is_partner=True,
    )
    LocationFactory(organisation=organisation, municipality=None)
    LocationFactory(organisation=organisation, municipality=other_municipality)
    orphan = OrganisationFactory(name="Nergens", municipalities=[])
    LocationFactory(organisation=orphan, municipality=None)
    ContactFactory(organisation=organisation, full_name="An de Vries", phone="+31 50 1234567")
    ContactFactory(organisation=None, full_name="Onafhankelijk", is_key_figure=True)


def test_exported_package_is_valid_against_the_official_hsds_schemas(
    client_for, professional, awkward_map, tmp_path
):
    response = client_for(professional).get(HSDS_EXPORT)
    check_package(b"".join(response.streaming_content), tmp_path)


def test_package_of_the_demo_data_is_valid_against_the_official_hsds_schemas(
    client_for, coordinator, tmp_path
):
    seed_demo(lambda *args: None)
    response = client_for(coordinator).get(HSDS_EXPORT)
    check_package(b"".join(response.streaming_content), tmp_path)


def test_validator_finds_what_the_specification_forbids(tmp_path):
    """The check itself fails on the faults the export once had."""
    spec = official_resources()
    package = {
        "resources": [
            {
                "name": "organization",
                "path": "organization.csv",
                "schema": {"fields": [{"name": "id", "type": "string", "format": "uuid"}]},
            },
            {
                "name": "attribute",
                "path": "attributes.csv",
                "schema": {"fields": [{"name": "label", "type": "string"}]},
            },
            {
                "name": "taxonomy",
                "path": "taxonomies.csv",
                "schema": {"fields": [{"name": "uri", "type": "string"}]},
            },
        ]
    }
    errors = "\n".join(structural_errors(package, spec))
    assert "organization: file organization.csv, HSDS says organizations.csv" in errors
    assert "organization.description: required by HSDS, missing" in errors
    assert "attribute.label: not a column of HSDS 3.0" in errors
    assert "taxonomy.uri: declared ('string', 'default'), HSDS says ('string', 'uri')" in errors
