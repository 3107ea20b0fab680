"""The report pages: who sees which dashboard, how the period is read, the CSV of each table."""

import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from polrad import periods
from polrad.period_forms import default_period, period_params
from polrad.reports import views as report_views
from polrad.reports.data import Table
from polrad.reports.models import StoredReport
from rolemodels.workflow import ActivityState
from tests.factories import MunicipalityFactory
from tests.reports.sample import sample_report
from tests.rolemodels.factories import ActivityFactory

TODAY = datetime(2026, 11, 22, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
LAST_QUARTER = periods.quarter(2026, 3)
INDEX = reverse("reports:index")


def dashboard(municipality, **params):
    return reverse("reports:municipal", args=[municipality.pk]), params


def csv_url(municipality, table="activities-by-theme"):
    return reverse("reports:municipal-csv", args=[municipality.pk, table])


@pytest.fixture(autouse=True)
def november_2026():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def asked(monkeypatch):
    """The report functions replaced by the hand-built report; records what was asked."""
    calls = []

    def municipal_report(*, municipalities, period, title=None):
        calls.append({"municipalities": municipalities, "period": period})
        report = sample_report(place=municipalities[0].name)
        report.period, report.previous = period, period.previous
        return report

    def annual_report(*, year):
        calls.append({"year": year})
        report = sample_report(place="Provincie Groningen")
        report.period = periods.year(year)
        report.previous = report.period.previous
        return report

    monkeypatch.setattr(report_views.figures, "municipal_report", municipal_report)
    monkeypatch.setattr(report_views.figures, "annual_report", annual_report)
    return calls


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# Permissions ------------------------------------------------------------------------------


def test_municipal_staff_see_the_dashboard_of_their_municipality(
    client_for, municipal_employee, municipality, asked
):
    url, params = dashboard(municipality)
    response = client_for(municipal_employee).get(url, params)
    assert response.status_code == 200
    assert asked[0]["municipalities"] == [municipality]
    assert "no-store" in response["Cache-Control"]  # concern figures stay out of caches


def test_municipal_staff_get_404_for_another_municipality(
    client_for, municipal_employee, other_municipality, asked
):
    client = client_for(municipal_employee)
    assert client.get(dashboard(other_municipality)[0]).status_code == 404
    assert client.get(csv_url(other_municipality)).status_code == 404
    assert asked == []


def test_municipal_staff_get_404_for_a_municipality_that_does_not_exist(
    client_for, municipal_employee, asked
):
    url = reverse("reports:municipal", args=[987654])
    assert client_for(municipal_employee).get(url).status_code == 404


def test_coordinator_sees_the_dashboard_of_any_municipality(
    client_for, coordinator, municipality, other_municipality, asked
):
    client = client_for(coordinator)
    assert client.get(dashboard(other_municipality)[0]).status_code == 200
    assert client.get(csv_url(municipality)).status_code == 200


def test_deactivated_municipality_has_no_dashboard(client_for, coordinator, asked):
    gone = MunicipalityFactory(name="Ten Boer", cbs_code="GM0009", is_active=False)
    assert client_for(coordinator).get(dashboard(gone)[0]).status_code == 404


@pytest.mark.parametrize("persona", ["role_model", "professional", "handler", "outsider"])
def test_other_roles_are_refused_reports(request, client_for, persona, municipality, asked):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(INDEX).status_code == 403
    assert client.get(dashboard(municipality)[0]).status_code == 403
    assert client.get(csv_url(municipality)).status_code == 403
    assert client.get(reverse("reports:annual", args=[2025])).status_code == 403
    assert asked == []


def test_anonymous_visitors_are_sent_to_login(client, municipality, asked):
    login = reverse("accounts:login")
    for url in (
        INDEX,
        dashboard(municipality)[0],
        csv_url(municipality),
        reverse("reports:annual", args=[2025]),
        reverse("reports:annual-csv", args=[2025, "activities-by-theme"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login), url


def test_coordinator_sees_the_annual_report(client_for, coordinator, asked):
    response = client_for(coordinator).get(reverse("reports:annual", args=[2025]))
    assert response.status_code == 200
    assert asked == [{"year": 2025}]
    assert "Provincie Groningen" in response.content.decode()


def test_municipal_staff_cannot_see_the_annual_report(client_for, municipal_employee, asked):
    client = client_for(municipal_employee)
    assert client.get(reverse("reports:annual", args=[2025])).status_code == 403
    csv_address = reverse("reports:annual-csv", args=[2025, "activities-by-theme"])
    assert client.get(csv_address).status_code == 403


@pytest.mark.parametrize("year", [1999, 2027, 9999])
def test_annual_report_of_a_year_out_of_range_is_not_found(client_for, coordinator, year, asked):
    assert client_for(coordinator).get(reverse("reports:annual", args=[year])).status_code == 404
    assert asked == []


# The index --------------------------------------------------------------------------------


def test_index_lists_only_the_municipalities_in_scope(
    client_for, municipal_employee, municipality, other_municipality
):
    body = client_for(municipal_employee).get(INDEX).content.decode()
    assert "Groningen" in body and "Westerwolde" not in body
    assert f"{dashboard(municipality)[0]}?periode=kwartaal&amp;jaar=2026&amp;kwartaal=3" in body
    assert reverse("reports:annual", args=[2026]) not in body


def test_index_shows_coordinators_the_annual_reports(client_for, coordinator):
    body = client_for(coordinator).get(INDEX).content.decode()
    assert reverse("reports:annual", args=[2025]) in body


def test_index_form_goes_to_the_dashboard_with_the_period(
    client_for, municipal_employee, municipality
):
    params = {"gemeente": municipality.pk, "periode": "maand", "jaar": 2026, "maand": 10}
    response = client_for(municipal_employee).get(INDEX, params)
    assert response.status_code == 302
    assert response.url == f"{dashboard(municipality)[0]}?periode=maand&jaar=2026&maand=10"


def test_index_form_refuses_a_municipality_out_of_scope(
    client_for, municipal_employee, other_municipality
):
    params = {"gemeente": other_municipality.pk, "periode": "jaar", "jaar": 2026}
    response = client_for(municipal_employee).get(INDEX, params)
    assert response.status_code == 200
    assert "gemeente" in response.context["form"].errors


# The period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, LAST_QUARTER),
        ({"periode": "jaar", "jaar": "2026"}, periods.year(2026)),
        ({"periode": "kwartaal", "jaar": "2026", "kwartaal": "3"}, periods.quarter(2026, 3)),
        ({"periode": "maand", "jaar": "2026", "maand": "10"}, periods.month(2026, 10)),
        (
            {"periode": "aangepast", "van": "2026-01-01", "tot": "2026-03-31"},
            periods.custom(date(2026, 1, 1), date(2026, 3, 31)),
        ),
        # Fields of another kind of period are ignored.
        ({"periode": "jaar", "jaar": "2025", "maand": "13", "van": "x"}, periods.year(2025)),
    ],
)
def test_dashboard_reads_the_period(
    client_for, municipal_employee, municipality, asked, params, expected
):
    url, _params = dashboard(municipality)
    response = client_for(municipal_employee).get(url, params)
    assert response.status_code == 200
    assert asked[0]["period"] == expected
    assert response.context["rejected"] is False


@pytest.mark.parametrize(
    "params",
    [
        {"periode": "week"},
        {"periode": "jaar"},
        {"periode": "jaar", "jaar": "abc"},
        {"periode": "jaar", "jaar": "1999"},
        {"periode": "kwartaal", "jaar": "2026", "kwartaal": "5"},
        {"periode": "kwartaal", "jaar": "2026"},
        {"periode": "maand", "jaar": "2026", "maand": "13"},
        {"periode": "aangepast", "van": "2026-03-31", "tot": "2026-01-01"},
        {"periode": "aangepast", "van": "2026-01-01"},
        {"periode": "aangepast", "van": "31-31-2026", "tot": "2026-02-01"},
        {"periode": "aangepast", "van": "0001-01-01", "tot": "2026-02-01"},
        {"periode": "aangepast", "van": "2026-01-01", "tot": "9999-12-31"},
        {"jaar": "2026"},
    ],
)
def test_bad_period_shows_the_default_period_with_a_message(
    client_for, municipal_employee, municipality, asked, params
):
    url, _params = dashboard(municipality)
    response = client_for(municipal_employee).get(url, params)
    assert response.status_code == 200
    assert response.context["rejected"] is True
    assert response.context["form"].errors
    assert asked[0]["period"] == LAST_QUARTER
    assert 'class="alert alert-warning"' in response.content.decode()


def test_csv_with_a_bad_period_is_a_bad_request(
    client_for, municipal_employee, municipality, asked
):
    response = client_for(municipal_employee).get(csv_url(municipality), {"periode": "week"})
    assert response.status_code == 400
    assert asked == []


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 11, 22), periods.quarter(2026, 3)),
        (date(2026, 1, 1), periods.quarter(2025, 4)),
        (date(2026, 4, 1), periods.quarter(2026, 1)),
    ],
)
def test_default_period_is_the_last_complete_quarter(today, expected):
    assert default_period(today) == expected


@pytest.mark.parametrize(
    "period",
    [
        periods.month(2026, 2),
        periods.quarter(2025, 4),
        periods.year(2024),
        periods.custom(date(2026, 1, 5), date(2026, 2, 9)),
    ],
)
def test_period_params_choose_the_same_period_again(
    client_for, municipal_employee, municipality, asked, period
):
    url, _params = dashboard(municipality)
    client_for(municipal_employee).get(url, period_params(period))
    assert asked[0]["period"] == period


# What the page shows ----------------------------------------------------------------------


def test_dashboard_shows_figures_tables_charts_and_highlights(
    client_for, municipal_employee, municipality, asked
):
    url, _params = dashboard(municipality)
    response = client_for(municipal_employee).get(url, {"periode": "jaar", "jaar": "2025"})
    body = response.content.decode()
    # Key figures: this period beside the previous one, named by their labels.
    assert '<th scope="col" class="text-end">2025</th>' in body
    assert '<th scope="col" class="text-end">2024 ' in body
    assert '<td class="text-end">734</td>' in body and '<td class="text-end">612</td>' in body
    # The chart with its title and description, and the table of the same figures beside it.
    assert '<svg class="chart-svg" role="img"' in body
    assert '<title id="chart-activities-by-theme-title">Activiteiten per thema</title>' in body
    assert "<caption>Activiteiten per thema</caption>" in body
    assert "Gastles op het Noorderpoort over online haat" in body
    assert '<td class="text-end">&lt; 5</td>' in body
    csv_link = f"{csv_url(municipality)}?periode=jaar&amp;jaar=2025"
    assert csv_link in body
    assert 'href="#section-concerns"' in body


def test_reports_stays_the_current_menu_item_on_a_dashboard(
    client_for, municipal_employee, municipality, asked
):
    response = client_for(municipal_employee).get(dashboard(municipality)[0])
    current = [item["url"] for item in response.context["navigation"] if item["active"]]
    assert current == [INDEX]


def test_annual_report_links_its_csv_without_period_parameters(client_for, coordinator, asked):
    body = client_for(coordinator).get(reverse("reports:annual", args=[2025])).content.decode()
    assert f'href="{reverse("reports:annual-csv", args=[2025, "activities-by-theme"])}"' in body


def test_pdf_form_posts_the_parameters_of_the_dashboard(
    client_for, municipal_employee, municipality, asked
):
    url, _params = dashboard(municipality)
    body = (
        client_for(municipal_employee)
        .get(url, period_params(periods.month(2026, 10)))
        .content.decode()
    )
    form = body[body.index(f'action="{reverse("reports:pdf-request")}"') :]
    for name, value in [
        ("kind", "municipal"),
        ("gemeente", municipality.pk),
        ("periode", "maand"),
        ("jaar", 2026),
        ("maand", 10),
    ]:
        assert f'<input type="hidden" name="{name}" value="{value}">' in form


def test_pdf_form_asks_the_pdf_view_for_the_same_report(
    client_for, municipal_employee, municipality, asked
):
    client = client_for(municipal_employee)
    url, _params = dashboard(municipality)
    period = periods.custom(date(2026, 2, 1), date(2026, 4, 15))
    body = client.get(url, period_params(period)).content.decode()
    form = body[body.index(f'action="{reverse("reports:pdf-request")}"') :]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
    response = client.post(reverse("reports:pdf-request"), fields)
    assert response.status_code == 302
    stored = StoredReport.objects.get()
    assert (stored.municipality, stored.period) == (municipality, period)


def test_pdf_form_of_the_annual_report_names_the_year(client_for, coordinator, asked):
    body = client_for(coordinator).get(reverse("reports:annual", args=[2025])).content.decode()
    assert f'action="{reverse("reports:pdf-request")}"' in body
    assert '<input type="hidden" name="kind" value="annual">' in body
    assert '<input type="hidden" name="jaar" value="2025">' in body


# CSV --------------------------------------------------------------------------------------


def test_csv_has_the_header_and_rows_of_the_table(
    client_for, municipal_employee, municipality, asked
):
    response = client_for(municipal_employee).get(
        csv_url(municipality), {"periode": "kwartaal", "jaar": "2026", "kwartaal": "2"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        'attachment; filename="groningen-activities-by-theme-kwartaal-2026-2.csv"'
    )
    assert rows_of(response) == [
        ["Thema", "Activiteiten"],
        ["Online polarisatie", "12"],
        ["Discriminatie", "9"],
        ["Weerbaarheid", "7"],
    ]
    assert asked[0]["period"] == periods.quarter(2026, 2)


def test_csv_keeps_suppressed_cells_suppressed(client_for, coordinator, municipality, asked):
    response = client_for(coordinator).get(csv_url(municipality, "concerns-by-category"))
    assert rows_of(response)[1:] == [["Extreemrechts", "9"], ["Jihadisme", "< 5"], ["Overig", "*"]]


def test_csv_neutralises_formulas(client_for, coordinator, municipality, monkeypatch):
    report = sample_report()
    report.sections[0].tables.append(
        Table(
            key="organisations",
            title="Organisaties",
            columns=["=Naam", "Aantal"],
            rows=[['=HYPERLINK("http://evil.example","klik")', 3], ["@SUM(A1)", "-2+3"]],
        )
    )
    monkeypatch.setattr(report_views.figures, "municipal_report", lambda **kwargs: report)
    response = client_for(coordinator).get(csv_url(municipality, "organisations"))
    assert rows_of(response) == [
        ["'=Naam", "Aantal"],
        ['\'=HYPERLINK("http://evil.example","klik")', "3"],
        ["'@SUM(A1)", "'-2+3"],
    ]


def test_csv_of_an_unknown_table_is_not_found(client_for, coordinator, municipality, asked):
    assert client_for(coordinator).get(csv_url(municipality, "nope")).status_code == 404


def test_annual_csv(client_for, coordinator, asked):
    address = reverse("reports:annual-csv", args=[2025, "activities-by-theme"])
    response = client_for(coordinator).get(address)
    assert response.status_code == 200
    assert rows_of(response)[0] == ["Thema", "Activiteiten"]
    assert response["Content-Disposition"] == (
        'attachment; filename="provincie-groningen-activities-by-theme-jaar-2025.csv"'
    )
    assert (
        client_for(coordinator).get(reverse("reports:annual-csv", args=[2025, "nope"])).status_code
        == 404
    )


# Through the real figures -----------------------------------------------------------------


@pytest.fixture
def approved_activities(municipality):
    """Approved activities in Groningen, one a month through 2026 up to October."""
    found = []
    for number in range(1, 11):
        found.append(
            ActivityFactory(
                role_model__municipality=municipality,
                municipality=municipality,
                date=date(2026, number, 12),
                state=ActivityState.APPROVED,
                participants=10 + number,
            )
        )
    return found


def test_dashboard_shows_the_real_figures_of_the_period(
    client_for, municipal_employee, municipality, approved_activities
):
    url, _params = dashboard(municipality)
    response = client_for(municipal_employee).get(
        url, {"periode": "kwartaal", "jaar": "2026", "kwartaal": "3"}
    )
    assert response.status_code == 200
    report = response.context["report"]
    figures = {f.key: (f.now, f.before) for s in report.sections for f in s.figures}
    assert figures["activities"] == (3, 3)
    assert figures["participants"] == (17 + 18 + 19, 14 + 15 + 16)


def test_csv_of_the_real_figures(client_for, municipal_employee, municipality, approved_activities):
    address = csv_url(municipality, "activities-by-month")
    response = client_for(municipal_employee).get(address, {"periode": "jaar", "jaar": "2026"})
    assert response.status_code == 200
    rows = rows_of(response)
    assert len(rows) == 1 + 10
    assert all(row[0] for row in rows[1:])


def test_dashboard_queries_do_not_grow_with_the_period(
    client_for, municipal_employee, municipality, approved_activities, django_assert_max_num_queries
):
    client = client_for(municipal_employee)
    url, _params = dashboard(municipality)
    client.get(url)  # sessions, permissions and the like settle on the first request
    month = {"periode": "maand", "jaar": "2026", "maand": "10"}
    year = {"periode": "jaar", "jaar": "2026"}
    with django_assert_max_num_queries(60) as month_queries:
        assert client.get(url, month).status_code == 200
    with django_assert_max_num_queries(60) as year_queries:
        assert client.get(url, year).status_code == 200
    assert len(year_queries.captured_queries) == len(month_queries.captured_queries)


def test_annual_report_through_the_real_figures(
    client_for, coordinator, approved_activities, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(80):
        response = client.get(reverse("reports:annual", args=[2026]))
    assert response.status_code == 200
    figures = {f.key: f.now for s in response.context["report"].sections for f in s.figures}
    assert figures["activities"] == 10
