import pytest

from tests.public_markers import PublicWorld, seed_public_world


@pytest.fixture
def public_world(db) -> PublicWorld:
    """Published and non-public data side by side; see tests/public_markers.py."""
    return seed_public_world()
