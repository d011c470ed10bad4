"""Checks on the committed notebooks themselves (nbval executes them separately)."""
import re
from pathlib import Path

import nbformat
import pytest

from helpers.run_notebooks import NOTEBOOK_DIR, find_warnings

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
# Old or warning-prone APIs that must not appear in executed code.
FORBIDDEN_CODE = [r"ImageDataGenerator\(", r"input_shape\s*=\s*\(32", r"cm\.get_cmap",
                  r"flow_from_directory", r"(?<!\.weights)\.h5['\"]", r"warnings\.filterwarnings"]


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:2] == ["00", "01"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean_and_generic(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec == {"display_name": "Python 3", "language": "python",
                                      "name": "python3"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
            for pattern in FORBIDDEN_CODE:
                assert not re.search(pattern, cell.source), (pattern, cell.source[:80])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_follows_the_course_template(path):
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert nb.cells[0].source.startswith(f"# {path.stem[:2]} ·")
    assert "**Learning objectives**" in md
    assert re.search(r"\*\*Estimated run time:\*\* smoke .+ · cpu .+ · full ", md)
    assert f'helpers.setup("{path.stem}")' in "\n".join(code[:2])
    assert "## Recap" in md
    exercises = md.split("## Exercises", 1)[1].split("## Solutions", 1)[0]
    assert len(re.findall(r"^\d+\. ", exercises, re.M)) >= 3
    assert "## Solutions" in md
    assert "helpers.results.record(" in "\n".join(code)
    if path != NOTEBOOKS[-1]:
        assert "**Next:**" in md


def test_warning_detector_flags_warnings_only():
    quiet = [{"output_type": "stream", "name": "stdout", "text": "10/10 - 1s - loss: 0.5\n"},
             {"output_type": "stream", "name": "stdout", "text": "we discuss warnings here"},
             {"output_type": "stream", "name": "stderr", "text": "scanning: 100%|####| 3/3"}]
    assert find_warnings(quiet) == []
    noisy = [{"output_type": "stream", "name": "stderr",
              "text": "/x.py:3: UserWarning: Do not pass an `input_shape`"},
             {"output_type": "stream", "name": "stderr", "text": "W0000 00:00 cuda_blas.cc] x"},
             {"output_type": "stream", "name": "stdout",
              "text": "ok\nWARNING:tensorflow:5 out of the last 5 calls triggered retracing"}]
    assert len(find_warnings(noisy)) == 3
