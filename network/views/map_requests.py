"""The social map on request: the public form, and the coordinators' list and answers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from network import services
from network.forms import MapRequestDeclineForm, MapRequestForm, MapRequestInviteForm
from network.map_requests import MapRequest
from network.selectors import map_request_get, map_requests_for_list
from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import MANAGE_SOCIAL_MAP
from polrad.public_forms import public_form_response

ANSWER = MANAGE_SOCIAL_MAP
# Per address and hour: enough for a colleague or two behind one router, too few for spam.
RATE_LIMIT = 5
RATE_WINDOW = 3600
PAGE_SIZE = 50


@never_cache
def map_request_create(request):
    return public_form_response(
        request,
        form=MapRequestForm(request.POST or None),
        template="network/map_request_form.html",
        scope="network:map-request",
        limit=RATE_LIMIT,
        window=RATE_WINDOW,
        too_many=_(
            "We received many requests from your connection in a short time. "
            "Please try again in an hour."
        ),
        thanks="network:map-request-thanks",
        save=lambda data: services.map_request_submit(data=data),
    )


class MapRequestThanksView(TemplateView):
    template_name = "network/map_request_thanks.html"


@login_and_permission_required(ANSWER)
def map_request_list(request):
    state = request.GET.get("status") or None
    if state not in {None, *MapRequest.State.values}:
        state = None
    page = Paginator(map_requests_for_list(state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "state": state, "states": MapRequest.State.choices}
    return render(request, "network/map_request_list.html", context)


def _detail_page(request, map_request, *, invite_form=None, decline_form=None, status=200):
    context = {
        "map_request": map_request,
        "invite_form": invite_form or MapRequestInviteForm(inviter=request.user),
        "decline_form": decline_form or MapRequestDeclineForm(),
    }
    return render(request, "network/map_request_detail.html", context, status=status)


@login_and_permission_required(ANSWER)
def map_request_detail(request, pk):
    return _detail_page(request, map_request_get(pk))


@require_POST
@login_and_permission_required(ANSWER)
def map_request_answer(request, pk, answer):
    map_request = map_request_get(pk)
    try:
        if answer == "kaart":
            services.map_request_send_map(request=map_request, by=request.user)
            done = _("The social map has been emailed to %(email)s.")
        elif answer == "uitnodigen":
            form = MapRequestInviteForm(request.POST, inviter=request.user)
            if not form.is_valid():
                return _detail_page(request, map_request, invite_form=form)
            services.map_request_invite(
                request=map_request, by=request.user, role=form.cleaned_data["role"]
            )
            done = _("An invitation has been sent to %(email)s.")
        elif answer == "afwijzen":
            form = MapRequestDeclineForm(request.POST)
            if not form.is_valid():
                return _detail_page(request, map_request, decline_form=form)
            services.map_request_decline(
                request=map_request, by=request.user, reason=form.cleaned_data["reason"]
            )
            done = _("The request has been declined; %(email)s hears why.")
        else:
            raise Http404
    except services.MapRequestError as refusal:
        messages.error(request, str(refusal))
        return redirect(map_request)
    messages.success(request, done % {"email": map_request.email})
    return redirect(map_request)
