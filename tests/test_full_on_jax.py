"""tools/full_on_jax.py, the full recipes of 02, 03 and 08 for a GPU machine without TensorFlow:
here it runs on Keras' TensorFlow backend, in the smoke profile, on real CIFAR-10."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "full_on_jax.py"


def run(*args):
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run([sys.executable, str(TOOL), *args], env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_recipe_records_its_numbers_and_merge_keeps_only_full_runs(tmp_path):
    out = run("08", "--profile", "smoke", "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr[-2000:]
    entry = json.loads((tmp_path / "08.json").read_text())
    assert entry["notebook"] == "08_training_craft" and entry["profile"] == "smoke"
    assert 0.0 <= entry["metrics"]["final_test_accuracy"] <= 1.0
    assert entry["device"].startswith("Keras ") and "tensorflow" in entry["device"]
    merged = run("merge", "--out", str(tmp_path))          # a smoke run is not a result
    assert merged.returncode == 0 and "left out" in merged.stdout
    assert "wrote" not in merged.stdout


def test_unknown_recipe_is_refused_with_the_choices():
    out = run("07", "--out", "unused")
    assert out.returncode == 2 and "choose from 02, 02-depth" in out.stderr


def load_tool():
    spec = importlib.util.spec_from_file_location("full_on_jax", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_merge_writes_one_file_per_notebook_with_03s_gain(tmp_path, monkeypatch):
    tool = load_tool()
    monkeypatch.setattr(tool, "REPO", tmp_path)
    runs = tmp_path / "runs"
    runs.mkdir()
    for recipe, metrics in {"03-baseline": {"baseline_test_accuracy": 0.80},
                            "03-shifts": {"augmented_test_accuracy": 0.85}}.items():
        (runs / f"{recipe}.json").write_text(json.dumps({
            "notebook": "03_data_augmentation", "recipe": recipe, "profile": "full",
            "metrics": metrics, "notes": recipe, "device": "Keras on JAX, GPU (test)",
            "seconds": 60.0, "date": "2026-11-30"}))
    tool.merge(runs)
    entry = json.loads((tmp_path / "results" / "full-jax" / "03_data_augmentation.json")
                       .read_text())
    assert entry["metrics"]["augmentation_gain"] == pytest.approx(0.05)
    assert entry["wall_time_s"] == 120.0 and entry["profile"] == "full-jax"


def test_numpy_flip_and_shift_cuts_a_window_of_the_mirror_padded_image():
    full_on_jax = load_tool()
    x = np.arange(2 * 32 * 32 * 3, dtype=np.uint8).reshape(2, 32, 32, 3)
    out = full_on_jax.flip_and_shift(x, np.random.default_rng(0))
    assert out.shape == x.shape and out.dtype == x.dtype
    for image, original in zip(out, x):
        padded = [np.pad(o, [(4, 4), (4, 4), (0, 0)], mode="reflect")
                  for o in (original, original[:, ::-1])]
        assert any(np.array_equal(image, p[t:t + 32, s:s + 32])
                   for p in padded for t in range(9) for s in range(9))
