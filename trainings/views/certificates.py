"""Certificates: the holder's list and PDF, and the public verification of a code."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from polrad.accounts.decorators import login_and_permission_required
from polrad.clients import client_over_rate_limit
from polrad.downloads import download
from polrad.permissions import ENROL_IN_TRAININGS
from trainings import certificates
from trainings.results_forms import VerifyForm

# Lookups per address per window: plenty for an employer checking a pile of certificates,
# far too few to try codes (and the codes have 31^12 values).
VERIFY_LIMIT = 30
VERIFY_WINDOW = 600


@login_and_permission_required(ENROL_IN_TRAININGS)
def my_certificates(request):
    return render(
        request,
        "trainings/my_certificates.html",
        {"certificates": certificates.certificates_of(request.user)},
    )


@login_required
def certificate_download(request, pk):
    certificate = certificates.certificate_get_for_download(request.user, pk)
    content = certificates.certificate_pdf(
        certificate=certificate, verify_url=certificates.verification_url(certificate)
    )
    filename = certificates.certificate_filename(certificate)
    return download(content, filename, content_type="application/pdf")


@never_cache
def verify(request, code=None):
    """The form (`?code=`) sends a well-formed code on to its own address, which looks it up."""
    form = VerifyForm(request.GET if code is None and "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("trainings:verify", code=form.cleaned_data["code"])
    context = {"form": form if code is None else VerifyForm()}
    status = 200
    if code is not None:
        if client_over_rate_limit(
            request, "trainings:verify", limit=VERIFY_LIMIT, window=VERIFY_WINDOW
        ):
            context["rate_limited"] = True
            status = 429
        else:
            context["verification"] = certificates.certificate_verify(code)
            context["looked_up"] = True
            status = 200 if context["verification"] else 404
    response = render(request, "trainings/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
