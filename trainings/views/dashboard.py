"""The trainings dashboard: people trained, certificates, attendance and evaluation scores."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from network.models import Municipality
from polrad.accounts.decorators import login_and_permission_required
from polrad.charts import bar_chart
from polrad.period_forms import with_default_range
from polrad.permissions import VIEW_MUNICIPAL_REPORTS
from trainings import stats
from trainings.results_forms import FiguresForm


@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def dashboard(request):
    """Coordinators see the whole network, municipal staff the municipalities in their scope."""
    scope = stats.figures_scope(request.user)
    choices = scope if scope is not None else Municipality.objects.filter(is_active=True)
    form = FiguresForm(
        with_default_range(request.GET), municipalities=choices, scoped=scope is not None
    )
    figures = None
    if form.is_valid():
        chosen = form.cleaned_data["municipality"]
        figures = stats.cached_training_figures(
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            municipalities=[chosen] if chosen else scope,
        )
    return render(
        request,
        "trainings/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "charts": _charts(figures) if figures else {},
            "organisation_limit": stats.ORGANISATION_LIMIT,
        },
    )


def _charts(figures: stats.TrainingFigures) -> dict:
    def chart(key, title, rows, limit=15):
        return bar_chart(
            id=f"chart-{key}",
            title=title,
            description=_("Number of people trained per row; the table has the figures."),
            rows=[(row.label, row.people) for row in rows],
            limit=limit,
        )

    return {
        "programme": chart("programme", _("People trained per programme"), figures.per_programme),
        "month": chart("month", _("People trained per month"), figures.per_month, limit=24),
        "municipality": chart(
            "municipality", _("People trained per municipality"), figures.per_municipality
        ),
        "organisation": chart(
            "organisation", _("People trained per organisation"), figures.per_organisation
        ),
    }
