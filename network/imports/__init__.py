"""CSV import of organisations and contact persons: all rows valid, or nothing is saved.

`import_validate` reads the whole file and checks every row against the map as it is now
(terms, municipalities, duplicates); `import_apply` saves a valid result in one transaction.

Reading the file: UTF-8 (with or without BOM) first; failing that, Windows-1252, which
Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)" — accepted with a
warning, since the preview shows every value before anything is saved. UTF-16 and Excel
workbooks are refused with the advice to save as "CSV UTF-8". The delimiter is `;` (what
Dutch Excel writes) or `,`, whichever the header row uses.

Between preview and confirm the upload waits in the confirm form, signed
(django.core.signing, bound to the coordinator, valid for an hour): web nodes keep no state,
nothing is left behind when a coordinator walks away, and confirm validates again, so a
duplicate created in the meantime is still refused.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.imports.base import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    SIGNED_MAX_AGE,
    SIGNING_SALT,
    Column,
    FileProblem,
    ImportKind,
    ImportResult,
    ImportRow,
    RowError,
)
from network.imports.reading import _decode, _map_header, _read, _rows
from network.imports.rows import ContactRows, OrganisationRows
from network.imports.saving import _save_contacts, _save_organisations
from network.selectors import coverage_invalidate

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "Column",
    "FileProblem",
    "ImportKind",
    "ImportResult",
    "ImportRow",
    "RowError",
    "import_apply",
    "import_validate",
    "template_lines",
    "upload_sign",
    "upload_unsign",
]


def import_validate(*, kind: str, content: bytes) -> ImportResult:
    """Read and check the whole file; nothing is written."""
    result = ImportResult(kind=kind)
    try:
        result.text = _decode(content, result.warnings)
        header, records = _read(result.text)
        columns = _map_header(kind, header, result.warnings)
    except FileProblem as problem:
        result.file_errors.append(str(problem))
        return result
    result.rows = _rows(columns, records)
    if not result.rows:
        result.file_errors.append(_("The file contains a header row but no data rows."))
        return result
    validator = OrganisationRows() if kind == ImportKind.ORGANISATIONS else ContactRows()
    validator.validate(result.rows)
    return result


@transaction.atomic
def import_apply(*, result: ImportResult, by) -> int:
    """Save every row of a valid import, verified by the importing coordinator, now."""
    if not result.is_valid:
        raise ValueError("Only a valid import can be applied.")
    save = _save_organisations if result.kind == ImportKind.ORGANISATIONS else _save_contacts
    save([row.data for row in result.rows], by=by, now=timezone.now())
    transaction.on_commit(coverage_invalidate)
    return len(result.rows)


def upload_sign(*, result: ImportResult, user) -> str | None:
    """The validated upload, signed for the confirm form; None if too large to post back."""
    token = signing.dumps(
        {"kind": result.kind, "user": user.pk, "text": result.text},
        salt=SIGNING_SALT,
        compress=True,
    )
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return None if limit is not None and len(token) > limit - 4096 else token


def upload_unsign(*, token: str, user) -> tuple[str, bytes]:
    """(kind, content) of a signed upload; BadSignature if forged, expired or another's."""
    payload = signing.loads(token, salt=SIGNING_SALT, max_age=SIGNED_MAX_AGE)
    if payload.get("user") != user.pk or payload.get("kind") not in ImportKind.values:
        raise signing.BadSignature("Upload of another user.")
    return payload["kind"], payload["text"].encode("utf-8")


def template_lines(kind: str) -> list[list[str]]:
    """Header row and one example row of the downloadable template."""
    columns = COLUMNS[kind]
    return [[c.name for c in columns], [c.example for c in columns]]
