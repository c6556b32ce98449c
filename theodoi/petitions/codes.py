"""Tracking codes: unguessable, and easy to read out on the phone and type back.

Twelve symbols of Crockford's base 32 (no I, L, O, U: nothing to confuse with 1, 0 or V)
give 60 random bits; shown in groups of four ("KN-7Q4M-2HXD-9RTA"). Typing is forgiving:
lower case, spaces, dashes, O for 0 and I/L for 1 are all read as meant.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
PREFIX = "KN"
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def format_code(code: str) -> str:
    return PREFIX + "-" + "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def parse_code(typed: str) -> str | None:
    """The stored code a person typed, or None if it cannot be one."""
    text = "".join(ch for ch in (typed or "")[:64].upper() if ch.isalnum())
    if text.startswith(PREFIX) and len(text) == LENGTH + len(PREFIX):
        text = text[len(PREFIX):]
    text = text.translate(_TYPO)
    if len(text) != LENGTH or any(ch not in ALPHABET for ch in text):
        return None
    return text
