"""Badges and install lines come from one place (pyproject.toml) and point at the right files."""
import re
import tomllib

import nbformat
import pytest

import helpers.course.hosted as hosted
import helpers.course.links as links
from helpers.paths import NOTEBOOK_DIR, REPO_ROOT

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def test_every_copy_is_written_from_the_one_place():
    assert links.sync(check=True) == [], "run `python -m helpers.course.links`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_each_notebook_opens_itself_and_installs_from_the_ref(path):
    repository, ref = links.where()
    nb = nbformat.read(path, as_version=4)
    title = nb.cells[0].source
    urls = re.findall(r"\]\((https://[^)]+)\)", title)
    targets = [u for u in urls if not u.endswith(".svg")]
    assert len(targets) == 3 and {u.split("://")[1].split("/")[0] for u in targets} == {
        "colab.research.google.com", "kaggle.com", "studiolab.sagemaker.aws"}
    owner_name = repository.removeprefix("https://github.com/")
    for url in targets:
        assert url.endswith(f"{owner_name}/blob/{ref}/notebooks/{path.name}"), url
    first = next(c for c in nb.cells if c.cell_type == "code").source
    assert f'"git+{repository}@{ref}"' in first and "%run -m helpers.course.hosted" in first


def test_readme_rows_open_their_own_notebook():
    rows = re.findall(r"^\| \d\d \| \[.*?\]\(notebooks/(\S+?)\) \|.*$",
                      (REPO_ROOT / "README.md").read_text(), re.M)
    assert rows == [p.name for p in NOTEBOOKS]
    lines = [line for line in (REPO_ROOT / "README.md").read_text().splitlines()
             if re.match(r"^\| \d\d \| \[.*?\]\(notebooks/", line)]
    for line, name in zip(lines, rows):
        assert line.count(f"/notebooks/{name})") == 3, line


def test_a_fork_rewrites_the_one_place(tmp_path, monkeypatch):
    copy = tmp_path / "pyproject.toml"
    copy.write_text((REPO_ROOT / "pyproject.toml").read_text())
    monkeypatch.setattr(links, "PYPROJECT", copy)
    links.set_where("https://github.com/ada/cnn-course", "v9")
    assert links.where() == ("https://github.com/ada/cnn-course", "v9")
    with pytest.raises(ValueError, match="GitHub only"):
        links.set_where("https://gitlab.com/ada/cnn-course", "v9")


def test_the_notebooks_extra_pins_what_requirements_txt_pins():
    extra = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())[
        "project"]["optional-dependencies"]["notebooks"]
    pinned = set((REPO_ROOT / "requirements.txt").read_text().splitlines())
    assert set(extra) <= pinned and sorted(hosted.pins()) == sorted(extra)


def test_hosted_installs_only_what_the_runtime_lacks():
    assert hosted.missing(["numpy==1.0", "scikit-learn==0.1", "no-such-package==1.0"]) == [
        "no-such-package==1.0"]
    # every pin's module is found where requirements.txt is installed: the MODULE map is right
    assert hosted.missing(hosted.pins()) == []


def test_repository_urls_with_dot_git_open_the_same_notebooks():
    assert (links.open_links("02.ipynb", "https://github.com/ada/cnn-course.git", "v1")
            == links.open_links("02.ipynb", "https://github.com/ada/cnn-course", "v1"))


def test_check_refuses_to_rewrite_the_one_place():
    with pytest.raises(SystemExit):
        links.main(["--check", "--ref", "v9"])
