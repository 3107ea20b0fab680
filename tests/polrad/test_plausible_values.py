"""Every date and number a form accepts has a plausible range (issue #13, 9).

The sweep finds every form of the project, fills each of its date and number fields in turn
with an extreme value (year 1, year 9999, 0, negative, huge) and expects that field to be
refused with a Dutch message. Forms are found, not listed, so a new form is swept too.
"""

import contextlib
import importlib
import inspect
import pkgutil
from datetime import date, datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation

import network
import polrad
import rolemodels
import signals
import trainings
from network.models import Municipality
from polrad.analysis.seed import definitions_ensure
from polrad.validators import PlausibleDateValidator, check_date, date_bounds
from tests.analysis.factories import AnalysisFactory
from tests.factories import MunicipalityFactory, UserFactory
from tests.network.factories import OrganisationFactory
from tests.rolemodels.factories import RoleModelFactory
from tests.signals.factories import ConcernFactory
from tests.trainings.factories import ProgrammeFactory, SessionFactory

# The first kind a field is an instance of decides (a DecimalField is an IntegerField too).
EXTREMES = {
    forms.DateTimeField: ["0001-01-01T09:00", "9999-12-31T09:00"],
    forms.DateField: ["0001-01-01", "9999-12-31"],
    forms.DecimalField: ["-1000", "1000"],
    forms.IntegerField: ["0", "-1", "99999999999"],
}
# Number fields where 0 is a meaningful answer (a position in a list, a version 0).
ZERO_ALLOWED = {("GuidanceForm", "position")}


def _form_modules():
    for package in (network, polrad, rolemodels, signals, trainings):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if "form" in module.name.rsplit(".", 1)[-1] and "migrations" not in module.name:
                yield importlib.import_module(module.name)


def _forms():
    found = {}
    for module in _form_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return sorted(found.items())


def _swept_fields(cls):
    for name, field in cls.base_fields.items():
        for kind, values in EXTREMES.items():
            if isinstance(field, kind):
                for value in values:
                    if value == "0" and (cls.__name__, name) in ZERO_ALLOWED:
                        continue
                    yield name, value
                break


CASES = [
    pytest.param(
        cls,
        name,
        value,
        id=f"{path}.{name}={value}",
    )
    for path, cls in _forms()
    for name, value in _swept_fields(cls)
]


def _arguments(cls):
    """Keyword arguments the form's constructor asks for, from small test objects."""
    makers = {
        "programme": ProgrammeFactory,
        "session": SessionFactory,
        "role_model": RoleModelFactory,
        "concern": ConcernFactory,
        "municipality": MunicipalityFactory,
        "municipalities": lambda: Municipality.objects.filter(pk=MunicipalityFactory().pk),
        "scoped": lambda: False,
        "source": OrganisationFactory,
        "preconditions": lambda: definitions_ensure()[1],
        "analysis": AnalysisFactory,
        "steps": list,
        "items": dict,
        "content": lambda: None,
    }
    kwargs = {}
    for param in inspect.signature(cls.__init__).parameters.values():
        if param.kind is not param.KEYWORD_ONLY or param.default is not param.empty:
            continue
        maker = makers.get(param.name)
        kwargs[param.name] = maker() if maker else UserFactory()
    return kwargs


def _errors_of(cls, kwargs, name, value):
    data = QueryDict(mutable=True)
    data[cls(**kwargs).add_prefix(name)] = value
    form = cls(data=data, **kwargs)
    # A form-wide check may trip over the other, empty fields; the field's errors stand.
    with contextlib.suppress(KeyError, TypeError, AttributeError):
        form.is_valid()
    return form.errors.get(name, [])


def test_the_sweep_finds_the_forms_of_every_app():
    names = {cls.__name__ for _path, cls in _forms()}
    assert {"SessionForm", "ProfileForm", "ConcernForm", "ContactForm", "ActivityForm"} <= names
    assert len(CASES) > 60


@pytest.mark.django_db
@pytest.mark.parametrize(("cls", "name", "value"), CASES)
def test_every_date_and_number_of_every_form_refuses_extremes_in_dutch(cls, name, value):
    kwargs = _arguments(cls)
    with translation.override("nl"):
        dutch = [str(error) for error in _errors_of(cls, kwargs, name, value)]
    assert dutch, f"{cls.__name__}.{name} accepted {value}"
    with translation.override("en"):
        english = [str(error) for error in _errors_of(cls, kwargs, name, value)]
    assert dutch != english, f"{cls.__name__}.{name}: the message is not translated: {dutch}"


@pytest.mark.parametrize(
    ("kind", "day", "valid"),
    [
        ("past", date(1899, 12, 31), False),
        ("past", date(1900, 1, 1), True),
        ("past", date.today(), True),
        ("recent", date(1, 1, 1), False),
        ("planning", datetime(1, 1, 1, 9), False),
        ("planning", datetime(9999, 12, 31, 9), False),
    ],
)
def test_plausible_date_kinds(kind, day, valid):
    earliest, latest = date_bounds(kind)
    assert earliest <= date.today() <= latest
    if valid:
        check_date(day, kind)
    else:
        with pytest.raises(ValidationError):
            PlausibleDateValidator(kind)(day)
