"""The optional photo of a role model: uploaded by coordinators, shown only to them and the
person, never publicly served."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from rolemodels.workflow import Stage
from tests.rolemodels.factories import RoleModelFactory


def image(fmt="PNG", size=(40, 40), name="foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post_profile(client, role_model, **extra):
    data = {
        "full_name": role_model.full_name,
        "email": role_model.email,
        "municipality": role_model.municipality_id,
        "max_activities_per_month": 2,
        **extra,
    }
    return client.post(reverse("rolemodels:update", args=[role_model.pk]), data)


def photo_url(role_model):
    return reverse("rolemodels:photo", args=[role_model.pk])


def test_coordinator_uploads_a_photo_under_a_random_name(client_for, coordinator, media):
    role_model = RoleModelFactory(full_name="Samira Bouzid")
    response = post_profile(client_for(coordinator), role_model, photo=image())
    assert response.status_code == 302
    role_model.refresh_from_db()
    assert role_model.photo.name.startswith("rolemodels/photos/")
    assert "samira" not in role_model.photo.name.lower()
    assert (media / role_model.photo.name).exists()
    detail = client_for(coordinator).get(reverse("rolemodels:detail", args=[role_model.pk]))
    assert photo_url(role_model) in detail.content.decode()


def test_replacing_a_photo_deletes_the_old_file(
    client_for, coordinator, media, django_capture_on_commit_callbacks
):
    role_model = RoleModelFactory()
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(client, role_model, photo=image())
    role_model.refresh_from_db()
    first = Path(media / role_model.photo.name)
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(client, role_model, photo=image(fmt="JPEG", name="nieuw.jpg"))
    role_model.refresh_from_db()
    assert not first.exists() and (media / role_model.photo.name).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("foto.png", b"not an image at all", content_type="image/png"),
            "Upload a valid image. The file you uploaded was either not an image or a corrupted "
            "image.",
        ),
        (image(fmt="GIF", name="foto.gif"), "Upload the photo as a JPEG or PNG file."),
    ],
)
def test_bad_photo_is_refused_in_dutch(client_for, coordinator, media, upload, message):
    role_model = RoleModelFactory()
    response = post_profile(client_for(coordinator), role_model, photo=upload)
    assert response.status_code == 200
    with translation.override("nl"):
        expected = translation.gettext(message)
    assert expected != message and expected in response.content.decode()
    role_model.refresh_from_db()
    assert not role_model.photo and not any(media.rglob("*.*"))


def test_a_photo_over_two_megabytes_is_refused(client_for, coordinator, media, monkeypatch):
    from rolemodels import forms

    monkeypatch.setattr(forms, "MAX_PHOTO_BYTES", 100)
    role_model = RoleModelFactory()
    response = post_profile(client_for(coordinator), role_model, photo=image(size=(200, 200)))
    assert "2 MB" in response.content.decode()
    role_model.refresh_from_db()
    assert not role_model.photo


@pytest.fixture
def with_photo(role_model, media):
    profile = RoleModelFactory(user=role_model, stage=Stage.ACTIVE)
    profile.photo.save("x.png", image(), save=True)
    return profile


def test_coordinator_and_the_person_see_the_photo(client_for, coordinator, role_model, with_photo):
    response = client_for(coordinator).get(photo_url(with_photo))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for(role_model).get(photo_url(with_photo)).status_code == 200


@pytest.mark.parametrize("persona", ["professional", "municipal_employee", "handler"])
def test_others_cannot_see_the_photo(client_for, request, with_photo, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(photo_url(with_photo)).status_code == 403


def test_anonymous_visitor_cannot_see_the_photo(client, with_photo):
    assert client.get(photo_url(with_photo)).status_code == 302


def test_without_a_photo_the_address_is_not_found(client_for, coordinator):
    assert client_for(coordinator).get(photo_url(RoleModelFactory())).status_code == 404


# Stored and served as what it is (issue #13, 10) --------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "extension", "content_type"),
    [
        ("PNG", "foto.pdf", ".png", "image/png"),
        ("JPEG", "foto.eps", ".jpg", "image/jpeg"),
        ("PNG", "foto.jpg", ".png", "image/png"),
    ],
)
def test_a_photo_is_stored_under_the_format_it_really_has(
    client_for, coordinator, media, fmt, name, extension, content_type
):
    role_model = RoleModelFactory()
    client = client_for(coordinator)
    assert post_profile(client, role_model, photo=image(fmt=fmt, name=name)).status_code == 302
    role_model.refresh_from_db()
    assert Path(role_model.photo.name).suffix == extension
    response = client.get(photo_url(role_model))
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")


def test_a_photo_loses_its_camera_metadata(client_for, coordinator, media):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, format="JPEG", exif=exif.tobytes())
    upload = SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")
    role_model = RoleModelFactory()
    post_profile(client_for(coordinator), role_model, photo=upload)
    role_model.refresh_from_db()
    with Image.open(role_model.photo.open("rb")) as stored:
        assert not stored.getexif()


def test_an_image_stored_earlier_under_a_wrong_extension_is_served_as_the_image(
    client_for, coordinator, media
):
    role_model = RoleModelFactory()
    role_model.photo.save("oud.pdf", image(), save=True)
    response = client_for(coordinator).get(photo_url(role_model))
    assert response["Content-Type"] == "image/png"
