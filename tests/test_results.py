import json
from types import SimpleNamespace

import pytest

from helpers import profile, results


@pytest.fixture
def tmp_results(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "results")
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
    assert results.fmt("train_s", 12.4) == "12 s"
    assert results.fmt("pipeline_img_per_s", 469.2) == "469"
    assert {"tensorflow", "keras"} <= set(entry["versions"]) and entry["date"]


def test_evaluation_metrics_are_shown_as_percentages():
    assert results.fmt("minority_recall_class_weights", 0.3557) == "35.57%"
    assert results.fmt("test_ci_lower", 0.7483) == "74.83%"
    assert results.fmt("ece_before", 0.016) == "1.60%"
    assert results.fmt("temperature", 1.08) == "1.08"
    assert results.fmt("augmentation_gain", 0.0509) == "+5.09 points"


def test_metric_key():
    assert results.metric_key("BatchNorm, 3x peak LR") == "batchnorm_3x_peak_lr"
    assert results.metric_key("schedule one-cycle") == "schedule_one_cycle"
    assert results.metric_key("baseline, seed 2") == "baseline_seed_2"


def test_add_appends_an_exercise_answer_and_the_time_to_it(tmp_results, capsys):
    session = fake_session("cpu", "02_cifar10_first_cnn")
    results.record(session, {"test_accuracy": 0.7512}, dataset="CIFAR-10")
    session.elapsed = lambda: 200.0                   # a solution, later in the notebook
    results.add(session, {"exercise_3_colour_gain": 0.051})
    entry = results.load("cpu", "02_cifar10_first_cnn", tmp_results / "results")
    assert entry["metrics"] == {"test_accuracy": 0.7512, "exercise_3_colour_gain": 0.051}
    assert entry["wall_time_s"] == 200.0 and entry["dataset"] == "CIFAR-10"
    assert "exercise_3_colour_gain=+5.10 points" in capsys.readouterr().out
    assert results.fmt("noise40_cost", 0.06) == "+6.00 points"      # differences are points
