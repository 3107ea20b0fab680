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


# The share of the national volumes that `seed_demo --scale` fills up to: 1 for the national
# bench database, 0.25 for the quarter-scale one that shows how each page grows with the data
# (`make bench` measures both). Municipalities stay 342 at every scale: there are that many.
_fraction = 1.0


def set_fraction(fraction: float) -> None:
    global _fraction
    if not 0 < fraction <= 1:
        raise ValueError(f"a share of the national volumes is above 0 and at most 1: {fraction}")
    _fraction = fraction


def scaled(national: int) -> int:
    """`national` rows at the chosen share of the national volumes (at least one)."""
    return max(1, round(national * _fraction))
