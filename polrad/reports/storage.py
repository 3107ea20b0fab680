"""Stored PDFs are handed out only as they were made: their SHA-256 checksum must match."""

import hashlib


def stored_pdf_content(file, checksum: str) -> bytes | None:
    """The file's bytes, or None when it is gone or differs from what was stored."""
    try:
        with file.open("rb") as opened:
            content = opened.read()
    except (FileNotFoundError, ValueError):
        return None
    if hashlib.sha256(content).hexdigest() != checksum:
        return None
    return content
