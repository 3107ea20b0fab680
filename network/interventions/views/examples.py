"""Practice examples: where an intervention was used and what it achieved (members only)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from network.interventions import services
from network.interventions.filters import PracticeExampleFilter
from network.interventions.forms import PracticeExampleForm
from network.interventions.models import PracticeExample
from network.interventions.selectors import (
    can_manage_catalogue,
    example_get_for_user,
    examples_for_list,
)
from network.interventions.views.common import (
    PAGE_SIZE,
    manager_required,
    member_required,
    set_archived,
)
from network.mixins import SocialMapMemberMixin
from network.selectors import history_for


class PracticeExampleListView(SocialMapMemberMixin, FilterView):
    filterset_class = PracticeExampleFilter
    paginate_by = PAGE_SIZE
    template_name = "network/interventions/example_list.html"

    def get_queryset(self):
        return examples_for_list(self.request.user, include_drafts=True).select_related(
            "municipality", "intervention"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=can_manage_catalogue(self.request.user), **kwargs
        )


@member_required
def example_detail(request, pk):
    example = example_get_for_user(request.user, pk)
    manage = can_manage_catalogue(request.user)
    return render(
        request,
        "network/interventions/example_detail.html",
        {
            "example": example,
            "can_manage": manage,
            "history": history_for(example) if manage else [],
        },
    )


@manager_required
def example_edit(request, pk=None):
    example = get_object_or_404(PracticeExample, pk=pk) if pk else PracticeExample()
    initial = {}
    if not pk and request.GET.get("intervention", "").isdigit():
        initial["intervention"] = request.GET["intervention"]
    form = PracticeExampleForm(
        request.POST if request.method == "POST" else None, instance=example, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        example = services.example_save(form=form)
        messages.success(request, _("%(name)s has been saved.") % {"name": example})
        return redirect(example)
    return render(
        request,
        "network/interventions/example_form.html",
        {"form": form, "example": example if pk else None},
    )


@require_POST
@manager_required
def example_archive(request, pk):
    return set_archived(request, get_object_or_404(PracticeExample, pk=pk))
