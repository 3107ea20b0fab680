"""The public application form: no login, plain language, works on a phone."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from polrad.public_forms import HONEYPOT, Screening, public_post_screen
from rolemodels import services
from rolemodels.forms import ApplicationForm

# At most this many submissions per address per window: enough for a family behind one
# router, too few for a spam run.
RATE_LIMIT = 5
RATE_WINDOW = 3600


@never_cache
def apply(request):
    form = ApplicationForm(request.POST or None)
    context = {"form": form, "honeypot": HONEYPOT}
    if request.method == "POST":
        screening = public_post_screen(
            request, "rolemodels:apply", limit=RATE_LIMIT, window=RATE_WINDOW
        )
        if screening is Screening.TOO_MANY:
            context["rate_limited"] = _(
                "We received many applications from your connection in a short time. "
                "Please try again in an hour."
            )
            return render(request, "rolemodels/apply.html", context, status=429)
        if screening is Screening.ROBOT:
            return redirect("rolemodels:apply-thanks")  # a robot: pretend all went well
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            services.role_model_apply(data=data)
            return redirect("rolemodels:apply-thanks")
    return render(request, "rolemodels/apply.html", context)


class ApplyThanksView(TemplateView):
    template_name = "rolemodels/apply_thanks.html"
