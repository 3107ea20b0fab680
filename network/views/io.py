"""Imports and exports of the social map: CSV, vCard, PDF, HSDS data package, CSV import."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from network import exports, hsds, imports, pdf
from network.filters import ContactFilter, OrganisationFilter
from network.imports import COLUMNS, MAX_BYTES, ImportKind
from network.models import Community, Contribution, Domain, Language, Organisation, Theme
from network.selectors import (
    can_see_all_contact_details,
    can_see_contact_details,
    contact_get_for_user,
    contacts_for_list,
    municipalities_visible_to,
    organisations_for_list,
)
from polrad.accounts.decorators import login_and_permission_required
from polrad.downloads import as_download, download, download_name
from polrad.permissions import MANAGE_SOCIAL_MAP, VIEW_SOCIAL_MAP

# Query parameters of the list that do not narrow it down.
NOT_FILTERS = {"sort", "page", "inactive"}


def _filtered(request, filterset_class, queryset):
    """The list view's queryset for the request's filters (none when they are invalid)."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return queryset.none()
    return filterset.qs


def _csv_response(lines, stem: str):
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    return as_download(response, download_name(stem, "csv"))


def _include_inactive(request) -> bool:
    return request.GET.get("inactive") == "1"


@login_and_permission_required(VIEW_SOCIAL_MAP)
def organisation_export(request):
    queryset = organisations_for_list(request.user, include_inactive=_include_inactive(request))
    organisations = _filtered(request, OrganisationFilter, queryset)
    return _csv_response(exports.organisations_csv(organisations), "organisaties")


@login_and_permission_required(VIEW_SOCIAL_MAP)
def contact_export(request):
    if not can_see_all_contact_details(request.user):
        raise PermissionDenied
    queryset = contacts_for_list(request.user, include_inactive=_include_inactive(request))
    contacts = _filtered(request, ContactFilter, queryset)
    return _csv_response(exports.contacts_csv(contacts), "personen")


@login_and_permission_required(VIEW_SOCIAL_MAP)
def contact_vcard(request, pk):
    contact = contact_get_for_user(request.user, pk)
    if not can_see_contact_details(request.user, contact):
        raise PermissionDenied
    filename = download_name(contact.full_name or "contact", "vcf", dated=False)
    return download(
        exports.contact_vcard(contact), filename, content_type="text/vcard; charset=utf-8"
    )


@login_and_permission_required(VIEW_SOCIAL_MAP)
def municipality_pdf(request, pk):
    if not can_see_all_contact_details(request.user):
        raise PermissionDenied
    municipality = get_object_or_404(municipalities_visible_to(request.user), pk=pk)
    data = pdf.social_map_data(municipality)
    content = pdf.social_map_pdf(data=data, generated_at=timezone.localtime())
    filename = download_name(f"sociale-kaart-{municipality.name}", "pdf")
    return download(content, filename, content_type="application/pdf", inline=True)


@login_and_permission_required(VIEW_SOCIAL_MAP)
def hsds_export(request):
    if not can_see_all_contact_details(request.user):
        raise PermissionDenied
    queryset = organisations_for_list(request.user, include_inactive=_include_inactive(request))
    organisations = _filtered(request, OrganisationFilter, queryset)
    whole_map = not any(v for k, v in request.GET.items() if k not in NOT_FILTERS)
    package = hsds.hsds_package(
        organisations=organisations,
        include_independent_contacts=whole_map,
        title=_("Social map") if whole_map else _("Social map (selection)"),
    )
    response = FileResponse(package, content_type="application/zip")
    return as_download(response, download_name("sociale-kaart-hsds", "zip"))


# Import


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you import?"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("At most 5 MB and 5,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it into smaller files.")
            )
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


def _upload_page(request, form, file_errors=(), warnings=()):
    terms = [
        (label, model.objects.filter(is_active=True))
        for label, model in [
            (_("Domains"), Domain),
            (_("Themes"), Theme),
            (_("Contributions"), Contribution),
            (_("Languages"), Language),
            (_("Communities"), Community),
        ]
    ]
    context = {
        "form": form,
        "columns": [(kind, label, COLUMNS[kind]) for kind, label in ImportKind.choices],
        "kinds": Organisation.Kind.labels,
        "terms": terms,
        "file_errors": file_errors,
        "warnings": warnings,
    }
    return render(request, "network/import_upload.html", context)


def _preview_page(request, result, token=None):
    context = {
        "result": result,
        "kind_label": ImportKind(result.kind).label,
        "confirm_form": ImportConfirmForm(initial={"token": token}) if token else None,
    }
    return render(request, "network/import_preview.html", context)


@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def import_upload(request):
    form = ImportUploadForm(initial={"kind": request.GET.get("kind", ImportKind.ORGANISATIONS)})
    return _upload_page(request, form)


@require_POST
@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def import_preview(request):
    """Check the whole uploaded file and show what would happen; nothing is saved."""
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    result = imports.import_validate(
        kind=form.cleaned_data["kind"], content=form.cleaned_data["file"].read()
    )
    token = imports.upload_sign(result=result, user=request.user) if result.is_valid else None
    if result.is_valid and token is None:
        result.file_errors.append(_("The file is too large to import at once. Split it."))
    if result.file_errors:
        return _upload_page(request, form, result.file_errors, result.warnings)
    return _preview_page(request, result, token)


@require_POST
@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def import_confirm(request):
    """Save the previewed file, after checking it again against the map as it is now."""
    form = ImportConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise signing.BadSignature("No upload.")
        kind, content = imports.upload_unsign(token=form.cleaned_data["token"], user=request.user)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired or is invalid. Upload the file again."))
        return redirect("network:import")
    result = imports.import_validate(kind=kind, content=content)
    if not result.is_valid:
        messages.error(request, _("The social map has changed since the preview: nothing saved."))
        return _preview_page(request, result)
    count = imports.import_apply(result=result, by=request.user)
    message = ngettext(
        "%(count)s row has been imported.", "%(count)s rows have been imported.", count
    )
    messages.success(request, message % {"count": count})
    list_name = "organisation-list" if kind == ImportKind.ORGANISATIONS else "contact-list"
    return redirect(reverse(f"network:{list_name}") + "?sort=-updated")


@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def import_template(request, kind):
    if kind not in ImportKind.values:
        raise Http404
    header, example = imports.template_lines(kind)
    content = "".join(exports.csv_lines(header, [example]))
    return download(content, f"sjabloon-{kind}.csv", content_type="text/csv; charset=utf-8")
