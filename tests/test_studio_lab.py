"""The Studio Lab launch link follows the repository's GitHub remote, in either URL form."""
import pytest

from helpers.run_notebooks import hide_solution_outputs
from helpers.studio_lab import launch_url


@pytest.mark.parametrize("remote", ["https://github.com/ada/cnn-course.git",
                                    "https://github.com/ada/cnn-course",
                                    "git@github.com:ada/cnn-course.git",
                                    "ssh://git@github.com/ada/cnn-course.git"])
def test_launch_url_from_any_github_remote(remote):
    assert launch_url(remote, "dev") == ("https://studiolab.sagemaker.aws/import/github/ada/"
                                         "cnn-course/blob/dev/notebooks/00_setup_check.ipynb")


def test_non_github_remote_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="GitHub only"):
        launch_url("https://gitlab.com/ada/cnn-course.git")


def test_presented_copies_hide_solution_outputs():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")]
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    hide_solution_outputs(nb)
    assert "jupyter" not in nb.cells[0].metadata
    assert nb.cells[1].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
