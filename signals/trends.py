"""Trend updates: what the network saw in a period, with small counts suppressed.

The figures are the published months of `signals.suppression`, the same cells every page,
report and email shows: a month beside the month before, a quarter as its three months (a
quarter's sum beside the monthly updates of its months could be subtracted). The numbers are
written out ("deze maand 12, vorige maand 9"); a table whose figures are mostly hidden is left
out with a plain sentence and the region's total. Only periods that have ended are sent.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from network.models import Municipality
from polrad import periods
from polrad.dates import months_of
from polrad.periods import Period
from signals.suppression import HIDDEN_TEXT, WITHHELD_TEXT, month_publications, small_text
from trainings.models import Session
from trainings.workflow import SessionState

# The subscribers' frequencies and the kind of period each is sent for.
MONTHLY, QUARTERLY = "monthly", "quarterly"
PERIOD_KINDS = {MONTHLY: periods.MONTH, QUARTERLY: periods.QUARTER}
FREQUENCIES = {kind: frequency for frequency, kind in PERIOD_KINDS.items()}


def small(threshold: int) -> str:
    return small_text(threshold)


def suppression_note(threshold: int | None = None) -> str:
    """The footnote under a table with hidden cells, in the active language."""
    threshold = threshold or settings.CONCERN_SMALL_COUNT_THRESHOLD
    return _(
        "To protect privacy, “%(small)s” stands for a number from 1 to %(largest)s, "
        "“%(hidden)s” for a number of %(threshold)s or more that is hidden as well, and "
        "“%(withheld)s” for a number not shown, so that the small numbers cannot be worked out "
        "from the others, the totals or other tables."
    ) % {
        "small": small_text(threshold),
        "largest": threshold - 1,
        "hidden": HIDDEN_TEXT,
        "threshold": threshold,
        "withheld": WITHHELD_TEXT,
    }


UPCOMING_TRAININGS = 5


def upcoming_trainings(limit: int = UPCOMING_TRAININGS) -> list[dict]:
    """The next planned training sessions, as texts for an email: one query."""
    sessions = (
        Session.objects.filter(state=SessionState.PLANNED, starts_at__gt=timezone.now())
        .select_related("programme", "municipality")
        .order_by("starts_at", "pk")[:limit]
    )
    with translation.override(settings.LANGUAGE_CODE):
        return [
            {
                "title": session.display_title,
                "starts": date_format(timezone.localtime(session.starts_at), "j F Y, H:i"),
                "municipality": session.municipality.name if session.municipality else "",
                "url": settings.SITE_URL + session.get_absolute_url(),
            }
            for session in sessions
        ]


def _note_in_the_site_language() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return suppression_note()


class PeriodNotEnded(ValueError):
    """Trend figures are only ever published for a period that has ended."""


def trend_months(period: Period) -> list[date]:
    """The months an update shows, each as published on its own: a month beside the month
    before; a quarter as its three months, never as a sum that could be set against them."""
    if period.months == 1:
        return [period.start, period.previous.start]
    return months_of(period.start, period.after)


def period_label(period: Period) -> str:
    """ "oktober 2026", or "juli tot en met september 2026" for a quarter."""
    if period.months == 1:
        return date_format(period.start, "F Y")
    return _("%(first)s to %(last)s") % {
        "first": date_format(period.start, "F"),
        "last": date_format(period.end, "F Y"),
    }


def _column_names(period: Period, months: list[date]) -> list[str]:
    if period.months == 1:
        return [_("this month"), _("last month")]
    return [date_format(month, "F") for month in months]


def _figures(names: list[str], cells: list[str]) -> str:
    """ "deze maand 12, vorige maand 9": the numbers in words a reader needs no key for."""
    return ", ".join(f"{name} {cell}" for name, cell in zip(names, cells, strict=True))


def _table(table: str, labels: dict[str, str], columns, names: list[str]) -> dict:
    """Rows of one published table over the months, or, when most of what it would show is
    hidden, no rows: the email says so and gives the region's total instead."""
    rows = [(label, [pub.text(table, key) for pub in columns]) for key, label in labels.items()]
    rows = [(label, cells) for label, cells in rows if any(cell != "0" for cell in cells)]
    shown = [cell for _label, cells in rows for cell in cells if cell != "0"]
    hidden = [cell for cell in shown if not cell.isdigit()]
    mostly_hidden = len(hidden) * 2 > len(shown)
    return {
        "rows": []
        if mostly_hidden
        else [{"label": label, "figures": _figures(names, cells)} for label, cells in sorted(rows)],
        "mostly_hidden": mostly_hidden,
        "total": _figures(names, [pub.total for pub in columns]),
    }


def trend_aggregates(period: Period) -> dict:
    """The network's trends for a period, as published month by month (the one suppression
    of every concern figure), and the coming trainings: a few queries, for everyone.

    JSON-serialisable, so that one computation can be handed to every batch of emails; the
    texts are in the site's language.
    """
    from signals.interpretations import approved_for_update  # it reads this module

    if period.after > timezone.localdate():
        # Sent while it runs, and again later, the two could be subtracted.
        raise PeriodNotEnded(period.key)
    months = trend_months(period)
    published = month_publications(sorted(months))
    columns = [published[month] for month in months]
    ids = {key for pub in columns for key in pub.tables.get("municipalities", [])}
    names = dict(
        Municipality.objects.filter(pk__in=[int(pk) for pk in ids]).values_list("pk", "name")
    )
    with translation.override(settings.LANGUAGE_CODE):
        headings = _column_names(period, months)
        categories = {label: label for pub in columns for label in pub.tables.get("categories", [])}
        municipalities = {pk: names[int(pk)] for pk in ids}
        return {
            # The approved interpretations of the period lead the email ("what the network sees").
            "interpretations": approved_for_update(period.key),
            "period": period.key,
            "label": period_label(period),
            "monthly": period.months == 1,
            "threshold": settings.CONCERN_SMALL_COUNT_THRESHOLD,
            "note": suppression_note(),
            "any_hidden": any(pub.hidden for pub in columns),
            "categories": _table("categories", categories, columns, headings),
            "municipalities": _table("municipalities", municipalities, columns, headings),
            "trainings": upcoming_trainings(),
        }
