"""Concern content is encrypted at rest, and only the reporter and handlers in scope see it."""

import io

import pytest
from django.db import connection
from django.http import Http404

from signals import selectors
from signals.models import AccessLog, Concern
from tests.factories import UserFactory
from tests.signals.factories import ConcernFactory

SECRET = "Jongen van 15 uit de Oosterparkwijk deelt IS-filmpjes"


def raw(concern, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM signals_concern WHERE id = %s", [concern.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_free_text_and_person_fields_are_not_stored_in_plain_text(municipality):
    concern = ConcernFactory(
        municipality=municipality,
        observed=SECRET,
        persons_involved="Ahmed B.",
        neighbourhood="Oost",
    )
    for column, plain in (
        ("observed", SECRET),
        ("persons_involved", "Ahmed B."),
        ("neighbourhood", "Oost"),
    ):
        stored = raw(concern, column)
        assert plain not in stored and stored.startswith("gAAAA")  # a Fernet token
    assert Concern.objects.get(pk=concern.pk).observed == SECRET


def test_a_new_key_in_front_keeps_old_rows_readable(settings, municipality):
    concern = ConcernFactory(municipality=municipality, observed=SECRET)
    old_token = raw(concern, "observed")
    settings.SALT_KEY = ["a-brand-new-key", *settings.CONCERN_ENCRYPTION_KEYS]
    field = Concern._meta.get_field("observed")
    for attribute in ("keys", "f"):
        field.__dict__.pop(attribute, None)  # the field caches its keys per process
    try:
        assert Concern.objects.get(pk=concern.pk).observed == SECRET
        concern.save()  # re-encrypted with the new key
        assert raw(concern, "observed") != old_token
        assert Concern.objects.get(pk=concern.pk).observed == SECRET
    finally:
        for attribute in ("keys", "f"):
            field.__dict__.pop(attribute, None)


def test_reporter_sees_own_concerns_only(professional, municipality):
    own = ConcernFactory(municipality=municipality, reporter=professional)
    other = ConcernFactory(municipality=municipality, reporter=UserFactory(roles=["professional"]))
    assert list(selectors.concerns_visible_to(professional)) == [own]
    assert selectors.concern_get_for_reporter(professional, own.pk) == own
    with pytest.raises(Http404):
        selectors.concern_get_for_reporter(professional, other.pk)


def test_handler_sees_concerns_of_their_municipalities_and_is_logged(
    handler, municipality, other_municipality
):
    mine = ConcernFactory(municipality=municipality)
    elsewhere = ConcernFactory(municipality=other_municipality)
    assert list(selectors.concerns_visible_to(handler)) == [mine]
    assert selectors.concern_get_for_handler(handler, mine.pk, reason="triage") == mine
    log = AccessLog.objects.get()
    assert (log.user, log.concern, log.action, log.reason) == (handler, mine, "view", "triage")
    with pytest.raises(Http404):
        selectors.concern_get_for_handler(handler, elsewhere.pk)
    assert AccessLog.objects.count() == 1  # a refused look is not logged as a view


@pytest.mark.parametrize(
    "persona", ["coordinator", "municipal_employee", "role_model", "administrator"]
)
def test_other_roles_see_no_concern(request, municipality, persona):
    ConcernFactory(municipality=municipality)
    user = request.getfixturevalue(persona)
    assert not selectors.concerns_visible_to(user).exists()
    assert not selectors.concerns_handled_by(user).exists()


def test_anonymous_sees_nothing(municipality):
    from django.contrib.auth.models import AnonymousUser

    ConcernFactory(municipality=municipality)
    assert not selectors.concerns_visible_to(AnonymousUser()).exists()


def test_rotating_keys_lets_the_old_key_go(settings, municipality, handler):
    from django.core.management import call_command

    from signals.management.commands.rotate_concern_keys import encrypted_fields
    from signals.models import Note, Referral
    from tests.network.factories import OrganisationFactory

    concern = ConcernFactory(municipality=municipality, observed=SECRET)
    note = Note.objects.create(concern=concern, author=handler, text=SECRET)
    referral = Referral.objects.create(
        concern=concern, organisation=OrganisationFactory(), shared=SECRET, reason="Zorg"
    )
    old_keys = list(settings.CONCERN_ENCRYPTION_KEYS)
    fields = [
        model._meta.get_field(name) for model, names in encrypted_fields().items() for name in names
    ]

    def use(keys):
        settings.SALT_KEY = keys
        for each in fields:
            for attribute in ("keys", "f"):
                each.__dict__.pop(attribute, None)

    try:
        use(["the-next-key", *old_keys])
        call_command("rotate_concern_keys", stdout=io.StringIO())
        use(["the-next-key"])  # the old key is gone
        assert Concern.objects.get(pk=concern.pk).observed == SECRET
        assert Note.objects.get(pk=note.pk).text == SECRET
        referral = Referral.objects.get(pk=referral.pk)
        assert (referral.shared, referral.reason) == (SECRET, "Zorg")
    finally:
        use(old_keys)
    assert fields[0].keys  # back to the keys of the settings


# Text fields of the concern models that are no free text a person types: codes, choices
# made by the code, a reference, a period key, what a staff member did.
NOT_FREE_TEXT = {
    ("concern", "reference"),  # a generated code, read over the phone
    ("trenddigest", "period"),  # 2026-10 or 2026-Q3
    ("accesslog", "reason"),  # the kind of look, set by the code ("transition", "PDF")
    ("category", "name"),  # the taxonomy, kept by administrators
    ("category", "description"),
    # A coordinator's interpretation is written to be sent to every reporter: it must not name
    # anyone, and is public to the recipients of the trend update by design.
    ("interpretation", "period"),
    ("interpretation", "region"),
    ("interpretation", "text"),
}


def test_every_free_text_field_of_the_concern_models_is_encrypted():
    from django.apps import apps
    from django.db import models
    from encrypted_fields.fields import EncryptedFieldMixin

    plain = [
        (model._meta.model_name, field.name)
        for model in apps.get_app_config("signals").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, EncryptedFieldMixin)
        and not field.choices
        and (model._meta.model_name, field.name) not in NOT_FREE_TEXT
    ]
    assert plain == []
    # The reporter's form holds no plain text field either.
    from signals.forms import ConcernForm

    typed = [
        name
        for name in ConcernForm._meta.fields
        if isinstance(Concern._meta.get_field(name), models.CharField | models.TextField)
        and not Concern._meta.get_field(name).choices
    ]
    assert typed and all(
        isinstance(Concern._meta.get_field(name), EncryptedFieldMixin) for name in typed
    )


def test_the_online_platform_is_stored_encrypted(municipality):
    concern = ConcernFactory(municipality=municipality, setting="online", platform="Telegram")
    stored = raw(concern, "platform")
    assert "Telegram" not in stored and stored.startswith("gAAAA")
    assert Concern.objects.get(pk=concern.pk).platform == "Telegram"


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_platforms_written_before_and_back(municipality):
    from django.db.migrations.executor import MigrationExecutor

    concern = ConcernFactory(municipality=municipality, setting="online", platform="Telegram")
    empty = ConcernFactory(municipality=municipality, platform="")
    before, after = (
        [("signals", "0008_satisfaction_per_closing")],
        [("signals", "0010_encrypted_online_platform")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    assert (raw(concern, "platform"), raw(empty, "platform")) == ("Telegram", "")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    assert raw(concern, "platform").startswith("gAAAA") and raw(empty, "platform") is None
    assert Concern.objects.get(pk=concern.pk).platform == "Telegram"
    # Leave the database as the other tests expect it: every migration applied.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
