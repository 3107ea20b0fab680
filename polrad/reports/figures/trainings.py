"""Trainings held in or for the municipality, as `trainings.stats` defines them."""

from django.db.models import Count
from django.utils.translation import gettext as _

from polrad.periods import Period
from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.common import Places, several, table
from trainings.stats import (
    ATTENDED_Q,
    ORGANISATION_LIMIT,
    TrainingFigures,
    certificates_in,
    seats_in,
    training_figures,
)


def trainings_section(places: Places, period: Period) -> Section:
    figures = training_figures(date_from=period.start, date_to=period.end, municipalities=places)
    previous = period.previous
    before = seats_in(
        date_from=previous.start, date_to=previous.end, municipalities=places
    ).aggregate(
        people=Count("email", filter=ATTENDED_Q, distinct=True),
        sessions=Count("session", distinct=True),
    )
    certificates_before = certificates_in(
        date_from=previous.start, date_to=previous.end, municipalities=places
    ).count()
    section = Section(
        key="trainings",
        title=_("Trainings"),
        figures=[
            KeyFigure(
                _("Sessions held"), figures.sessions_held, before["sessions"], key="sessions"
            ),
            KeyFigure(
                _("People trained"), figures.people_trained, before["people"], key="people-trained"
            ),
            KeyFigure(
                _("Certificates issued"),
                figures.certificates_issued,
                certificates_before,
                key="certificates",
            ),
        ],
        tables=_training_tables(figures),
        note=_(
            "Sessions held in or for the municipality: with participants who work there, or "
            "held there. Someone trained twice counts once in the total."
        ),
    )
    if several(places):
        section.tables.append(
            table(
                "trainings-by-municipality",
                _("People trained per municipality"),
                [_("Municipality"), _("People trained")],
                [[row.label, row.people] for row in figures.per_municipality],
            )
        )
    return section


def _training_tables(figures: TrainingFigures) -> list[Table]:
    organisations = figures.per_organisation
    return [
        table(
            "trainings-by-programme",
            _("People trained per programme"),
            [_("Programme"), _("People trained"), _("Sessions held"), _("Certificates issued")],
            [[r.label, r.people, r.sessions, r.certificates] for r in figures.per_programme],
        ),
        table(
            "trainings-by-organisation",
            _("Professionals trained per organisation"),
            [_("Organisation"), _("People trained")],
            [[row.label, row.people] for row in organisations],
            note=_("The %(count)d organisations with the most people trained.")
            % {"count": ORGANISATION_LIMIT}
            if len(organisations) >= ORGANISATION_LIMIT
            else "",
        ),
        table(
            "trainings-by-month",
            _("People trained per month"),
            [_("Month"), _("People trained")],
            [[row.label, row.people] for row in figures.per_month],
        ),
    ]
