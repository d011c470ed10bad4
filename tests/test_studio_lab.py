"""The Studio Lab launch link follows the repository's GitHub remote, in either URL form."""
import pytest

from helpers.course.studio_lab import launch_url


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
