"""Every file a user downloads (CSV, PDF, ICS, ZIP): its name and its headers, once.

A download name is ASCII and dated where it is an export of the moment
(`organisaties-2026-11-22.csv`), so that two exports of different days do not overwrite
each other; the Content-Disposition header quotes it (and encodes whatever else, RFC 6266),
and no cache keeps a copy: exports hold personal data.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify


def download_name(stem: str, extension: str, *, dated: bool = True) -> str:
    """`organisaties-2026-11-22.csv`: the stem as ASCII words, the day of the export."""
    safe_stem = slugify(stem) or "export"
    if dated:
        safe_stem = f"{safe_stem}-{timezone.localdate():%Y-%m-%d}"
    return f"{safe_stem}.{extension}"


def as_download(
    response: HttpResponse, filename: str, *, inline: bool = False, cache: str = "no-store"
) -> HttpResponse:
    """The response, saved as `filename` (or shown in the browser when `inline`)."""
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = cache
    return response


def download(
    content, filename: str, *, content_type: str, inline: bool = False, cache: str = "no-store"
) -> HttpResponse:
    """A response of `content` (bytes, text or an iterable of lines) to save as `filename`."""
    response = HttpResponse(content, content_type=content_type)
    return as_download(response, filename, inline=inline, cache=cache)
