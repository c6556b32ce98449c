"""Progress roll-up from child tasks to their parent."""

from collections.abc import Sequence
from decimal import Decimal


def rolled_up_percent(children: Sequence[tuple[float | int | None, Decimal | float | None]]) -> float | None:
    """Parent progress from (percent, weight) of each child.

    Weighted where weights are set. A child without a weight counts with the mean of the
    weights that are set (so one forgotten weight neither dominates nor vanishes); with
    no weights at all it is the plain average. A child with no report counts as 0 %.
    No children, or weights that sum to zero: None (the parent's own reports decide).
    """
    if not children:
        return None
    given = [float(w) for _, w in children if w is not None]
    default_weight = sum(given) / len(given) if given else 1.0
    total_weight = 0.0
    total = 0.0
    for percent, weight in children:
        w = float(weight) if weight is not None else default_weight
        total_weight += w
        total += w * float(percent or 0)
    if total_weight == 0:
        return None
    return round(total / total_weight, 1)
