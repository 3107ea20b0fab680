"""The section "Analysis and direction" of the municipal dashboard, and basis op orde side by
side in the annual report."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from polrad.analysis import services
from polrad.periods import year as year_period
from polrad.reports import figures
from tests.analysis.factories import ActionFactory, AnalysisFactory
from tests.network.factories import OrganisationFactory


def _assess(municipality, preconditions, day, status):
    return services.assessment_create(
        municipality=municipality,
        preconditions=preconditions,
        version=preconditions.version,
        data={"date": day, "items": [(i, status, "", None) for i in preconditions.items.all()]},
        by=None,
    )


def test_the_municipal_dashboard_shows_the_latest_analysis_and_basis_beside_the_previous(
    client_for, municipal_employee, municipality, definition, preconditions
):
    today = timezone.localdate()
    AnalysisFactory(municipality=municipality, title="Oud", date=today - timedelta(days=400))
    latest = AnalysisFactory(municipality=municipality, title="Nieuw", date=today)
    latest.phase = definition.items.get(label="Spanning")
    latest.save()
    ActionFactory(analysis=latest, status="done")
    ActionFactory(analysis=latest, status="open", due_date=today - timedelta(days=1))
    _assess(municipality, preconditions, today - timedelta(days=300), "not")
    _assess(municipality, preconditions, today - timedelta(days=3), "in_order")
    report = figures.municipal_report(
        municipalities=[municipality], period=year_period(today.year - 1)
    )
    latest_row = report.table("analysis-latest").rows[0]
    assert latest_row[1].startswith("Nieuw") and latest_row[2] == "Spanning"
    assert latest_row[5:] == [1, 1, 1]  # done, open, overdue
    basis = report.table("analysis-basis").rows[0]
    assert (
        basis[1] == "Visie"
        and basis[2].startswith("Op orde")
        and basis[3].startswith("Niet op orde")
    )
    page = client_for(municipal_employee).get(reverse("reports:municipal", args=[municipality.pk]))
    assert "Analyse en regie" in page.content.decode()


def test_the_annual_report_shows_basis_op_orde_side_by_side(
    municipality, other_municipality, preconditions
):
    year = timezone.localdate().year - 1
    _assess(municipality, preconditions, timezone.datetime(year, 3, 1).date(), "partly")
    _assess(municipality, preconditions, timezone.datetime(year + 1, 1, 2).date(), "in_order")
    report = figures.annual_report(year=year)
    table = report.table("basis-side-by-side")
    assert table.columns[2] == "Visie"
    rows = {row[0]: row for row in table.rows}
    assert rows["Groningen"][2] == "Deels"  # the assessment of that year, not the later one
    assert rows["Westerwolde"][1] == "—"


def test_coverage_matrix_shows_partners_without_a_working_method(
    client_for, coordinator, municipality
):
    from network.models import OrganisationPolicy

    with_method = OrganisationFactory(is_partner=True, municipalities=[municipality])
    OrganisationFactory(is_partner=True, municipalities=[municipality])  # nothing recorded
    empty = OrganisationFactory(is_partner=True, municipalities=[municipality])
    OrganisationPolicy.objects.create(
        organisation=with_method, has_vision=True, working_method="Ja"
    )
    OrganisationPolicy.objects.create(organisation=empty, has_vision=False, working_method="")
    page = client_for(coordinator).get("/sociale-kaart/dekking/?axis=partners").content.decode()
    assert "Partners zonder werkwijze" in page
    assert '<td>3</td><td class="white-spot">2' in page
