"""The figures of a municipal report and of the network's annual report.

A report is built from the apps' own figures (rolemodels.stats, trainings.stats,
signals.stats, network.selectors) with aggregate queries only, whatever the length of the
period or the number of rows. Periods follow the local calendar (Europe/Amsterdam):
activities by their date; stage moves, sessions and concerns by their local time.

Each section is kept in the cache per places, period and language, under the versions of
what it counts (`polrad.figure_cache`): the services of each app name the municipalities a
write touched, so an approval in one municipality leaves the others' reports cached. A
period that has ended is kept for a day; one still running, and what counts "as it stands
today" (the social map, the analysis), for ten minutes and never past the day. The concern
trends are cells of the published months, kept per month by `signals.suppression`.

activities.py   activities and reach, with the highlights coordinators marked as shareable
interventions.py interventions deployed by kind and category (case conferences suppressed)
role_models.py  active role models and new ones
trainings.py    sessions, people trained, certificates
network.py      the social map as it stands today: coverage, white spots, agreements
concerns.py     concern trends over whole months that have ended, small counts suppressed
annual.py       the funders' figures and the municipalities side by side
(polrad.analysis.report: the latest analysis and basis op orde, as the analysis app reads them)
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from network.interventions.taxonomy import AGREEMENTS, TERMS
from network.models import Municipality
from polrad.analysis.report import FIGURES as ANALYSIS
from polrad.analysis.report import analysis_section, basis_side_by_side_section
from polrad.figure_cache import Cached, VersionedCache, fetch_keyed
from polrad.periods import Period
from polrad.periods import year as year_period
from polrad.reports.data import Report, Section
from polrad.reports.figures.activities import activities_section
from polrad.reports.figures.annual import funders_section, municipalities_section
from polrad.reports.figures.common import Places
from polrad.reports.figures.concerns import concerns_section, whole_months
from polrad.reports.figures.interventions import interventions_section
from polrad.reports.figures.mentorships import mentorships_section
from polrad.reports.figures.network import network_section
from polrad.reports.figures.role_models import role_models_section
from polrad.reports.figures.trainings import trainings_section
from rolemodels.stats import FIGURES as ACTIVITIES
from rolemodels.stats import MENTORSHIPS, POOL
from signals.stats import CONFERENCES
from signals.suppression import PUBLICATIONS
from trainings.stats import FIGURES as TRAININGS

__all__ = ["annual_report", "municipal_report", "whole_months"]

ENDED = 24 * 60 * 60
RUNNING = 10 * 60


@dataclass(frozen=True)
class _Part:
    """A cached section: how it is built, and the kinds of figures it counts (names of
    municipalities and terms from the catalogue's TERMS)."""

    build: Callable[[Places, Period], Section]
    sources: tuple[VersionedCache, ...]
    today: bool = False  # as it stands today, whatever the period
    months: bool = False  # cells of the published months of the period


def _network(places: Places, period: Period) -> Section:
    return network_section(places)


def _analysis(places: Places, period: Period) -> Section:
    return analysis_section(places)


# In the order of the report. The social map's writes all save through its models, which make
# AGREEMENTS stale (network.apps): the network section goes stale with them.
PARTS = {
    "activities": _Part(activities_section, (ACTIVITIES, TERMS)),
    "interventions": _Part(interventions_section, (ACTIVITIES, CONFERENCES, TERMS)),
    "role-models": _Part(role_models_section, (POOL, TERMS)),
    "trainings": _Part(trainings_section, (TRAININGS, TERMS)),
    "network": _Part(_network, (AGREEMENTS, TERMS), today=True),
    "concerns": _Part(concerns_section, (TERMS,), months=True),
    "mentorships": _Part(mentorships_section, (MENTORSHIPS, TERMS)),
    "analysis": _Part(_analysis, (ANALYSIS, TERMS), today=True),
}


def municipal_report(
    *, municipalities: list[Municipality] | None, period: Period, title: str | None = None
) -> Report:
    """What the network did in these municipalities (None: the whole region) in the period,
    beside the period before."""
    places = None if municipalities is None else list(municipalities)
    place = _place_name(places)
    sections, fingerprint = _sections(places, period)
    report = Report(
        title=title or _("Report %(place)s, %(period)s") % {"place": place, "period": period.label},
        place=place,
        period=period,
        previous=period.previous,
        sections=sections,
        generated_at=timezone.now(),
        fingerprint=fingerprint,
    )
    return report


def _sections(places: Places, period: Period) -> tuple[list[Section], str]:
    """The sections from the cache where it has them (two round trips), the others built;
    and a fingerprint of them all, that changes when any of them would."""
    today = timezone.localdate()
    ended = period.after <= today
    ids = None if places is None else sorted(municipality.pk for municipality in places)
    months = [month.isoformat() for month in whole_months(period, ended_by=today)]
    keys = [key for key in PARTS if key != "analysis" or places is not None]
    entries = []
    for key in keys:
        part = PARTS[key]
        kept = ended and not part.today
        depends_on = [(source, ids) for source in part.sources]
        if part.months:
            depends_on.append((PUBLICATIONS, months))
        entries.append(
            Cached(
                name=f"reports:{key}",
                params=(key, ids, period.kind, period.start, period.end, None if kept else today),
                compute=partial(part.build, places, period),
                depends_on=depends_on,
                timeout=ENDED if kept else RUNNING,
            )
        )
    sections, cache_keys = fetch_keyed(entries)
    return sections, hashlib.sha256(" ".join(cache_keys).encode()).hexdigest()


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
