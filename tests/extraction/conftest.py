import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("THEODOI_SHARED", Path(__file__).resolve().parents[3] / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (gold labels, corpus, reference scorer), beside the repo."""
    if not (SHARED / "gold").is_dir():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Không có thư mục shared/gold tại {SHARED}: trong CI phép đo trên bộ gold là bắt buộc "
                        "(đặt THEODOI_SHARED để chỉ tới nó)")
        pytest.skip(f"Không có thư mục shared/gold tại {SHARED} (đặt THEODOI_SHARED để chỉ tới nó)")
    return SHARED
