import json
from types import SimpleNamespace

import pytest

from helpers import profile, results


@pytest.fixture
def tmp_results(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "results")
    readme = tmp_path / "README.md"
    readme.write_text("# Course\n<!-- results:start -->\nold table\n<!-- results:end -->\nend\n")
    monkeypatch.setattr(results, "README_PATH", readme)
    return tmp_path


def fake_session(name, notebook):
    return SimpleNamespace(notebook=notebook, profile=profile.PROFILES[name], device="CPU test",
                           elapsed=lambda: 123.4)


def test_record_writes_labelled_json(tmp_results):
    results.record(fake_session("cpu", "02_cifar10_first_cnn"), {"test_accuracy": 0.7512},
                   dataset="CIFAR-10")
    path = tmp_results / "results" / "cpu" / "02_cifar10_first_cnn.json"
    entry = json.loads(path.read_text())
    assert entry["metrics"] == {"test_accuracy": 0.7512}
    assert entry["profile"] == "cpu" and entry["device"] == "CPU test"
    assert entry["wall_time_s"] == 123.4 and entry["stand_in"] is False
    assert results._fmt("train_s", 12.4) == "12 s"
    assert results._fmt("pipeline_img_per_s", 469.2) == "469"
    assert {"tensorflow", "keras"} <= set(entry["versions"]) and entry["date"]


def test_tables_put_seeds_beside_ours_but_never_beside_a_stand_in(tmp_results):
    results.record(fake_session("cpu", "02_cifar10_first_cnn"), {"test_accuracy": 0.7512},
                   dataset="CIFAR-10")
    results.record(fake_session("cpu", "05_transfer_learning"),
                   {"transfer_test_accuracy": 0.98}, dataset="animals3", stand_in=True)
    results.record(fake_session("smoke", "02_cifar10_first_cnn"), {"test_accuracy": 0.1},
                   dataset="CIFAR-10")
    body = results.rebuild_tables()
    assert "| test_accuracy | 75.12% | 76.10% (seed 001) |" in body
    assert "| 02_cifar10_first_cnn | CPU test | 2.1 min |" in body
    assert "animals3 **(stand-in)** | transfer_test_accuracy | 98.00% | not comparable" in body
    assert "10.00%" not in body                      # smoke runs are never results
    readme = results.README_PATH.read_text()
    assert "old table" not in readme and "75.12%" in readme and readme.endswith("end\n")
    assert "75.12%" in (tmp_results / "results" / "README.md").read_text()


def test_jax_gpu_runs_get_a_table_of_their_own_and_no_run_time(tmp_results):
    results.record(fake_session("cpu", "02_cifar10_first_cnn"), {"test_accuracy": 0.7512},
                   dataset="CIFAR-10")
    assert "on a GPU (Keras on JAX)" not in results.rebuild_tables()     # none recorded yet
    folder = tmp_results / "results" / results.JAX_GPU
    folder.mkdir(parents=True)
    (folder / "02_cifar10_first_cnn.json").write_text(json.dumps({
        "notebook": "02_cifar10_first_cnn", "profile": "full-jax", "dataset": "CIFAR-10",
        "stand_in": False, "metrics": {"test_accuracy": 0.81}, "wall_time_s": 90.0,
        "device": "Keras 3.15.1 on JAX 0.11.2, GPU (NVIDIA H200)", "date": "2026-11-30"}))
    body = results.rebuild_tables()
    section = body.split("on a GPU (Keras on JAX)")[1]
    assert "| 02_cifar10_first_cnn | CIFAR-10 | test_accuracy | 81.00% | 76.10%" in section
    assert "NVIDIA H200" in section and "NVIDIA H200" not in results.runtimes_table()


def test_seed_labels_claim_nothing_the_seeds_do_not_say():
    # Seed 001 names no hardware and no training-set size (../shared/seeds/001_*.txt).
    for notebook, metric in results.SEED_REFERENCES:
        label = results.SEED_REFERENCES[notebook, metric][2]
        assert "GPU" not in label and "50k" not in label, (notebook, metric, label)
    assert results.SEED_REFERENCES["03_data_augmentation", "augmentation_gain"][2] == (
        "seed 001: 76.10% → 79.45%; ours: a subset")
