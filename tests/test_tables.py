"""The results tables (helpers.course.tables): recorded runs next to the seeds' numbers."""
import json

import pytest

from helpers import results
from helpers.course import tables
from test_results import fake_session


@pytest.fixture
def tmp_results(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "results")
    readme = tmp_path / "README.md"
    readme.write_text("# Course\n<!-- headline:start -->\nold table\n<!-- headline:end -->\nend\n")
    monkeypatch.setattr(tables, "README_PATH", readme)
    return tmp_path


def test_tables_put_seeds_beside_ours_but_never_beside_a_stand_in(tmp_results):
    results.record(fake_session("cpu", "02_cifar10_first_cnn"), {"test_accuracy": 0.7512},
                   dataset="CIFAR-10")
    results.record(fake_session("cpu", "05_transfer_learning"),
                   {"transfer_test_accuracy": 0.98}, dataset="animals3", stand_in=True)
    results.record(fake_session("smoke", "02_cifar10_first_cnn"), {"test_accuracy": 0.1},
                   dataset="CIFAR-10")
    body = tables.rebuild_tables()
    assert "| test_accuracy | 75.12% | 76.10% (seed 001) |" in body
    assert "| 02_cifar10_first_cnn | CPU test | 2.1 min |" in body
    assert "animals3 **(stand-in)** | transfer_test_accuracy | 98.00% | not comparable" in body
    assert "10.00%" not in body                      # smoke runs are never results
    readme = tables.README_PATH.read_text()
    assert "old table" not in readme and readme.endswith("end\n")
    assert "| 02 | a first CNN (seed 001's recipe) | CIFAR-10 | 75.12% | 76.10% (seed 001) |" \
        in readme
    assert "| 05 | MobileNetV2, frozen | animals3 (stand-in) | 98.00% | not comparable |" in readme
    assert "Runs:" not in readme                  # the full tables live in results/README.md
    assert "75.12%" in (tmp_results / "results" / "README.md").read_text()


def test_the_headline_table_stays_short():
    assert len(tables.HEADLINE) <= 15


def test_jax_gpu_runs_get_a_table_of_their_own_and_no_run_time(tmp_results):
    results.record(fake_session("cpu", "02_cifar10_first_cnn"), {"test_accuracy": 0.7512},
                   dataset="CIFAR-10")
    assert "on a GPU (Keras on JAX)" not in tables.rebuild_tables()     # none recorded yet
    folder = tmp_results / "results" / tables.JAX_GPU
    folder.mkdir(parents=True)
    (folder / "02_cifar10_first_cnn.json").write_text(json.dumps({
        "notebook": "02_cifar10_first_cnn", "profile": "full-jax", "dataset": "CIFAR-10",
        "stand_in": False, "metrics": {"test_accuracy": 0.81}, "wall_time_s": 90.0,
        "device": "Keras 3.15.1 on JAX 0.11.2, GPU (NVIDIA H200)", "date": "2026-11-30"}))
    body = tables.rebuild_tables()
    section = body.split("on a GPU (Keras on JAX)")[1]
    assert "| 02_cifar10_first_cnn | CIFAR-10 | test_accuracy | 81.00% | 76.10%" in section
    assert "NVIDIA H200" in section and "NVIDIA H200" not in tables.runtimes_table()


def test_seed_labels_claim_nothing_the_seeds_do_not_say():
    # Seed 001 names no hardware and no training-set size (../shared/seeds/001_*.txt).
    for notebook, metric in tables.SEED_REFERENCES:
        label = tables.SEED_REFERENCES[notebook, metric][2]
        assert "GPU" not in label and "50k" not in label, (notebook, metric, label)
    assert tables.SEED_REFERENCES["03_data_augmentation", "augmentation_gain"][2] == (
        "seed 001: 76.10% → 79.45%; ours: a subset")


def test_unreadable_results_file_is_left_out_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path)
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "01_x.json").write_text('{"notebook": "01_x"')     # cut short
    (tmp_path / "cpu" / "02_y.json").write_text('{"notebook": "02_y"}')
    assert [r["notebook"] for r in tables.load_runs("cpu")] == ["02_y"]
    assert capsys.readouterr().out.count("could not be read") == 1
