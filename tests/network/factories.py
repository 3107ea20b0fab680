"""Factories of the social map. Shared by all network tests: add, do not replace."""

import factory
from django.utils import timezone

from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Language,
    Location,
    MapRequest,
    NetworkAgreement,
    Organisation,
    Theme,
)
from tests.factories import MunicipalityFactory


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Domein {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Thema {n}")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Aangrijpingspunt {n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Taal {n}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Gemeenschap {n}")


def _set_m2m(field):
    def setter(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.post_generation(setter)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n:04d}")
    kind = Organisation.Kind.WELFARE
    email = factory.Sequence(lambda n: f"org{n}@example.org")
    phone = "050-1234567"
    last_verified_at = factory.LazyFunction(timezone.now)
    domains = _set_m2m("domains")
    themes = _set_m2m("themes")
    contributions = _set_m2m("contributions")
    municipalities = _set_m2m("municipalities")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    address = "Hoofdstraat 1"
    postal_code = "9711 LM"
    city = "Groningen"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Persoon {n:04d}")
    function = "Medewerker"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "06-12345678"
    last_verified_at = factory.LazyFunction(timezone.now)
    languages = _set_m2m("languages")
    communities = _set_m2m("communities")
    domains = _set_m2m("domains")
    municipalities = _set_m2m("municipalities")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkAgreement

    municipality = factory.SubFactory(MunicipalityFactory)
    responsibility = NetworkAgreement.Responsibility.FIRST_CONTACT
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))


class MapRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MapRequest

    full_name = factory.Sequence(lambda n: f"Aanvrager {n:04d}")
    email = factory.Sequence(lambda n: f"aanvrager{n}@example.org")
    organisation = factory.Sequence(lambda n: f"Organisatie {n:04d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    purpose = "Samenwerken"
