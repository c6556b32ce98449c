from decimal import Decimal

import pytest

from theodoi.tasks.models import ProgressReport, Task
from theodoi.tasks.progress import rolled_up_percent
from theodoi.tasks.selectors import task_children_progress


def test_plain_average_without_weights():
    assert rolled_up_percent([(100, None), (50, None), (0, None)]) == 50.0


def test_weighted_average():
    assert rolled_up_percent([(100, Decimal("3")), (0, Decimal("1"))]) == 75.0


def test_missing_weight_counts_as_the_mean_of_the_given_weights():
    # weights 2 and 4 → the unweighted child counts with 3: (2*100 + 4*0 + 3*50) / 9
    assert rolled_up_percent([(100, 2), (0, 4), (50, None)]) == pytest.approx(38.9)


def test_no_children_gives_no_rollup():
    assert rolled_up_percent([]) is None


def test_child_without_report_counts_as_zero():
    assert rolled_up_percent([(None, None), (80, None)]) == 40.0


def test_all_zero_weights_gives_no_rollup():
    assert rolled_up_percent([(100, 0), (50, 0)]) is None


@pytest.mark.django_db
def test_parent_progress_rolls_up_from_latest_reports(document):
    parent = Task.objects.create(document=document, title="Cha")
    a = Task.objects.create(document=document, title="Con A", parent=parent, weight=Decimal("1"))
    b = Task.objects.create(document=document, title="Con B", parent=parent, weight=Decimal("3"))
    issuer = document.issuer
    for task, percent in ((a, 100), (b, 20)):
        ProgressReport.objects.create(task=task, agency=issuer, period_start="2026-07-01",
                                      period_end="2026-09-30", percent_complete=percent, narrative="x")
    children, percent = task_children_progress(task=parent)
    assert [c.title for c in children] == ["Con A", "Con B"]
    assert percent == 40.0  # (1*100 + 3*20) / 4
