"""A notebook opened where the course is not installed (Colab, Kaggle, a fresh environment) installs
the helpers from its first cell and runs to the end.

A fresh virtual environment gets what a hosted runtime has (TensorFlow, Keras, numpy, pandas, ...,
Jupyter) but not the course, nor three packages the notebooks use (so the first cell must add
them). Notebook 02 is copied to an empty folder and executed there in ``smoke``; its first cell
installs this repository from a local path instead of GitHub (``CNN_COURSE_PIP``: the same
``%pip install`` line). Slow (about 3 minutes, most of it pip); CI runs it."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import venv

import pytest

from helpers.paths import NOTEBOOK_DIR, REPO_ROOT, data_dir, keras_home

LEFT_OUT = ("keras-tuner", "tensorboard", "ai-edge-litert")   # the first cell must add these
RUNTIME = ("ipykernel", "ipython", "nbclient", "nbformat", "jupyter_client", "pyzmq",
           "traitlets")
EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, sys.argv[1])
"""


def runtime_pins() -> list[str]:
    """requirements.txt's pins of the notebooks' packages and of Jupyter, less LEFT_OUT."""
    import helpers.course.hosted as hosted
    wanted = {pin.split("==")[0] for pin in hosted.pins()} | set(RUNTIME)
    pins = [line for line in (REPO_ROOT / "requirements.txt").read_text().splitlines()
            if "==" in line and not line.startswith("#")]
    return [pin for pin in pins
            if pin.split("==")[0] in wanted and pin.split("==")[0] not in LEFT_OUT]


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([python, "-m", "pip", "install", "-q", *runtime_pins()], check=True)
    return python


def test_notebook_installs_the_course_and_runs_outside_the_repository(fresh_python, tmp_path):
    found = subprocess.run([fresh_python, "-c", "import importlib.util as u; "
                            "print(u.find_spec('helpers'), u.find_spec('keras_tuner'))"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert found.stdout.split() == ["None", "None"]       # a runtime without the course
    notebook = tmp_path / "02_cifar10_first_cnn.ipynb"
    shutil.copy(NOTEBOOK_DIR / notebook.name, notebook)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "CNN_", "JUPYTER"))}
    env.update(CNN_PROFILE="smoke", CNN_DATA_DIR=str(data_dir()), KERAS_HOME=str(keras_home()),
               CNN_COURSE_PIP=str(REPO_ROOT), TQDM_DISABLE="1",
               PATH=f"{fresh_python.parent}{os.pathsep}{env.get('PATH', '')}")
    subprocess.run([fresh_python, "-c", EXECUTE, notebook, tmp_path], check=True, env=env,
                   cwd=tmp_path, timeout=900)

    cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    first = "".join("".join(o.get("text", "")) for o in cells[0]["outputs"])
    installed = re.search(r"^course: installed its helpers (\S+) from (\S+); added (.*)$", first,
                          re.M)
    assert installed, first
    assert installed[2] == REPO_ROOT.as_uri()
    assert sorted(pin.split("==")[0] for pin in installed[3].split(", ")) == sorted(LEFT_OUT)
    banner = "".join("".join(o.get("text", "")) for o in cells[1]["outputs"])
    assert "folder   : cnn-course holds data, models and results" in banner
    assert "data dir : " in banner and "WARNING" not in banner
    # data came from CNN_DATA_DIR; the results went to the working folder, not site-packages
    result = json.loads((tmp_path / "cnn-course" / "results" / "smoke" /
                         "02_cifar10_first_cnn.json").read_text(encoding="utf-8"))
    assert result["profile"] == "smoke" and result["metrics"]["test_accuracy"] > 0.1
    assert not list(fresh_python.parent.parent.rglob("site-packages/results"))
