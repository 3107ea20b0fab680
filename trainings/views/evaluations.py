"""Evaluations: a participant answers by the link in their email; coordinators read results."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from polrad.accounts.decorators import login_and_permission_required
from polrad.period_forms import with_default_range
from polrad.permissions import MANAGE_TRAININGS
from trainings import evaluations
from trainings.results_forms import EvaluationFilterForm, EvaluationForm

TEMPLATE = "trainings/evaluate.html"


@never_cache
def evaluate(request, token):
    """Open to the link's holder without logging in: the enrolment's token is the proof."""
    enrolment = evaluations.enrolment_for_token(token)
    if enrolment is None or not evaluations.may_evaluate(enrolment):
        return render(request, TEMPLATE, {"invalid": True}, status=404)
    context = {"session": enrolment.session}
    if evaluations.has_evaluated(enrolment):
        return render(request, TEMPLATE, {**context, "done": True})
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluations.evaluation_submit(enrolment=enrolment, data=form.cleaned_data)
        except evaluations.AlreadyEvaluated:
            return render(request, TEMPLATE, {**context, "done": True})
        return render(request, TEMPLATE, {**context, "thanks": True})
    return render(request, TEMPLATE, {**context, "form": form})


@login_and_permission_required(MANAGE_TRAININGS)
def evaluation_results(request):
    form = EvaluationFilterForm(with_default_range(request.GET))
    results = None
    if form.is_valid():
        results = evaluations.evaluation_results(**form.cleaned_data)
    return render(
        request,
        "trainings/evaluations.html",
        {
            "form": form,
            "results": results,
            "comment_limit": evaluations.COMMENT_LIMIT,
            "session_limit": evaluations.SESSION_LIMIT,
        },
    )
