"""The headless Chromium that the end-to-end tests drive and docs/ screenshot scripts use
(docs/_browser.py imports this): Debian's chromium, or THEODOI_CHROMIUM."""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("THEODOI_CHROMIUM", "/usr/bin/chromium"))
# No sandbox in containers, and nothing that reaches out to the network (updates, sync)
# while a test runs or a page is photographed.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
