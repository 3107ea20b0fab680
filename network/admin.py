from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Language,
    Municipality,
    NetworkAgreement,
    Organisation,
    Theme,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "province", "region", "is_active"]
    list_filter = ["province", "is_active"]
    search_fields = ["name", "cbs_code"]


@admin.register(Domain, Theme, Contribution, Language, Community)
class TaxonomyTermAdmin(admin.ModelAdmin):
    """The editable lists of the social map."""

    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_partner", "is_active", "last_verified_at"]
    list_filter = ["kind", "is_partner", "is_active", "domains"]
    search_fields = ["name"]
    filter_horizontal = ["domains", "themes", "contributions", "municipalities"]
    readonly_fields = ["last_verified_at", "last_verified_by"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: others refer to organisations


@admin.register(ContactPerson)
class ContactPersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "organisation", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["full_name", "email"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["languages", "communities", "domains", "municipalities"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NetworkAgreement)
class NetworkAgreementAdmin(SimpleHistoryAdmin):
    list_display = [
        "municipality",
        "responsibility",
        "organisation",
        "contact",
        "start_date",
        "end_date",
    ]
    list_filter = ["responsibility", "municipality"]
    list_select_related = ["municipality", "organisation", "contact"]
    autocomplete_fields = ["organisation", "contact"]
