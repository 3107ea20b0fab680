import pytest

from polrad.analysis.seed import TABLE_DOMAINS, definitions_ensure
from tests.network.factories import DomainFactory


@pytest.fixture
def definitions(db):
    """Version 1 of the checklist and of the preconditions, with the four table domains."""
    for name in TABLE_DOMAINS:
        DomainFactory(name=name)
    return definitions_ensure()


@pytest.fixture
def definition(definitions):
    return definitions[0]


@pytest.fixture
def preconditions(definitions):
    return definitions[1]
