"""The headless runner (helpers.course.run_notebooks): the copies an instructor presents."""
import nbformat
import pytest

from helpers.course.run_notebooks import hide_solution_outputs, sync_markdown


def test_presented_copies_hide_solution_outputs():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")]
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    hide_solution_outputs(nb)
    assert "jupyter" not in nb.cells[0].metadata
    assert nb.cells[1].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}


def test_sync_markdown_copies_prose_and_refuses_code_changes(tmp_path):
    (tmp_path / "executed").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("old prose"), nbformat.v4.new_code_cell("x = 1")]
    done = nbformat.from_dict(nb)
    done.cells[1].outputs = [nbformat.v4.new_output("stream", text="out")]
    nbformat.write(done, tmp_path / "executed" / "00_a.ipynb")
    nb.cells[0].source = "new prose"
    nbformat.write(nb, tmp_path / "00_a.ipynb")
    assert sync_markdown(tmp_path / "00_a.ipynb", tmp_path / "executed") == [0]
    synced = nbformat.read(tmp_path / "executed" / "00_a.ipynb", as_version=4)
    assert synced.cells[0].source == "new prose" and synced.cells[1].outputs[0].text == "out"
    nb.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}      # cnn-slides --mark
    nbformat.write(nb, tmp_path / "00_a.ipynb")
    assert sync_markdown(tmp_path / "00_a.ipynb", tmp_path / "executed") == [1]
    synced = nbformat.read(tmp_path / "executed" / "00_a.ipynb", as_version=4)
    assert synced.cells[1].metadata["slideshow"] == {"slide_type": "fragment"}
    assert synced.cells[1].outputs[0].text == "out"
    del nb.cells[1].metadata["slideshow"]                   # and back: none in the notebook
    nbformat.write(nb, tmp_path / "00_a.ipynb")
    assert sync_markdown(tmp_path / "00_a.ipynb", tmp_path / "executed") == [1]
    assert sync_markdown(tmp_path / "00_a.ipynb", tmp_path / "executed") == []
    nb.cells[1].source = "x = 2"
    nbformat.write(nb, tmp_path / "00_a.ipynb")
    with pytest.raises(ValueError, match="code cells \\[1\\] changed"):
        sync_markdown(tmp_path / "00_a.ipynb", tmp_path / "executed")
