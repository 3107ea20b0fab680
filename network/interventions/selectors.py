"""Reads of the handelingskader that carry a rule about who sees what.

Members of the network (every role) read everything that is not archived; coordinators also
see archived entries and drafts when they ask. Anonymous visitors, and accounts without a
role, read only the entries a coordinator marked public, and never a person's details.
"""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from network.interventions import taxonomy
from network.interventions.models import (
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    PracticeExample,
    SituationGuidance,
)
from network.models import NetworkAgreement, agreements_in_force_q
from polrad.permissions import MANAGE_SOCIAL_MAP, VIEW_SOCIAL_MAP


def is_member(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_SOCIAL_MAP)


def can_manage_catalogue(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_SOCIAL_MAP)


def _visible(queryset: QuerySet, user, *, include_archived: bool) -> QuerySet:
    if not is_member(user):
        return queryset.filter(is_public=True, archived=False)
    if include_archived and can_manage_catalogue(user):
        return queryset
    return queryset.filter(archived=False)


def interventions_offered_in(municipality) -> QuerySet[Intervention]:
    """Current interventions with at least one active provider working in the municipality."""
    return Intervention.objects.filter(offered_in_q(municipality), archived=False)


def offered_in_q(municipality) -> Q:
    offered = InterventionProvider.objects.filter(
        intervention=OuterRef("pk"),
        organisation__is_active=True,
        organisation__municipalities=municipality,
    )
    return Q(Exists(offered))


def interventions_for_list(user, *, include_archived=False) -> QuerySet[Intervention]:
    queryset = _visible(Intervention.objects.all(), user, include_archived=include_archived)
    return queryset.prefetch_related("forms")


def interventions_for_choice() -> QuerySet[Intervention]:
    """What a case conference or an activity may choose: never archived entries."""
    return Intervention.objects.filter(archived=False).only("pk", "name", "kind")


def intervention_choices() -> list[tuple[int, str]]:
    """`interventions_for_choice()` as (id, name) choices, from the cache."""
    return taxonomy.choices("interventions")


def intervention_get_for_user(user, pk: int) -> Intervention:
    """The intervention with what its detail page shows; 404 if the user may not see it."""
    member = is_member(user)
    providers = InterventionProvider.objects.select_related("organisation").filter(
        organisation__is_active=True
    )
    if member:
        providers = providers.select_related("contact")
    queryset = _visible(Intervention.objects.all(), user, include_archived=True).prefetch_related(
        Prefetch("providers", queryset=providers),
        Prefetch(
            "examples",
            queryset=examples_for_list(user).select_related("municipality"),
            to_attr="visible_examples",
        ),
    )
    intervention = get_object_or_404(queryset, pk=pk)
    links = _links(intervention, user)
    intervention.form_names = taxonomy.names("forms", links["forms"])
    intervention.mechanism_names = taxonomy.names("mechanisms", links["mechanisms"])
    intervention.linked_documents = [
        KnowledgeDocument(pk=pk, title=title) for pk, title in links["documents"]
    ]
    intervention.visible_guidance = [
        SituationGuidance(pk=pk, title=title) for pk, title in links["guidance"]
    ]
    return intervention


def _link_rows(name: str, queryset, ref: str, *, label=None, rank=None):
    return (
        queryset.annotate(
            linked=Value(name),
            ref=F(ref),
            label=F(label) if label else Value(""),
            rank=F(rank) if rank else Value(0),
        )
        .values_list("linked", "ref", "label", "rank")
        .order_by()
    )


def _links(intervention: Intervention, user) -> dict[str, list]:
    """What the intervention links to, in one query: the ids of its forms and mechanisms
    (their names come from the cache), and the documents and situation cards the user may
    see, as (id, title) in their lists' order."""
    forms = Intervention.forms.through.objects.filter(intervention=intervention)
    mechanisms = Intervention.mechanisms.through.objects.filter(intervention=intervention)
    documents = documents_for_list(user).filter(interventions=intervention)
    guidance = guidance_for_list(user).filter(interventions=intervention)
    rows = _link_rows("forms", forms, "polarisationform_id").union(
        _link_rows("mechanisms", mechanisms, "mechanism_id"),
        _link_rows("documents", documents, "pk", label="title"),
        _link_rows("guidance", guidance, "pk", label="title", rank="position"),
        all=True,
    )
    links = {"forms": [], "mechanisms": [], "documents": [], "guidance": []}
    for name, pk, label, _rank in rows.order_by("linked", "rank", "label", "ref"):
        links[name].append((pk, label) if name in ("documents", "guidance") else pk)
    return links


def examples_for_list(user, *, include_drafts=False) -> QuerySet[PracticeExample]:
    if not is_member(user):
        return PracticeExample.objects.none()
    queryset = PracticeExample.objects.filter(archived=False)
    if not (include_drafts and can_manage_catalogue(user)):
        queryset = queryset.filter(is_draft=False)
    return queryset


def example_get_for_user(user, pk: int) -> PracticeExample:
    queryset = PracticeExample.objects.select_related(
        "municipality", "intervention", "contact"
    ).prefetch_related("organisations")
    if not can_manage_catalogue(user):
        queryset = examples_for_list(user)
        queryset = queryset.select_related("municipality", "intervention", "contact")
    return get_object_or_404(queryset.prefetch_related("organisations"), pk=pk)


def guidance_for_list(user) -> QuerySet[SituationGuidance]:
    return _visible(SituationGuidance.objects.all(), user, include_archived=False)


def guidance_get_for_user(user, pk: int) -> SituationGuidance:
    queryset = _visible(SituationGuidance.objects.all(), user, include_archived=True)
    queryset = queryset.prefetch_related(
        "forms",
        Prefetch("interventions", queryset=interventions_for_list(user)),
        Prefetch("documents", queryset=documents_for_list(user)),
    )
    return get_object_or_404(queryset, pk=pk)


def guidance_for_concern(user, *, form_id: int | None, municipality) -> list[dict]:
    """The situation cards about a form of polarisation (a concern's category), each with the
    interventions that fit and who holds the named responsibilities in the municipality. The
    cards come from the cache (they change with the lists, see `taxonomy`); so do the
    agreements in force today (one query whatever the number of cards, on a cold cache)."""
    if form_id is None:
        return []
    cards = taxonomy.cached(
        ("guidance", form_id, is_member(user)),
        lambda: list(
            guidance_for_list(user)
            .filter(forms=form_id)
            .prefetch_related(
                Prefetch("interventions", queryset=Intervention.objects.filter(archived=False))
            )
        ),
    )
    wanted = sorted({r for card in cards for r in card.responsibilities})
    municipality_id = getattr(municipality, "pk", municipality)
    agreements = wanted and taxonomy.AGREEMENTS.get(
        (municipality_id, tuple(wanted), timezone.localdate().isoformat()),
        lambda: list(
            NetworkAgreement.objects.filter(
                agreements_in_force_q(), municipality=municipality_id, responsibility__in=wanted
            ).select_related("municipality", "organisation", "contact")
        ),
    )
    return [
        {
            "card": card,
            "agreements": [a for a in agreements if a.responsibility in card.responsibilities],
        }
        for card in cards
    ]


def agreements_for_guidance(guidance: SituationGuidance, municipalities) -> list:
    """Who holds the responsibilities the card names, in the given municipalities."""
    if not guidance.responsibilities:
        return []
    return list(
        NetworkAgreement.objects.filter(
            agreements_in_force_q(),
            municipality__in=municipalities,
            responsibility__in=guidance.responsibilities,
        ).select_related("municipality", "organisation", "contact")
    )


def providers_of(interventions) -> QuerySet:
    """Ids of the active organisations that offer any of these interventions (a subquery)."""
    return InterventionProvider.objects.filter(
        intervention__in=interventions, organisation__is_active=True
    ).values("organisation_id")


def documents_for_list(user, *, include_archived=False) -> QuerySet[KnowledgeDocument]:
    return _visible(KnowledgeDocument.objects.all(), user, include_archived=include_archived)


def document_get_for_user(user, pk: int) -> KnowledgeDocument:
    return get_object_or_404(documents_for_list(user, include_archived=True), pk=pk)


def offer_counts(municipalities) -> dict[tuple[int, str], int]:
    """Current interventions on offer per (municipality, practice category): one grouped
    query over the providers and the municipalities their organisations serve."""
    rows = (
        InterventionProvider.objects.filter(
            intervention__archived=False,
            organisation__is_active=True,
            organisation__municipalities__in=[m.pk for m in municipalities],
        )
        .values_list("organisation__municipalities", "intervention__category")
        .annotate(n=Count("intervention", distinct=True))
        .order_by()
    )
    return {(municipality, category): n for municipality, category, n in rows}
