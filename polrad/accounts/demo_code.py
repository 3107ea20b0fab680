"""The demo accounts' shared two-factor secret and its current code, with the standard library
only: `scripts/demo_code.py` loads this file without Django, so the code prints at once."""

import base64
import hashlib
import hmac
import struct
import time

# One shared TOTP secret for every demo account that needs 2FA (printed in the README).
DEMO_TOTP_SECRET = "POLRADDEMOPOLRADDEMOPOLRADDEMO22"  # noqa: S105 - published on purpose
STEP = 30  # seconds a code is shown, as in every authenticator app


def code_at(moment: float, secret: str = DEMO_TOTP_SECRET) -> str:
    """The six-digit TOTP code (RFC 6238, SHA-1) of the secret at a Unix time."""
    counter = struct.pack(">Q", int(moment) // STEP)
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def current_code(secret: str = DEMO_TOTP_SECRET) -> tuple[str, int]:
    """The code of now, and the seconds until the next one."""
    now = time.time()
    return code_at(now, secret), STEP - int(now) % STEP
