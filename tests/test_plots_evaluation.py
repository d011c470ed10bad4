"""The calibration and precision-recall plots of notebook 09 draw what they claim."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers import plots  # noqa: E402
from helpers.results import _fmt  # noqa: E402


def _no_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)


def test_reliability_diagram_of_a_calibrated_model_follows_the_diagonal(monkeypatch):
    _no_show(monkeypatch)
    rng = np.random.default_rng(0)
    confidence = rng.uniform(0.5, 1.0, 20_000)
    right = rng.uniform(size=confidence.size) < confidence      # right with prob = confidence
    labels = np.where(right, 0, 1)
    probs = np.stack([confidence, 1 - confidence], axis=1)       # always predicts class 0
    plots.reliability_diagram({"calibrated": (probs, labels)}, n_bins=10)
    x, y = plt.gca().lines[1].get_data()                          # line 0 is the diagonal
    assert len(x) == 5                                            # bins 0.5-1.0 only
    assert np.max(np.abs(np.asarray(x) - np.asarray(y))) < 0.03


def test_pr_curves_report_average_precision_per_class(monkeypatch):
    _no_show(monkeypatch)
    labels = np.array([0, 0, 1, 1, 2, 2])
    probs = np.eye(3)[labels] * 0.8 + 0.1                         # a perfect ranking
    plots.pr_curves(labels, probs, ["a", "b", "c"])
    legend = [t.get_text() for t in plt.gca().get_legend().get_texts()]
    assert legend == ["a (AP 1.00)", "b (AP 1.00)", "c (AP 1.00)"]


def test_evaluation_metrics_are_shown_as_percentages():
    assert _fmt("minority_recall_class_weights", 0.3557) == "35.57%"
    assert _fmt("test_ci_lower", 0.7483) == "74.83%"
    assert _fmt("ece_before", 0.016) == "1.60%"
    assert _fmt("temperature", 1.08) == "1.08"
    assert _fmt("augmentation_gain", 0.0509) == "+5.09 points"


def test_confidence_bins_cover_every_prediction_once():
    probs = np.array([[0.95, 0.05], [0.55, 0.45], [0.35, 0.65], [0.92, 0.08]])
    confidence, accuracy, share = plots.confidence_bins(probs, np.array([0, 1, 1, 1]), n_bins=10)
    assert np.allclose(confidence, [0.55, 0.65, 0.935])
    assert np.allclose(accuracy, [0.0, 1.0, 0.5])
    assert np.isclose(share.sum(), 1.0)
