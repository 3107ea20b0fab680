"""The figures of a municipal report and of the network's annual report.

A report is built from the apps' own figures (rolemodels.stats, trainings.stats,
signals.stats, network.selectors) with aggregate queries only: about forty, whatever the
length of the period or the number of rows. Periods follow the local calendar
(Europe/Amsterdam): activities by their date; stage moves, sessions and concerns by their
local time.

activities.py   activities and reach, with the highlights coordinators marked as shareable
interventions.py interventions deployed by kind and category (case conferences suppressed)
role_models.py  active role models and new ones
trainings.py    sessions, people trained, certificates
network.py      the social map as it stands today: coverage, white spots, agreements
concerns.py     concern trends over whole months that have ended, small counts suppressed
annual.py       the funders' figures and the municipalities side by side
(polrad.analysis.report: the latest analysis and basis op orde, as the analysis app reads them)
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Municipality
from polrad.analysis.report import analysis_section, basis_side_by_side_section
from polrad.periods import Period
from polrad.periods import year as year_period
from polrad.reports.data import Report
from polrad.reports.figures.activities import activities_section
from polrad.reports.figures.annual import funders_section, municipalities_section
from polrad.reports.figures.common import Places
from polrad.reports.figures.concerns import concerns_section, whole_months
from polrad.reports.figures.interventions import interventions_section
from polrad.reports.figures.mentorships import mentorships_section
from polrad.reports.figures.network import network_section
from polrad.reports.figures.role_models import role_models_section
from polrad.reports.figures.trainings import trainings_section

__all__ = ["annual_report", "municipal_report", "whole_months"]


def municipal_report(
    *, municipalities: list[Municipality] | None, period: Period, title: str | None = None
) -> Report:
    """What the network did in these municipalities (None: the whole region) in the period,
    beside the period before."""
    places = None if municipalities is None else list(municipalities)
    place = _place_name(places)
    report = Report(
        title=title or _("Report %(place)s, %(period)s") % {"place": place, "period": period.label},
        place=place,
        period=period,
        previous=period.previous,
        sections=[
            activities_section(places, period),
            interventions_section(places, period),
            role_models_section(places, period),
            trainings_section(places, period),
            network_section(places),
            concerns_section(places, period),
            mentorships_section(places, period),
        ],
        generated_at=timezone.now(),
    )
    if places is not None:
        report.sections.append(analysis_section(places))
    return report


def annual_report(*, year: int) -> Report:
    """The whole region in a calendar year: the figures for funders, every section of the
    municipal report, and the municipalities side by side."""
    period = year_period(year)
    report = municipal_report(
        municipalities=None,
        period=period,
        title=_("Annual report %(year)s") % {"year": year},
    )
    report.sections.insert(0, funders_section(report))
    report.sections.append(municipalities_section(period))
    places = list(Municipality.objects.filter(is_active=True))
    report.sections.append(basis_side_by_side_section(places=places, year=year))
    return report


def _place_name(places: Places) -> str:
    if places is None:
        return settings.NETWORK_NAME
    if len(places) > 3:
        return _("%(count)d municipalities") % {"count": len(places)}
    return ", ".join(sorted(municipality.name for municipality in places))
