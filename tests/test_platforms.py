"""tools/check_platforms.py, the README and pyproject.toml agree on where the course installs.
The resolver itself needs PyPI and runs in the GitHub workflow; here a fake one stands in."""
import importlib.util
import re

from helpers.paths import REPO_ROOT

spec = importlib.util.spec_from_file_location("check_platforms",
                                              REPO_ROOT / "tools" / "check_platforms.py")
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)


def supported_pythons():
    return sorted({py for (_, py), ok in tool.MATRIX.items() if ok}, key=lambda v: int(v[2:]))


def test_requirements_leave_out_the_editable_package_and_comments():
    reqs = tool.requirements()
    assert "tensorflow==2.21.0" in reqs and not any(r.startswith(("-e", "#")) for r in reqs)


def test_matrix_agrees_with_pyproject_and_readme():
    pythons = supported_pythons()
    low, high = pythons[0], pythons[-1]
    pyproject = (REPO_ROOT / "pyproject.toml").read_text()
    assert f'requires-python = ">={low},<3.{int(high[2:]) + 1}"' in pyproject
    readme = " ".join((REPO_ROOT / "README.md").read_text().split())
    assert "Python " + ", ".join(pythons[:-1]) + f" or {high}" in readme
    for platform, words in {"linux-aarch64": "ARM64", "windows-amd64": "Windows",
                            "macos-arm64": "Apple Silicon", "macos-x86_64": "Intel Mac"}.items():
        assert any(p == platform for p, _ in tool.MATRIX) and words in readme


def test_a_result_that_differs_from_the_matrix_fails(capsys):
    assert tool.main(["windows-amd64"], resolver=lambda p, py, r: (True, "")) == 0
    assert tool.main(["windows-amd64"], resolver=lambda p, py, r: (False, "no wheel")) == 1
    assert "differs from MATRIX" in capsys.readouterr().out
    assert re.search(r"macos-x86_64 +Python 3\.12: no: x",
                     (tool.main(["macos-x86_64"], resolver=lambda p, py, r: (False, "x")),
                      capsys.readouterr().out)[1])
