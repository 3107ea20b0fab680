"""The action list: every open action of analyses and of basis op orde."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from polrad.analysis import selectors
from polrad.analysis.filters import ActionFilter

PAGE_SIZE = 50


@login_required
def action_list(request):
    if not selectors.may_see_actions(request.user):
        raise PermissionDenied
    filterset = ActionFilter(
        request.GET or None,
        queryset=selectors.actions_visible_to(request.user),
        municipalities=selectors.editable_municipalities(request.user),
    )
    ordered = filterset.qs.order_by("due_date", "pk").values("pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page_obj": page,
        "actions": selectors.action_rows(page.object_list),
    }
    return render(request, "analysis/actions.html", context)
