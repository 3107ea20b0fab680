import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.models import Municipality
from polrad.accounts.models import User
from polrad.accounts.services import user_set_roles


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["cbs_code"]

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    # CBS codes are four digits (the column holds six characters). 8000-9998 is free of real
    # codes; the sequence counts on over the whole run, so it wraps (GM9999 stays unknown).
    cbs_code = factory.Sequence(lambda n: f"GM{8000 + n % 1999}")
    province = "Groningen"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            user_set_roles(user=self, roles=extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "authenticator"
    confirmed = True
