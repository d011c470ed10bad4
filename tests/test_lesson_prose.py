"""The lesson prose reads as a lesson, not a lab log (COURSE.md, "Style"): no dates in lesson
markdown, short markdown cells, and `expect` ranges no wider than a re-run needs."""
import re
import statistics

import nbformat
import pytest

from helpers import results
from helpers.paths import NOTEBOOK_DIR
from test_expectations import parse_notebook

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
COMMENT = re.compile(r"<!--.*?-->", re.S)
MAX_MEDIAN_WORDS = 60
MAX_ACCURACY_WIDTH = 0.10          # fractions: 10 points
MAX_RATIO = 2.0                    # any other positive quantity: high / low
MAX_WIDE = 10                      # exceptions in the whole course, each with its reason
WIDE_REASON = re.compile(r"<!-- wide: \S.*?-->", re.S)


def markdown(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_markdown_holds_no_date(path):
    dates = [m.group(0) for text in markdown(path) for m in DATE.finditer(text)]
    assert not dates, f"{path.stem}: dates in lesson markdown {dates[:5]} (provenance lives in " \
                      f"results/*.json and the executed copy's setup banner)"


def words(text: str) -> int:
    return len(COMMENT.sub("", text).split())


def test_markdown_cells_are_short():
    counts = [words(text) for path in NOTEBOOKS for text in markdown(path)]
    assert statistics.median(counts) <= MAX_MEDIAN_WORDS, statistics.median(counts)


def too_wide(key: str, low: float, high: float) -> bool:
    """Whether an expect range is wider than a re-run needs: accuracies and other fractions
    (the keys ``results.fmt`` prints as percentages or points) at most 0.10 wide, any other
    positive quantity at most 2x. A range that reaches zero or below is not of a positive
    quantity and is judged by neither rule."""
    if results._PERCENT.search(key) or results._POINTS.search(key):
        return high - low > MAX_ACCURACY_WIDTH + 1e-9
    return low > 0 and high / low > MAX_RATIO + 1e-9


def test_expect_ranges_are_no_wider_than_a_rerun_needs():
    wide, unexplained = [], []
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        for e in parse_notebook(path)[0]:
            if too_wide(e.key, e.low, e.high):
                wide.append(e.id)
                if not WIDE_REASON.search(cells[e.cell].source):
                    unexplained.append(e.id)
    assert not unexplained, f"wide ranges without a `<!-- wide: reason -->`: {unexplained}"
    assert len(wide) <= MAX_WIDE, f"{len(wide)} wide ranges: {wide}"


def test_width_rule_can_fail():
    assert too_wide("test_accuracy", 0.70, 0.81) and not too_wide("test_accuracy", 0.70, 0.80)
    assert too_wide("augmentation_gain", 0.0, 0.12) and not too_wide("residual_gain", 0.05, 0.1)
    assert too_wide("wall_time_s", 100, 201) and not too_wide("wall_time_s", 100, 200)
    assert not too_wide("skipped_files", 0, 0) and not too_wide("spearman", -0.2, 0.2)
