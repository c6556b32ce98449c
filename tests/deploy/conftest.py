import subprocess
from pathlib import Path

import pytest

from tests.deploy.server import BIN, REPO, clean_env


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`collectstatic` as `make run` does it, once for the session's server tests.

    It hashes and compresses every static file (Swagger UI and Redoc included), which takes
    minutes on a busy 2-core machine; the timeout only guards against a hang.
    """
    root = tmp_path_factory.mktemp("static")
    env = clean_env(STATIC_ROOT=str(root), DATABASE_URL=f"sqlite:///{root.parent / 'collect.sqlite3'}")
    subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                   cwd=REPO, env=env, check=True, timeout=900)
    return root
