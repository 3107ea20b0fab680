#!/usr/bin/env python3
"""Print the demo accounts' current two-factor code at once (`make demo-code`): the standard
library only, no Django to start. A code works once; the next one comes with the next half
minute."""

import importlib.util
import sys
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent / "polrad" / "accounts" / "demo_code.py"

spec = importlib.util.spec_from_file_location("demo_code", MODULE)
demo_code = importlib.util.module_from_spec(spec)
spec.loader.exec_module(demo_code)

code, seconds_left = demo_code.current_code()
print(code)
if sys.stdout.isatty():
    print(
        f"(valid for {seconds_left} s more; a code works once, so for the next account wait "
        "for the next code)",
        file=sys.stderr,
    )
