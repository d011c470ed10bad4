"""The shared plots draw what they claim: sklearn's displays, with the numbers they print; the
schedule and learning-rate range-test plots of notebook 08 draw the schedule and the suggestion,
without warnings."""
import matplotlib

matplotlib.use("Agg")
import warnings  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)
    yield
    plt.close("all")


def test_pr_curves_report_average_precision_per_class():
    labels = np.array([0, 0, 1, 1, 2, 2])
    probs = np.eye(3)[labels] * 0.8 + 0.1                         # a perfect ranking
    plots.pr_curves(labels, probs, ["a", "b", "c"])
    legend = [t.get_text() for t in plt.gca().get_legend().get_texts()]
    assert [t.split(" (")[0] for t in legend] == ["a", "b", "c"]
    assert all("AP = 1.00" in t for t in legend)


def test_confusion_matrix_rows_are_true_classes_and_sum_to_one():
    y_true = np.array([0, 0, 0, 1, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 1, 0])
    cm = plots.plot_confusion_matrix(y_true, y_pred, ["a", "b", "c"])
    assert np.allclose(cm.sum(axis=1), 1)
    assert np.allclose(cm[0], [1 / 3, 2 / 3, 0]) and np.allclose(cm[2], [1, 0, 0])
    counts = plots.plot_confusion_matrix(y_true, y_pred, ["a", "b", "c"], normalize=False)
    assert counts.tolist() == [[1, 2, 0], [0, 2, 0], [1, 0, 0]]
    assert plt.gca().get_ylabel() == "true class"


def test_schedule_plots_draw_the_schedules_without_warnings():
    import keras

    cosine = keras.optimizers.schedules.CosineDecay(1e-4, 90, warmup_target=1e-3, warmup_steps=10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plots.plot_schedules({"constant": 1e-3, "cosine": cosine}, 100)
        ax = plt.gca()
        constant, drawn = (line.get_ydata() for line in ax.get_lines())
        assert np.allclose(constant, 1e-3) and len(drawn) == 100
        assert np.isclose(drawn[0], 1e-4) and np.isclose(drawn[10], 1e-3)     # warm-up to the peak
        assert np.isclose(drawn[55], 1e-3 * 0.5 * (1 + np.cos(np.pi * 45 / 90)), rtol=1e-4)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["constant", "cosine"]
        plots.plot_schedules({"": cosine}, 100)   # one unnamed schedule: no legend, no warning
        assert plt.gca().get_legend() is None
        rates = np.logspace(-5, 0, 50)
        losses = np.linspace(2.3, 1.0, 50)
        plots.plot_lr_finder(rates, losses, losses, 1e-3)
        ax = plt.gca()
        assert ax.get_xscale() == "log"
        marker = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
        assert len(marker) == 1 and np.allclose(marker[0].get_xdata(), 1e-3)
