from dataclasses import dataclass

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from network.mixins import SocialMapMemberMixin
from network.models import Contribution, Domain, PracticeCategory, Theme
from network.selectors import (
    coverage_counts,
    municipalities_visible_to,
    offer_counts,
    partner_policy_counts,
)
from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import VIEW_SOCIAL_MAP

AXES = {
    "domain": (gettext_lazy("Domains"), Domain, "domains"),
    "theme": (gettext_lazy("Themes"), Theme, "themes"),
    "contribution": (gettext_lazy("Contributions"), Contribution, "contributions"),
}


# Interventions on offer: columns are the practice categories, cells open the catalogue.
INTERVENTIONS = "interventions"
INTERVENTIONS_LABEL = gettext_lazy("Interventions on offer")


@dataclass(frozen=True)
class Term:
    pk: str
    name: str


# Partners (network members) without a working method for concerns about individuals.
PARTNERS = "partners"
PARTNERS_LABEL = gettext_lazy("Partners without a working method")


class CoverageView(SocialMapMemberMixin, TemplateView):
    """Municipalities × domains (or themes, contributions): where is the network thin?"""

    template_name = "network/coverage.html"

    def get_context_data(self, **kwargs):
        axis = self.request.GET.get("axis", "domain")
        axes = [(key, value[0]) for key, value in AXES.items()] + [
            (PARTNERS, PARTNERS_LABEL),
            (INTERVENTIONS, INTERVENTIONS_LABEL),
        ]
        if axis == PARTNERS:
            return super().get_context_data(axis=axis, axes=axes, **self._partners(), **kwargs)
        if axis == INTERVENTIONS:
            return super().get_context_data(axis=axis, axes=axes, **self._offer(), **kwargs)
        if axis not in AXES:
            axis = "domain"
        label, model, field = AXES[axis]
        terms = list(model.objects.filter(is_active=True))
        municipalities = list(municipalities_visible_to(self.request.user))
        counts = coverage_counts(axis=field, municipalities=municipalities)
        list_url = reverse("network:organisation-list")
        white_spot_label = escape(_("White spot: nobody for %(term)s in %(place)s"))
        rows = [
            _row(
                municipality,
                terms,
                counts,
                f"{list_url}?municipality={municipality.pk}&{axis}=",
                white_spot_label,
            )
            for municipality in municipalities
        ]
        return super().get_context_data(
            axis=axis,
            axes=axes,
            axis_label=label,
            terms=terms,
            rows=rows,
            **kwargs,
        )

    def _offer(self) -> dict:
        """Per municipality and practice category: current interventions with a provider
        working there. A 0 is a gap in the offer."""
        terms = [Term(value, str(label)) for value, label in PracticeCategory.choices]
        municipalities = list(municipalities_visible_to(self.request.user))
        counts = offer_counts(municipalities)
        list_url = reverse("interventions:list")
        label = escape(_("White spot: no intervention on offer for %(term)s in %(place)s"))
        rows = [
            _row(m, terms, counts, f"{list_url}?municipality={m.pk}&category=", label)
            for m in municipalities
        ]
        return {"axis_label": INTERVENTIONS_LABEL, "terms": terms, "rows": rows}

    def _partners(self) -> dict:
        """Per municipality: partners, and how many have no working method recorded."""
        municipalities = list(municipalities_visible_to(self.request.user))
        counts = partner_policy_counts(municipalities)
        label = escape(_("Partners without a working method in %(place)s"))
        rows = []
        for municipality in municipalities:
            found = counts.get(municipality.pk, {"partners": 0, "without_method": 0})
            without = found["without_method"]
            cell = (
                f'<td class="white-spot">{without}<span class="visually-hidden"> '
                f"{label % {'place': escape(municipality.name)}}</span></td>"
                if without
                else "<td>0</td>"
            )
            html = f"<td>{found['partners']}</td>{cell}"
            rows.append(
                {
                    "municipality": municipality,
                    "cells_html": mark_safe(html),  # noqa: S308 - integers and escaped names only
                    "white_spots": without,
                }
            )
        terms = [{"name": _("Partners")}, {"name": _("Without a working method")}]
        return {"axis_label": PARTNERS_LABEL, "terms": terms, "rows": rows}


def _row(municipality, terms, counts, url_prefix, white_spot_label) -> dict:
    """One municipality's cells, rendered here: thousands of cells through the template
    engine cost hundreds of milliseconds on the national map. Counts and ids are integers;
    the only text, the names in the screen-reader label, is escaped."""
    place = escape(municipality.name)
    cells, html = [], []
    for term in terms:
        count = counts.get((municipality.pk, term.pk), 0)
        url = f"{url_prefix}{term.pk}"
        cells.append({"term": term, "count": count, "url": url})
        if count:
            html.append(f'<td><a href="{url}">{count}</a></td>')
        else:
            label = white_spot_label % {"term": escape(term.name), "place": place}
            html.append(
                f'<td class="white-spot"><a href="{url}"><span aria-hidden="true">0</span>'
                f'<span class="visually-hidden">{label}</span></a></td>'
            )
    return {
        "municipality": municipality,
        "cells": cells,
        "cells_html": mark_safe("".join(html)),  # noqa: S308 - integers and escaped names only
        "white_spots": sum(1 for cell in cells if not cell["count"]),
    }


@login_and_permission_required(VIEW_SOCIAL_MAP)
def municipality_pdf_choose(request):
    """The PDF form of the coverage page: on to the chosen municipality's map."""
    municipality = get_object_or_404(
        municipalities_visible_to(request.user), pk=request.GET.get("municipality") or 0
    )
    return redirect("network:municipality-pdf", pk=municipality.pk)
