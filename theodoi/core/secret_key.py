"""The secret key kept in `var/secret_key` when the environment gives none.

Imported by settings, so it uses the standard library only.
"""

import os
import secrets
import tempfile
from pathlib import Path


def load_or_create_secret_key(path: Path) -> str:
    """Return the key stored at `path`, creating it (owner-only, 0600) on first use.

    Several gunicorn workers may start at the same moment: each writes its candidate to a
    private temporary file and hard-links it into place; `link` fails if the file already
    exists, so exactly one candidate wins and every process reads that one.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file with mode 0600 whatever the umask.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as tmp:
                tmp.write(secrets.token_urlsafe(50))
                tmp.flush()
                os.fsync(tmp.fileno())
            try:
                os.link(tmp_name, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp_name)
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it to have a new key generated, or set SECRET_KEY")
    return key
