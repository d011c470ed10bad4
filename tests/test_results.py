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
    assert "| test_accuracy | 75.12% | 76.10% (seed 001, GPU, all 50k) |" in body
    assert "| 02_cifar10_first_cnn | CPU test | 2.1 min |" in body
    assert "animals3 **(stand-in)** | transfer_test_accuracy | 98.00% | not comparable" in body
    assert "10.00%" not in body                      # smoke runs are never results
    readme = results.README_PATH.read_text()
    assert "old table" not in readme and "75.12%" in readme and readme.endswith("end\n")
    assert "75.12%" in (tmp_results / "results" / "README.md").read_text()
