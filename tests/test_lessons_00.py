"""Notebook 00's own code: the optimiser-step counts its prose states are the ones its cells compute
from the profiles (they change when a profile does), and its timeit-based timing runs."""
import re

import nbformat
import pytest
from keras import layers

from helpers.profile import PROFILES
from helpers.paths import NOTEBOOK_DIR
from lesson_code import lesson_namespace

NB = "00_setup_check"


@pytest.fixture(scope="module")
def lesson():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CNN_PROFILE", "smoke")
        yield lesson_namespace(NB, "optimiser_steps", "run_steps", "conv_images_per_s")


def steps_prose() -> str:
    cells = nbformat.read(NOTEBOOK_DIR / f"{NB}.ipynb", as_version=4).cells
    return next(c.source for c in cells
                if c.cell_type == "markdown" and "times as many" in c.source)


def test_step_counts_in_the_prose_are_the_cells(lesson):
    steps = {name: lesson["run_steps"](p) for name, p in PROFILES.items()}
    smoke, cpu, full = steps["smoke"], steps["cpu"], steps["full"]
    assert smoke["training images"] == 900 and full["training images"] == 45_000
    text = " ".join(steps_prose().split())
    numbers = [f"{n:,}" for n in (full["steps"], smoke["steps"],
                                  full["steps"] // smoke["steps"], cpu["steps"])]
    stated = re.findall(r"\d[\d,]*", text)
    for n in numbers:
        assert n in stated, (n, text)


def test_steps_are_batches_times_epochs(lesson):
    assert lesson["optimiser_steps"](45_000, 10, 64) == 10 * 704
    assert lesson["optimiser_steps"](900, 1, 128) == 8


def test_timeit_conv_rate_is_positive(lesson):
    assert lesson["conv_images_per_s"](layers.Conv2D(4, 3, padding="same"), 2, repeats=2) > 0
