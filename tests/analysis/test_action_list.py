"""The action list: what each row says, the filters, the pages, the filter form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from polrad.analysis.models import Assessment, AssessmentItem
from polrad.analysis.views.actions import PAGE_SIZE
from polrad.analysis.workflow import ActionStatus
from tests.analysis.factories import ActionFactory, AnalysisFactory
from tests.factories import MunicipalityFactory
from tests.network.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("analysis:actions")


@pytest.fixture
def today():
    return timezone.localdate()


def _rows(response):
    return response.context["actions"]


def test_a_row_says_what_who_when_and_where_from(
    client_for, municipal_employee, municipality, preconditions, today
):
    analysis = AnalysisFactory(municipality=municipality, title="Spanning <plein>")
    person = ContactFactory(full_name="Fatma & Co")
    late = ActionFactory(
        analysis=analysis,
        what="Gesprek met de school",
        owner_organisation=OrganisationFactory(name="Wijkteam"),
        owner_contact=person,
        due_date=today - timedelta(days=3),
        status=ActionStatus.IN_PROGRESS,
    )
    item = AssessmentItem.objects.create(
        assessment=Assessment.objects.create(
            municipality=municipality, date=today, preconditions=preconditions
        ),
        precondition=preconditions.items.first(),
        status="partly",
    )
    basis = ActionFactory(
        analysis=None, assessment_item=item, municipality=municipality, due_date=today
    )
    response = client_for(municipal_employee).get(URL)
    first, second = _rows(response)
    assert (first.pk, second.pk) == (late.pk, basis.pk)  # soonest first
    assert first.owner == "Fatma & Co" and first.overdue and not second.overdue
    html = response.content.decode()
    edit = reverse("analysis:action-edit", args=[late.pk])
    assert f'<a href="{edit}">Gesprek met de school</a>' in html
    assert "<td>Fatma &amp; Co</td>" in html and "<td>In uitvoering</td>" in html
    due = late.due_date
    assert f'{due.day}-{due.month}-{due.year} <span class="badge text-bg-danger">over tijd' in html
    assert f'Groningen: <a href="{analysis.get_absolute_url()}">Spanning &lt;plein&gt;</a>' in html
    assert f"Groningen: Basis op orde — {item.precondition.label}" in html


def test_filters_overdue_closed_and_owner(
    client_for, municipal_employee, municipality, definition, today
):
    analysis = AnalysisFactory(municipality=municipality)
    overdue = ActionFactory(analysis=analysis, due_date=today - timedelta(days=1))
    soon = ActionFactory(analysis=analysis, due_date=today + timedelta(days=5))
    done = ActionFactory(analysis=analysis, due_date=today - timedelta(days=2), status="done")
    by_person = ActionFactory(
        analysis=analysis,
        owner_organisation=None,
        owner_contact=ContactFactory(full_name="Henk de Vries"),
        due_date=today + timedelta(days=40),
    )
    client = client_for(municipal_employee)

    def shown(**params):
        return [row.pk for row in _rows(client.get(URL, params))]

    assert shown() == [overdue.pk, soon.pk, by_person.pk]
    assert shown(due="overdue") == [overdue.pk]
    assert shown(due="week") == [soon.pk]
    assert shown(due="overdue", closed="on") == [done.pk, overdue.pk]
    assert shown(owner="de vries") == [by_person.pk]
    assert shown(owner=soon.owner_organisation.name) == [soon.pk]


def test_a_coordinator_filters_by_municipality(client_for, coordinator, municipality, definition):
    here = ActionFactory(analysis=AnalysisFactory(municipality=municipality))
    ActionFactory(analysis=AnalysisFactory(municipality=MunicipalityFactory()))
    client = client_for(coordinator)
    assert len(_rows(client.get(URL))) == 2
    rows = _rows(client.get(URL, {"municipality": municipality.pk}))
    assert [row.pk for row in rows] == [here.pk]


def test_the_pages_show_every_action_once_in_order(
    client_for, municipal_employee, municipality, definition, today
):
    analysis = AnalysisFactory(municipality=municipality)
    actions = [
        ActionFactory(analysis=analysis, due_date=today + timedelta(days=index % 7))
        for index in range(PAGE_SIZE + 3)
    ]
    client = client_for(municipal_employee)
    pages = [_rows(client.get(URL, {"page": page})) for page in (1, 2)]
    assert [len(rows) for rows in pages] == [PAGE_SIZE, 3]
    expected = sorted(actions, key=lambda action: (action.due_date, action.pk))
    assert [row.pk for rows in pages for row in rows] == [action.pk for action in expected]


def test_the_filter_form_labels_every_field_and_marks_bad_input(
    client_for, municipal_employee, municipality, definition
):
    response = client_for(municipal_employee).get(URL, {"due": "gisteren"})
    html = response.content.decode()
    for name, label in [
        ("municipality", "Gemeente"),
        ("owner", "Eigenaar"),
        ("due", "Uiterlijk"),
        ("closed", "Ook afgerond en vervallen"),
    ]:
        assert f'for="id_{name}"' in html and f">{label}</label>" in html
    assert 'aria-invalid="true"' in html and 'id="id_due_error"' in html
    assert "Selecteer een geldige keuze" in html
