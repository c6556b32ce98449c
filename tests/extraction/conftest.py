import os
from pathlib import Path

import pytest

from tests.ci import skip_or_fail

SHARED = Path(os.environ.get("THEODOI_SHARED", Path(__file__).resolve().parents[3] / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (gold labels, corpus, reference scorer), beside the repo."""
    if not (SHARED / "gold").is_dir():
        # In CI the measurement on the gold set is required: a missing folder fails there.
        skip_or_fail(f"Không có thư mục shared/gold tại {SHARED} (đặt THEODOI_SHARED để chỉ tới nó)")
    return SHARED
