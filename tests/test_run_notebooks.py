"""The headless runner (helpers.course.run_notebooks): the copies an instructor presents."""
from helpers.course.run_notebooks import hide_solution_outputs


def test_presented_copies_hide_solution_outputs():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")]
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    hide_solution_outputs(nb)
    assert "jupyter" not in nb.cells[0].metadata
    assert nb.cells[1].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
