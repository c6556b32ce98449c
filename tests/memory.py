"""Peak memory of a block of code, for tests that promise bounded memory (issue 7, item 5)."""

import contextlib
import tracemalloc
from collections.abc import Iterator

MB = 1024 * 1024


@contextlib.contextmanager
def peak_memory() -> Iterator[dict[str, int]]:
    """Peak bytes allocated by Python in this process while the block runs (tracemalloc)."""
    measured: dict[str, int] = {}
    tracemalloc.start()
    try:
        yield measured
    finally:
        measured["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
