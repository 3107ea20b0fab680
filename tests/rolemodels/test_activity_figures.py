"""The activity overview, its CSV and the figures dashboard, on known data."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rolemodels.models import Activity
from rolemodels.stats import activity_figures
from rolemodels.workflow import ActivityState, Stage
from tests.factories import MunicipalityFactory
from tests.network.factories import OrganisationFactory, ThemeFactory
from tests.pages import page_link
from tests.rolemodels.factories import ActivityFactory, RoleModelFactory

LIST = reverse("rolemodels:activity-list")
EXPORT = reverse("rolemodels:activity-export")
FIGURES = reverse("rolemodels:activity-dashboard")
QUEUE = reverse("rolemodels:activity-queue")


@pytest.fixture
def known(municipality, other_municipality):
    """Three approved activities by two role models plus a co-presenter, and noise."""
    youth, online = ThemeFactory(name="Polarisatie"), ThemeFactory(name="Online uitingen")
    ann = RoleModelFactory(full_name="Ann", stage=Stage.ACTIVE, municipality=municipality)
    bob = RoleModelFactory(full_name="Bob", stage=Stage.ACTIVE, municipality=other_municipality)
    cas = RoleModelFactory(full_name="Cas", stage=Stage.ACTIVE, municipality=municipality)
    approved = ActivityState.APPROVED
    ActivityFactory(
        role_model=ann,
        date=date(2026, 9, 3),
        participants=10,
        themes=[youth, online],
        co_presenters=[cas],
        state=approved,
    )
    ActivityFactory(
        role_model=ann,
        date=date(2026, 10, 8),
        participants=15,
        themes=[youth],
        target_group=Activity.TargetGroup.PARENTS,
        state=approved,
    )
    ActivityFactory(
        role_model=bob,
        date=date(2026, 10, 20),
        participants=30,
        themes=[online],
        co_presenters=[ann],
        state=approved,
    )
    ActivityFactory(role_model=bob, date=date(2026, 10, 21), participants=99)  # submitted
    ActivityFactory(role_model=cas, date=date(2025, 1, 5), participants=50, state=approved)
    return {"ann": ann, "bob": bob, "cas": cas}


def approved_between(start, end):
    return Activity.objects.filter(state=ActivityState.APPROVED, date__range=(start, end))


def test_totals_and_breakdowns_on_known_data(known):
    figures = activity_figures(approved_between(date(2026, 1, 1), date(2026, 12, 31)))
    assert (figures.activities, figures.participants) == (3, 55)
    assert figures.role_models == 3  # Ann and Bob logged; Cas co-presented
    assert figures.municipalities == 2
    with translation.override("nl"):
        figures = activity_figures(approved_between(date(2026, 1, 1), date(2026, 12, 31)))
    assert [(r.label, r.activities, r.participants) for r in figures.per_month] == [
        ("september 2026", 1, 10),
        ("oktober 2026", 2, 45),
    ]
    # From the first month to the last, a quiet month included.
    with translation.override("nl"):
        wider = activity_figures(approved_between(date(2025, 1, 1), date(2026, 12, 31)))
    months = [(r.label, r.activities) for r in wider.per_month]
    assert months[0] == ("januari 2025", 1) and months[1] == ("februari 2025", 0)
    assert months[-2:] == [("september 2026", 1), ("oktober 2026", 2)] and len(months) == 22
    assert [(r.label, r.activities) for r in figures.per_municipality] == [
        ("Groningen", 2),
        ("Westerwolde", 1),
    ]
    assert {(r.label, r.activities, r.participants) for r in figures.per_theme} == {
        ("Polarisatie", 2, 25),
        ("Online uitingen", 2, 40),
    }
    assert {(str(r.label), r.activities) for r in figures.per_target_group} == {
        (str(Activity.TargetGroup.YOUNG_PEOPLE.label), 2),
        (str(Activity.TargetGroup.PARENTS.label), 1),
    }


def test_dashboard_filters_by_period_and_municipality(client_for, coordinator, known, municipality):
    client = client_for(coordinator)
    response = client.get(
        FIGURES,
        {"date_from": "2026-10-01", "date_to": "2026-10-31", "municipality": municipality.pk},
    )
    figures = response.context["figures"]
    assert (figures.activities, figures.participants) == (1, 15)
    page = response.content.decode()
    assert "<svg" in page and "<title" in page and "<desc" in page


def test_dashboard_defaults_to_the_last_twelve_months(client_for, coordinator, known):
    figures = client_for(coordinator).get(FIGURES).context["figures"]
    assert figures.activities == 3  # the activity of January 2025 is older than a year


def test_dashboard_with_a_bad_date_says_so(client_for, coordinator, known):
    response = client_for(coordinator).get(FIGURES, {"date_from": "gisteren"})
    assert response.context["figures"] is None
    assert "date_from" in response.context["filter"].errors


@pytest.mark.parametrize("rows", [3, 40])
def test_dashboard_runs_a_bounded_number_of_queries(
    client_for, coordinator, django_assert_max_num_queries, rows
):
    theme = ThemeFactory()
    for index in range(rows):
        ActivityFactory(
            state=ActivityState.APPROVED,
            themes=[theme],
            municipality=MunicipalityFactory(),
            date=date(2026, 1 + index % 10, 1),
        )
    client = client_for(coordinator)
    # session, user, 2FA device, option lists of the filters, six for the figures
    with django_assert_max_num_queries(16):
        assert client.get(FIGURES, {"date_from": "2026-01-01"}).status_code == 200


def test_list_filters_by_state_theme_role_model_and_period(client_for, coordinator, known):
    client = client_for(coordinator)

    def listed(**query):
        return {a.participants for a in client.get(LIST, query).context["activities"]}

    assert listed(state="submitted") == {99}
    assert listed(role_model="bob") == {30, 99}
    assert listed(theme=ThemeFactory._meta.model.objects.get(name="Polarisatie").pk) == {10, 15}
    assert listed(date_from="2026-10-01", date_to="2026-10-20") == {15, 30}
    assert listed(target_group="parents") == {15}


def test_list_filters_by_municipality_and_host_organisation(
    client_for, coordinator, known, municipality, other_municipality
):
    host = OrganisationFactory(name="Jongerenwerk WIJ")
    Activity.objects.filter(participants__in=[15, 30]).update(host_organisation=host)
    OrganisationFactory(name="Buurtsportcoach")
    client = client_for(coordinator)

    def listed(**query):
        response = client.get(LIST, query)
        assert response.status_code == 200
        return {a.participants for a in response.context["activities"]}

    assert listed(municipality=municipality.pk) == {10, 15, 50}
    assert listed(municipality=other_municipality.pk) == {30, 99}
    assert listed(host="jongerenwerk") == {15, 30}
    assert listed(host="Buurtsportcoach") == set()
    assert listed(host="WIJ", municipality=municipality.pk) == {15}


def test_every_chart_is_an_image_with_a_title_a_description_and_a_table_beside_it(
    client_for, coordinator, known
):
    page = client_for(coordinator).get(FIGURES, {"date_from": "2026-01-01"}).content.decode()
    sections = re.findall(r"<section[^>]*>.*?</section>", page, flags=re.S)
    charts = [section for section in sections if "<svg" in section]
    assert len(charts) == 4  # month, municipality, theme, target group
    for section in charts:
        svg = re.search(r"<svg[^>]*>", section).group(0)
        assert 'role="img"' in svg
        labels = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert len(labels) == 2
        for label in labels:
            assert f'id="{label}"' in section  # the <title> and <desc> of this chart
        assert re.search(r"<title id=[^>]*>[^<]+</title>", section)
        heading = re.search(r'<section[^>]*aria-labelledby="([^"]+)"', section).group(1)
        assert f'id="{heading}"' in section
        table = re.search(r"<table.*?</table>", section, flags=re.S).group(0)
        assert "<caption>" in table and '<th scope="col">' in table
    assert len({re.search(r'<svg[^>]*aria-labelledby="([^"]+)"', c).group(1) for c in charts}) == 4


@pytest.mark.parametrize("rows", [3, 40])
def test_list_runs_a_bounded_number_of_queries(
    client_for, coordinator, django_assert_max_num_queries, rows
):
    theme = ThemeFactory()
    for _ in range(rows):
        ActivityFactory(themes=[theme])
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        assert client.get(LIST).status_code == 200


def test_csv_export_of_a_filtered_list_leaves_out_reflections(client_for, coordinator, known):
    response = client_for(coordinator).get(EXPORT, {"role_model": "ann"})
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "Datum" and len(rows) == 3
    assert {row[6] for row in rows[1:]} == {"10", "15"}
    assert "online filmpjes" not in content  # the role model's reflection stays inside


@pytest.mark.parametrize("persona", ["role_model", "professional", "municipal_employee"])
def test_overview_figures_and_export_are_for_coordinators(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    for page in (LIST, EXPORT, FIGURES):
        assert client.get(page).status_code == 403


def test_anonymous_visitor_goes_to_login(client):
    for page in (LIST, EXPORT, FIGURES):
        assert client.get(page).status_code == 302


def test_figures_are_cached_until_another_activity_is_approved(
    client_for,
    coordinator,
    known,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    client = client_for(coordinator)
    assert client.get(FIGURES).context["figures"].activities == 3
    with django_assert_max_num_queries(10):  # the six queries of the figures are not run again
        assert client.get(FIGURES).context["figures"].activities == 3
    waiting = ActivityFactory(role_model=known["bob"], date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(QUEUE, {"activities": [waiting.pk]})
    assert client.get(FIGURES).context["figures"].activities == 4
    another = ActivityFactory(role_model=known["ann"], date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("rolemodels:activity-review", args=[another.pk]), {"decision": "approve"}
        )
    assert client.get(FIGURES).context["figures"].activities == 5


def test_list_pages_newest_first_with_the_filters_kept(client_for, coordinator, municipality):
    role_model = RoleModelFactory(stage=Stage.ACTIVE, municipality=municipality)
    for number in range(30):  # two activities a day: ties on the date
        ActivityFactory(role_model=role_model, date=date(2026, 6, 1 + number // 2))
    ActivityFactory(date=date(2026, 6, 30))  # elsewhere: filtered out
    client = client_for(coordinator)
    first = client.get(LIST, {"municipality": municipality.pk})
    assert "30 activiteiten" in first.content.decode()
    second = client.get(LIST + page_link(first, "next"))
    assert f"municipality={municipality.pk}" in page_link(first, "next")
    listed = [*first.context["activities"], *second.context["activities"]]
    newest_first = Activity.objects.filter(municipality=municipality).order_by("-date", "-pk")
    assert listed == list(newest_first)
    assert page_link(second, "next") is None


def test_approval_queue_pages_the_longest_waiting_first(client_for, coordinator):
    for _ in range(55):
        ActivityFactory()
    client = client_for(coordinator)
    first = client.get(QUEUE)
    second = client.get(QUEUE + page_link(first, "next"))
    assert len(first.context["activities"]) == 50 and len(second.context["activities"]) == 5
    waiting = Activity.objects.filter(state=ActivityState.SUBMITTED).order_by("submitted_at", "pk")
    assert [*first.context["activities"], *second.context["activities"]] == list(waiting)
    assert "55 activiteiten wachten op goedkeuring" in first.content.decode()
