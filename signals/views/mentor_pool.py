"""Handlers refer a concern to the mentor pool; coordinators match a mentor to it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.models import Community, Language
from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import HANDLE_CONCERNS, MANAGE_ROLE_MODELS
from rolemodels.mentoring.services import MentorshipError
from signals import mentor_pool, selectors


@require_POST
@login_and_permission_required(HANDLE_CONCERNS)
def concern_refer_to_mentor_pool(request, pk):
    concern = selectors.concern_get_for_handler(request.user, pk, reason="mentor pool")
    try:
        mentor_pool.concern_refer_to_mentor_pool(concern=concern, by=request.user)
        messages.success(request, _("The concern has been referred to the mentor pool."))
    except mentor_pool.ReferralError as exc:
        messages.error(request, str(exc))
    return redirect("signals:detail", pk=concern.pk)


@login_and_permission_required(MANAGE_ROLE_MODELS)
def referral_list(request):
    return render(
        request, "signals/mentor_pool.html", {"referrals": mentor_pool.open_referrals()[:100]}
    )


def _term(model, value):
    return model.objects.filter(pk=value).first() if str(value).isdigit() else None


@login_and_permission_required(MANAGE_ROLE_MODELS)
def referral_match(request, pk):
    referral = get_object_or_404(mentor_pool.open_referrals(), pk=pk)
    language = _term(Language, request.GET.get("language", ""))
    community = _term(Community, request.GET.get("community", ""))
    form = mentor_pool.MatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mentor = next(
            (
                match.role_model
                for match in mentor_pool.mentors_for(referral)
                if str(match.role_model.pk) == request.POST.get("mentor")
            ),
            None,
        )
        try:
            if mentor is None:
                raise mentor_pool.ReferralError(_("Choose one of the mentors offered."))
            mentorship = mentor_pool.referral_match(
                referral=referral,
                mentor=mentor,
                pseudonym=form.cleaned_data["pseudonym"],
                by=request.user,
            )
        except (mentor_pool.ReferralError, MentorshipError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The mentorship has been opened; the mentor is told."))
            return redirect(mentorship)
    context = {
        "referral": referral,
        "form": form,
        "matches": mentor_pool.mentors_for(referral, language=language, community=community),
        "languages": Language.objects.filter(is_active=True),
        "communities": Community.objects.filter(is_active=True),
    }
    return render(request, "signals/mentor_pool_match.html", context)
