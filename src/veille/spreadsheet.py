"""CSV that a spreadsheet opens as data, never as formulas (CSV injection).

A cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return, which
some spreadsheets skip before reading one of those) is run as a formula by
Excel, LibreOffice and Google Sheets: a sentence quoted from a hostile page
could call a command or send the sheet elsewhere. Such text cells get a
leading `'`, which spreadsheets show as text (OWASP's advice). Numbers are
written as numbers: `-3.5` stays a number. The CLI and the API both write
claims through `write_csv`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with a leading `'` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(handle: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows as CSV with a header, every text cell made safe for a spreadsheet."""
    writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
