from network.views.contacts import (
    ContactCreateView,
    ContactDetailView,
    ContactListView,
    ContactUpdateView,
)
from network.views.coverage import CoverageView, municipality_pdf_choose
from network.views.organisations import (
    AgreementCreateView,
    IndexView,
    OrganisationDetailView,
    OrganisationListView,
    RelationCreateView,
    organisation_edit,
    organisation_policy_edit,
    record_set_active,
    record_verify,
)

__all__ = [
    "AgreementCreateView",
    "ContactCreateView",
    "ContactDetailView",
    "ContactListView",
    "ContactUpdateView",
    "CoverageView",
    "IndexView",
    "OrganisationDetailView",
    "OrganisationListView",
    "RelationCreateView",
    "municipality_pdf_choose",
    "organisation_edit",
    "organisation_policy_edit",
    "record_set_active",
    "record_verify",
]
