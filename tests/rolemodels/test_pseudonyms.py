"""The mentee's pseudonym refuses what looks like a name, email, phone number or address."""

import pytest

from rolemodels.mentoring.pseudonyms import looks_identifying


@pytest.mark.parametrize(
    "value",
    [
        "Jongere A",
        "Vos",
        "M-17",
        "Mentee 3",
        "de stille",
        "Zonnebloem",
    ],
)
def test_made_up_names_are_accepted(value):
    assert not looks_identifying(value)


@pytest.mark.parametrize(
    "value",
    [
        "jan.jansen@example.org",
        "06-12345678",
        "+31 6 1234 5678",
        "050 123 45 67",
        "9711 AB 12",
        "12 9711AB",
        "Kerkstraat 12",
        "Karel Appel",
        "Jan de Vries",
        "Anne van der Berg",
        "Mohammed",
        "fatima",
    ],
)
def test_names_contact_details_and_addresses_are_refused(value):
    assert looks_identifying(value)
