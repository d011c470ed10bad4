"""CI installs exactly what the README tells a student to install, and runs the test command
of CONTRIBUTING.md."""
import re

from helpers.data import REPO_ROOT


def readme_block(tag, name="README.md"):
    text = (REPO_ROOT / name).read_text()
    block = re.search(rf"<!-- {tag} -->\n```bash\n(.*?)```", text, re.S)
    assert block, f"{name} has no {tag} block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_readme_setup_and_test_commands():
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    install = readme_block("setup")
    assert install and all(line in ci for line in install if "jupyter lab" not in line)
    test = readme_block("test", "CONTRIBUTING.md")
    assert test and all(line in ci for line in test)


def test_conda_environment_resolves_from_the_repository_root():
    """conda runs pip with the environment file's folder as its working directory
    (conda_env/installers/pip.py: ``cwd=pip_workdir``), so the relative ``-r requirements.txt``
    in environment.yml and the ``-e .`` in requirements.txt must resolve from there."""
    env = (REPO_ROOT / "environment.yml").read_text()
    pip_lines = re.findall(r"^\s+- (-r .+|-e .+)$", env, re.M)
    assert pip_lines == ["-r requirements.txt"]
    assert (REPO_ROOT / "requirements.txt").exists() and (REPO_ROOT / "pyproject.toml").exists()
    assert "-e ." in (REPO_ROOT / "requirements.txt").read_text().splitlines()
