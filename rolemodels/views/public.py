"""The public application form: no login, plain language, works on a phone."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from polrad.clients import client_over_rate_limit
from rolemodels import services
from rolemodels.forms import HONEYPOT, ApplicationForm

# At most this many submissions per address per window: enough for a family behind one
# router, too few for a spam run.
RATE_LIMIT = 5
RATE_WINDOW = 3600


@never_cache
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if client_over_rate_limit(
            request, "rolemodels:apply", limit=RATE_LIMIT, window=RATE_WINDOW
        ):
            return render(
                request,
                "rolemodels/apply.html",
                {
                    "form": form,
                    "honeypot": HONEYPOT,
                    "rate_limited": _(
                        "We received many applications from your connection in a short time. "
                        "Please try again in an hour."
                    ),
                },
                status=429,
            )
        if request.POST.get(HONEYPOT):
            return redirect("rolemodels:apply-thanks")  # a robot: pretend all went well
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            services.role_model_apply(data=data)
            return redirect("rolemodels:apply-thanks")
    return render(request, "rolemodels/apply.html", {"form": form, "honeypot": HONEYPOT})


class ApplyThanksView(TemplateView):
    template_name = "rolemodels/apply_thanks.html"
