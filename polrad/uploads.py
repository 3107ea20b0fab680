"""Uploaded files: stored as what they are, served as what they are.

An uploaded image is decoded with Pillow and written again (re-encoded) in the format it
really has, under that format's extension: a PNG named `.pdf` becomes `….png`, and what the
camera wrote besides the pixels (EXIF, with the place the photo was taken) is dropped. Every
stored upload is served with the content type of what it is, `nosniff`, and as an attachment
unless it is an image.
"""

from __future__ import annotations

import mimetypes
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format name → (extension, content type) of the images we keep.
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}
# Larger images than this many pixels are refused before decoding (decompression bombs).
MAX_IMAGE_PIXELS = 40_000_000

# The first bytes each kind of document starts with: a renamed executable is not a PDF.
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
MAGIC = {
    "pdf": (b"%PDF-",),
    "rtf": (b"{\\rtf",),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp"), _ZIP),
    **dict.fromkeys(("doc", "xls", "ppt"), _OLE),
}
TEXT = frozenset({"txt", "csv", "md"})
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "md": "text/plain; charset=utf-8",
}


def image_reencoded(upload, *, formats=IMAGE_FORMATS) -> ContentFile:
    """The uploaded image written again in its true format, named with that extension.

    Raises ValidationError (in Dutch) when the file is no image of one of `formats`.
    """
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in formats:
                raise ValidationError(_("Upload the photo as a JPEG or PNG file."))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The photo has too many pixels. Choose a smaller one."))
            kind = image.format
            image = ImageOps.exif_transpose(image)
            if kind == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = BytesIO()
            image.save(buffer, format=kind, **({"quality": 90} if kind == "JPEG" else {}))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not a photo we can read.")) from error
    extension = formats[kind][0]
    stem = Path(upload.name or "photo").stem[:80] or "photo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{extension}")


def content_matches(upload, extension: str) -> bool:
    """Whether the file's first bytes fit its extension (images: Pillow recognises them)."""
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension in ("jpg", "jpeg", "png"):
        return _image_type(upload) is not None
    if extension in MAGIC:
        return head.startswith(MAGIC[extension])
    return b"\x00" not in head  # plain text


def _image_type(handle) -> str | None:
    try:
        handle.seek(0)
        with Image.open(handle) as image:
            found = IMAGE_FORMATS.get(image.format)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        found = None
    handle.seek(0)
    return found[1] if found else None


def _document_type(name: str) -> str:
    extension = Path(name).suffix.lower().lstrip(".")
    if extension in CONTENT_TYPES:
        return CONTENT_TYPES[extension]
    if extension in MAGIC:
        return mimetypes.types_map.get(f".{extension}", "application/octet-stream")
    return "application/octet-stream"


def upload_response(field_file, *, filename: str | None = None) -> FileResponse:
    """Serve a stored upload: an image inline as the image it is, anything else as an
    attachment with the content type of its (checked) kind; never sniffed, never stored."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = filename or Path(field_file.name).name
    image_type = _image_type(handle)
    response = FileResponse(
        handle,
        as_attachment=image_type is None,
        filename=name,
        content_type=image_type or _document_type(name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
