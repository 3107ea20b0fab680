"""Demo data kept as data: `<app>/seed_data/<name>.json`, read by the app's `seed.py`.

The files hold what the demo shows (organisations, interventions, documents, situation cards)
as plain JSON, one object a row with named fields and dates as `2026-02-10`; the seed module
keeps the logic (links between rows, generated addresses, the scale data).
"""

import json
from datetime import date
from pathlib import Path


def load(module_file: str, name: str):
    """The rows of `seed_data/<name>.json` beside the module `module_file` (its `__file__`)."""
    path = Path(module_file).with_name("seed_data") / f"{name}.json"
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def day(value: str | None) -> date | None:
    """A date of a data file (`2026-02-10`), or None where the file has null."""
    return None if value is None else date.fromisoformat(value)
