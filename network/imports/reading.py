"""Reading the file: decoding, CSV parsing and mapping the header row to columns."""

import csv
import io

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from network.exports import unguard_cell
from network.imports.base import (
    ALIASES,
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    FileProblem,
    ImportRow,
    RowError,
)

SAVE_AS = _(
    'Save the file in Excel with "Save as" and choose the type "CSV UTF-8 (comma '
    'delimited)", then upload it again.'
)


def _decode(content: bytes, warnings: list[str]) -> str:
    if not content.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileProblem(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise FileProblem(_("The file is larger than 5 MB. Split it into smaller files."))
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileProblem(_("This is an Excel workbook, not a CSV file.") + " " + SAVE_AS)
    if b"\x00" in content:
        raise FileProblem(_("The file is not saved as UTF-8 text.") + " " + SAVE_AS)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        raise FileProblem(_("The file is not saved as UTF-8 text.") + " " + SAVE_AS) from None
    warnings.append(
        _(
            'The file is not saved as "CSV UTF-8"; it was read as Windows-1252. Check '
            "letters with accents in the preview."
        )
    )
    return text


def _read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        header = next(reader)
        for number, record in enumerate(reader, start=2):
            if any(cell.strip() for cell in record):
                records.append((number, record))
            if len(records) > MAX_ROWS:
                raise FileProblem(
                    _("The file has more than %(max)s rows. Split it into smaller files.")
                    % {"max": number_format(MAX_ROWS, force_grouping=True)}
                )
    except csv.Error as error:
        raise FileProblem(
            _("The file cannot be read as CSV (row %(row)s): %(error)s")
            % {"row": reader.line_num, "error": error}
        ) from None
    return header, records


def _normalise_header(value: str) -> str:
    value = " ".join(value.replace("\ufeff", "").replace("’", "'").split()).lower()
    return ALIASES.get(value, value)


def _map_header(kind: str, header: list[str], warnings: list[str]) -> list[str | None]:
    """The column name of each position in the file (None for ignored columns)."""
    known = {c.name for c in COLUMNS[kind]}
    names = [_normalise_header(cell) for cell in header]
    seen = set()
    for name in names:
        if name in seen and name in known:
            raise FileProblem(_('The column "%(column)s" appears twice.') % {"column": name})
        seen.add(name)
    missing = [c.name for c in COLUMNS[kind] if c.required and c.name not in seen]
    if missing:
        raise FileProblem(
            _("Required columns are missing: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    unknown = [cell.strip() for cell, name in zip(header, names, strict=True) if name not in known]
    if any(unknown):
        warnings.append(
            _("These columns are unknown and will be ignored: %(columns)s.")
            % {"columns": ", ".join(u for u in unknown if u)}
        )
    return [name if name in known else None for name in names]


def _rows(columns: list[str | None], records) -> list[ImportRow]:
    rows = []
    for number, record in records:
        values = {
            name: unguard_cell(cell.strip())
            for name, cell in zip(columns, record, strict=False)
            if name
        }
        row = ImportRow(number=number, values=values)
        if any(cell.strip() for cell in record[len(columns) :]):
            row.errors.append(RowError("", _("This row has more values than there are columns.")))
        rows.append(row)
    return rows
