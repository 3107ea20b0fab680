"""The states of an analysis and of an action: the whole of both on one screen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.IntegerChoices):
    FORMS = 1, _("Forms of polarisation")
    CAUSES = 2, _("Causes and triggers")
    GROUPS = 3, _("Groups involved")
    LOCATIONS = 4, _("Locations")
    PHASE = 5, _("Phase")
    DIRECTIONS = 6, _("Solution directions")
    INTERVENTIONS = 7, _("Chosen interventions")
    POLICY = 8, _("White spots in local policy")


# Steps whose checklist items come from the versioned definition and are ticked.
TICKED_STEPS = (Step.CAUSES, Step.GROUPS, Step.LOCATIONS, Step.DIRECTIONS)


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Verdict(models.TextChoices):
    SUFFICIENT = "sufficient", _("Present and sufficient")
    INTENSIFY = "intensify", _("Present, intensify")
    MISSING = "missing", _("Missing")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class PreconditionStatus(models.TextChoices):
    IN_ORDER = "in_order", _("In order")
    PARTLY = "partly", _("Partly")
    NOT = "not", _("Not in order")
