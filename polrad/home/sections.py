"""One function per role: the section of the home page with what waits for that role."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.selectors import open_map_request_count, stale_record_counts
from polrad.accounts.selectors import (
    RECENT,
    previous_login,
    recent_lockouts,
    users_without_required_second_factor,
)
from polrad.analysis.selectors import action_counts, actions_visible_to
from polrad.figure_cache import VersionedCache
from polrad.home.items import NEWS, OVERDUE, UPCOMING, WAITING, Figure, Item, Section
from polrad.permissions import VIEW_NETWORK_DASHBOARD
from polrad.reports.forms import municipal_url
from polrad.reports.selectors import failed_reports, latest_report_for, report_municipalities
from rolemodels.mentoring.selectors import own_quiet_mentorships
from rolemodels.selectors import (
    active_role_models_of_municipality,
    approved_activity_totals,
    coordinator_waiting_counts,
    own_activity_counts,
)
from rolemodels.stats import FIGURES as ACTIVITY_FIGURES
from signals import selectors as concerns
from signals.stats import concern_month_grid
from trainings.coaching.services import (
    coaching_overdue_count,
    own_next_coaching,
    own_open_coaching_actions,
)
from trainings.filters import SEATS_THIS_WEEK
from trainings.selectors import (
    own_upcoming_counts,
    sessions_held_in_municipality,
    sessions_needing_seats_this_week,
    sessions_upcoming,
)


def _day(day) -> str:
    return date_format(day, "j F Y")


def _url(name: str, query: dict | None = None, *args) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def coordinator_section(user) -> Section:
    section = Section("coordinator", _("Coordination"), _("Nothing waits for the coordinators."))
    waiting = coordinator_waiting_counts()
    n = waiting["to_approve"]
    section.add(
        Item(
            ngettext(
                "%(n)d activity waiting for approval", "%(n)d activities waiting for approval", n
            )
            % {"n": n},
            _url("rolemodels:activity-queue"),
            n,
            WAITING,
        )
    )
    n = waiting["stuck"]
    section.add(
        Item(
            ngettext(
                "%(n)d candidate stuck in the pipeline", "%(n)d candidates stuck in the pipeline", n
            )
            % {"n": n},
            _url("rolemodels:index"),
            n,
            OVERDUE,
        )
    )
    n = coaching_overdue_count(user)
    section.add(
        Item(
            ngettext(
                "%(n)d active role model or mentor overdue for coaching",
                "%(n)d active role models and mentors overdue for coaching",
                n,
            )
            % {"n": n},
            _url("trainings:coaching", {"overdue": "1"}),
            n,
            OVERDUE,
        )
    )
    n = sessions_needing_seats_this_week(sessions_upcoming()).count()
    section.add(
        Item(
            ngettext(
                "%(n)d session this week with free seats or a waiting list",
                "%(n)d sessions this week with free seats or a waiting list",
                n,
            )
            % {"n": n},
            _url("trainings:index", {"week": SEATS_THIS_WEEK}),
            n,
            UPCOMING,
        )
    )
    stale = stale_record_counts()
    n = stale["organisations"]
    section.add(
        Item(
            ngettext(
                "%(n)d organisation not verified for a year",
                "%(n)d organisations not verified for a year",
                n,
            )
            % {"n": n},
            _url("network:organisation-list", {"stale": "true"}),
            n,
            NEWS,
        )
    )
    n = stale["out_of_touch"]
    section.add(
        Item(
            ngettext(
                "%(n)d person of the network without contact for too long",
                "%(n)d people of the network without contact for too long",
                n,
            )
            % {"n": n},
            _url("network:contact-list", {"out_of_touch": "true"}),
            n,
            UPCOMING,
        )
    )
    n = stale["contacts"]
    section.add(
        Item(
            ngettext(
                "%(n)d person not verified for a year", "%(n)d people not verified for a year", n
            )
            % {"n": n},
            _url("network:contact-list", {"stale": "true"}),
            n,
            NEWS,
        )
    )
    n = open_map_request_count()
    section.add(
        Item(
            ngettext(
                "%(n)d open request for the social map",
                "%(n)d open requests for the social map",
                n,
            )
            % {"n": n},
            _url("network:map-request-list", {"status": "open"}),
            n,
            WAITING,
        )
    )
    return section.sorted()


# Each view of the handler's work queue: its urgency and its text.
HANDLER_ITEMS = [
    (
        "overdue",
        OVERDUE,
        lambda n: ngettext(
            "%(n)d new concern past its response time",
            "%(n)d new concerns past their response time",
            n,
        ),
    ),
    (
        "actions",
        OVERDUE,
        lambda n: ngettext(
            "%(n)d concern with an overdue follow-up action",
            "%(n)d concerns with an overdue follow-up action",
            n,
        ),
    ),
    ("urgent", OVERDUE, lambda n: ngettext("%(n)d urgent concern", "%(n)d urgent concerns", n)),
    (
        "new",
        WAITING,
        lambda n: ngettext("%(n)d new concern to pick up", "%(n)d new concerns to pick up", n),
    ),
    (
        "reopen",
        WAITING,
        lambda n: ngettext(
            "%(n)d request to reopen a closed concern",
            "%(n)d requests to reopen a closed concern",
            n,
        ),
    ),
    (
        "retention",
        UPCOMING,
        lambda n: ngettext(
            "%(n)d closed concern anonymised within %(days)d days: keep it longer if needed",
            "%(n)d closed concerns anonymised within %(days)d days: keep one longer if needed",
            n,
        ),
    ),
    (
        "mine",
        UPCOMING,
        lambda n: ngettext(
            "%(n)d open concern assigned to you", "%(n)d open concerns assigned to you", n
        ),
    ),
]


def handler_section(user) -> Section:
    section = Section("handler", _("Concerns"), _("No concern waits for you."))
    counts = concerns.handler_waiting_counts(user)
    days = settings.CONCERN_RETENTION_WARNING_DAYS
    for view, urgency, text in HANDLER_ITEMS:
        n = counts[view]
        words = text(n) % {"n": n, "days": days}
        section.add(Item(words, _url("signals:queue", {"view": view}), n, urgency))
    return section.sorted()


def role_model_section(user) -> Section:
    section = Section("rolemodel", _("Your activities"), _("No activity waits for you."))
    counts = own_activity_counts(user)
    mine = _url("rolemodels:my-activities")
    n = counts["returned"]
    section.add(
        Item(
            ngettext(
                "%(n)d activity returned to you with a comment",
                "%(n)d activities returned to you with a comment",
                n,
            )
            % {"n": n},
            mine,
            n,
            OVERDUE,
        )
    )
    n = counts["drafts"]
    section.add(
        Item(
            ngettext("%(n)d draft to submit", "%(n)d drafts to submit", n) % {"n": n},
            mine,
            n,
            WAITING,
        )
    )
    n = counts["approved"]
    section.add(
        Item(
            ngettext(
                "%(n)d activity approved in the last two weeks",
                "%(n)d activities approved in the last two weeks",
                n,
            )
            % {"n": n},
            mine,
            n,
            NEWS,
        )
    )
    n = own_quiet_mentorships(user).count()
    section.add(
        Item(
            ngettext(
                "%(n)d mentorship without a recent meeting",
                "%(n)d mentorships without a recent meeting",
                n,
            )
            % {"n": n},
            _url("rolemodels:mentorship-list", {"quiet": "1"}),
            n,
            WAITING,
        )
    )
    planned = own_next_coaching(user)
    if planned is not None:
        section.add(
            Item(
                _("Your next coaching session: %(date)s") % {"date": _day(planned.next_session_on)},
                _url("trainings:coaching-mine"),
                urgency=UPCOMING,
            )
        )
    n = own_open_coaching_actions(user).count()
    section.add(
        Item(
            ngettext(
                "%(n)d open action from your coaching", "%(n)d open actions from your coaching", n
            )
            % {"n": n},
            _url("trainings:coaching-mine"),
            n,
            WAITING,
        )
    )
    return section.sorted()


def trainings_section(user) -> Section:
    section = Section("trainings", _("Your trainings"), _("You are not enrolled in a training."))
    counts = own_upcoming_counts(user)
    mine = _url("trainings:mine")
    n = counts["offered"]
    section.add(
        Item(
            ngettext(
                "%(n)d seat offered to you: take it up in time",
                "%(n)d seats offered to you: take them up in time",
                n,
            )
            % {"n": n},
            mine,
            n,
            OVERDUE,
        )
    )
    n = counts["enrolled"]
    section.add(
        Item(
            ngettext("%(n)d upcoming training", "%(n)d upcoming trainings", n) % {"n": n},
            mine,
            n,
            UPCOMING,
        )
    )
    n = counts["waitlisted"]
    section.add(
        Item(
            ngettext("%(n)d place on a waiting list", "%(n)d places on a waiting list", n)
            % {"n": n},
            mine,
            n,
            NEWS,
        )
    )
    if not section.items:
        section.add(Item(_("See the trainings you can enrol in"), _url("trainings:index")))
    return section.sorted()


def professional_section(user) -> Section:
    section = Section("professional", _("Your reports"), _("No news on your reports."))
    n = concerns.reports_with_news_count(user, since=previous_login(user))
    section.add(
        Item(
            ngettext(
                "%(n)d of your reports with news since your last visit",
                "%(n)d of your reports with news since your last visit",
                n,
            )
            % {"n": n},
            _url("signals:my-reports"),
            n,
            OVERDUE,
        )
    )
    next_update = concerns.next_trend_update(user)
    section.add(
        Item(
            _("Next trend update: %(date)s") % {"date": _day(next_update)}
            if next_update
            else _("You receive no trend updates"),
            _url("signals:trend-settings"),
            urgency=NEWS,
        )
    )
    return section.sorted()


def municipalities_with_headlines(user, period):
    """The municipalities of the user's reports, each annotated with its active role models
    and the sessions held in the period and the one before (one query)."""
    return list(
        report_municipalities(user).annotate(
            active_role_models=active_role_models_of_municipality(),
            held_now=sessions_held_in_municipality(period),
            held_before=sessions_held_in_municipality(period.previous),
        )
    )


MONTH_TOTALS = VersionedCache("home:concern-months", timeout=10 * 60)


def municipal_section(user, municipalities: list, period) -> Section:
    """The latest complete period's headline figures beside the period before, the concerns
    of the last two ended months as suppressed cells (as the figures page shows them), and
    the latest report."""
    section = Section("municipal", _("Your municipality"), _("No municipality assigned to you."))
    if not municipalities:
        return section
    previous = period.previous
    section.figures_caption = _("%(period)s beside %(previous)s") % {
        "period": period.label,
        "previous": previous.label,
    }
    if len(municipalities) == 1:
        section.figures_url = municipal_url(municipalities[0].pk, period)
    else:
        section.figures_url = _url("reports:index")
    # Kept until an approval in these municipalities changes them (as the activity figures).
    ids = sorted(m.pk for m in municipalities)
    now, before = ACTIVITY_FIGURES.get(
        ("home-totals", ids, period.key, previous.key),
        lambda: approved_activity_totals(municipalities=municipalities, periods=[period, previous]),
        scopes=ids,
    )
    section.figures = [
        Figure(_("Approved activities"), now["activities"], before["activities"]),
        Figure(_("Participants reached"), now["participants"], before["participants"]),
        Figure(
            _("Training sessions held"),
            sum(m.held_now for m in municipalities),
            sum(m.held_before for m in municipalities),
        ),
    ]
    months = _last_two_ended_months()
    # Coordinators see the region's published total; others their municipalities' cells.
    places = None if user.has_perm(VIEW_NETWORK_DASHBOARD) else municipalities
    # Ended months are published once (the fixed month grid): their suppressed totals are
    # kept a few minutes rather than counted again on every visit (2 queries, ~50 ms nationally).
    totals = MONTH_TOTALS.get(
        (sorted(m.pk for m in places or []), months),
        lambda: concern_month_grid(municipalities=places, months=months)["places"],
    )
    section.figures.append(
        Figure(
            _("Concerns in %(month)s (beside %(before)s)")
            % {
                "month": date_format(months[1], "F Y"),
                "before": date_format(months[0], "F Y"),
            },
            totals["totals"][1],
            totals["totals"][0],
        )
    )
    n = sum(m.active_role_models for m in municipalities)
    section.add(
        Item(
            ngettext("%(n)d active role model", "%(n)d active role models", n) % {"n": n},
            section.figures_url,
            n,
            NEWS,
        )
    )
    actions = action_counts(actions_visible_to(user))
    n = actions["overdue"]
    section.add(
        Item(
            ngettext(
                "%(n)d action of your analyses overdue",
                "%(n)d actions of your analyses overdue",
                n,
            )
            % {"n": n},
            _url("analysis:actions", {"due": "overdue"}),
            n,
            OVERDUE,
        )
    )
    n = actions["open"]
    section.add(
        Item(
            ngettext(
                "%(n)d open action of your analyses",
                "%(n)d open actions of your analyses",
                n,
            )
            % {"n": n},
            _url("analysis:actions"),
            n,
            WAITING,
        )
    )
    report = latest_report_for(municipalities)
    if report is not None:
        section.add(
            Item(
                _("Latest PDF report: %(report)s") % {"report": report},
                _url("reports:pdf-status", None, report.pk),
                urgency=UPCOMING,
            )
        )
    return section.sorted()


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _last_two_ended_months():
    this_month = timezone.localdate().replace(day=1)
    return [this_month - relativedelta(months=2), this_month - relativedelta(months=1)]


ADMIN_COUNTS_SECONDS = 5 * 60


def administrator_section(user) -> Section:
    section = Section("administrator", _("Administration"), _("Nothing waits for you."))
    n = recent_lockouts().count()
    section.add(
        Item(
            ngettext(
                "%(n)d lockout after failed logins in the last week",
                "%(n)d lockouts after failed logins in the last week",
                n,
            )
            % {"n": n},
            _url("admin:accounts_auditevent_changelist", {"kind__exact": "locked_out"}),
            n,
            OVERDUE,
        )
    )
    # Network-wide counts over every user and every closed concern (50,000 and 300,000 rows
    # nationally): kept for a few minutes, which the section says.
    n = cache.get_or_set(
        "home:admin:without-second-factor",
        lambda: users_without_required_second_factor().count(),
        ADMIN_COUNTS_SECONDS,
    )
    section.add(
        Item(
            ngettext(
                "%(n)d user without the required two-factor authentication",
                "%(n)d users without the required two-factor authentication",
                n,
            )
            % {"n": n},
            _url("accounts:user-list", {"zonder-2fa": "1"}),
            n,
            WAITING,
        )
    )
    since = timezone.now() - RECENT
    # From the start of that day, as the filtered list of the admin counts.
    week_ago = _start_of(timezone.localdate(since))
    retention = cache.get_or_set(
        f"home:admin:retention:{week_ago.isoformat()}",
        lambda: concerns.retention_counts(since=week_ago),
        ADMIN_COUNTS_SECONDS,
    )
    section.note = _(
        "The counts of two-factor authentication and of the retention task are at most "
        "%(minutes)d minutes old."
    ) % {"minutes": ADMIN_COUNTS_SECONDS // 60}
    n = retention["anonymised"]
    section.add(
        Item(
            ngettext(
                "%(n)d concern anonymised by the retention task in the last week",
                "%(n)d concerns anonymised by the retention task in the last week",
                n,
            )
            % {"n": n},
            _url(
                "admin:signals_anonymisation_changelist",
                {"created_at__gte": week_ago.isoformat()},
            ),
            n,
            NEWS,
        )
    )
    n = retention["ending_soon"]
    section.add(
        Item(
            ngettext(
                "%(n)d closed concern will be anonymised within %(days)d days",
                "%(n)d closed concerns will be anonymised within %(days)d days",
                n,
            )
            % {"n": n, "days": settings.CONCERN_RETENTION_WARNING_DAYS},
            _url("admin:signals_category_changelist"),
            n,
            UPCOMING,
        )
    )
    n = failed_reports(since=since).count()
    section.add(
        Item(
            ngettext(
                "%(n)d PDF report that failed in the last week",
                "%(n)d PDF reports that failed in the last week",
                n,
            )
            % {"n": n},
            _url("admin:reports_storedreport_changelist", {"state__exact": "failed"}),
            n,
            WAITING,
        )
    )
    return section.sorted()
