"""Notebook 09 computes the expected calibration error (ECE) in its own cells, with sklearn's
``calibration_curve`` and the bin counts; it must equal the ECE of a plain equal-width binning
of the top-class confidence, written here with NumPy."""
import numpy as np
import pytest

from lesson_code import lesson_namespace


@pytest.fixture(scope="module")
def ece():
    return lesson_namespace("09_evaluation_in_depth", "ece")["ece"]


def test_09_ece_by_hand_on_a_tiny_example(ece):
    # top-class confidences 0.9 (right), 0.7 (wrong), 0.6 (right), 0.4 (wrong); two bins
    p = np.array([[0.9, 0.1, 0.0], [0.1, 0.7, 0.2], [0.6, 0.4, 0.0], [0.3, 0.4, 0.3]])
    y = np.array([0, 0, 0, 0])
    # [0.5, 1]: accuracy 2/3, confidence 0.7333, 3 of 4 images; [0, 0.5): 0 against 0.4, 1 of 4
    assert ece(p, y, bins=2) == pytest.approx(abs(2 / 3 - 2.2 / 3) * 3 / 4 + 0.4 / 4)
    # ten bins: one image in each of four bins, the empty ones dropped from both sides
    assert ece(p, y, bins=10) == pytest.approx((0.1 + 0.7 + 0.4 + 0.4) / 4)


def test_09_ece_weights_follow_calibration_curves_edge_rule(ece):
    # a confidence of exactly 0.5 sits on the edge of two bins: calibration_curve puts it in
    # the lower bin, and the weights must count it there too
    p = np.array([[0.5, 0.5, 0.0, 0.0, 0.0], [0.2, 0.2, 0.2, 0.2, 0.2], [0.9, 0.1, 0, 0, 0]])
    y = np.array([0, 1, 0])
    # lower bin {0.5 right, 0.2 wrong}: |0.5 - 0.35| * 2/3; upper bin {0.9 right}: 0.1 * 1/3
    assert ece(p, y, bins=2) == pytest.approx(0.15 * 2 / 3 + 0.1 / 3)


def reference_ece(p, y, bins):
    """Equal-width bins of the top-class confidence, each bin's weight its share of the images;
    a confidence on an edge goes to the lower bin (calibration_curve's rule)."""
    confidence, right = p.max(axis=1), p.argmax(axis=1) == y
    which = np.clip(np.searchsorted(np.linspace(0, 1, bins + 1)[1:-1], confidence), 0, bins - 1)
    return sum(np.mean(which == b) * abs(right[which == b].mean() - confidence[which == b].mean())
               for b in range(bins) if np.any(which == b))


def test_09_ece_equals_a_plain_binning(ece):
    rng = np.random.default_rng(0)
    for n, classes, bins in ((2000, 10, 15), (300, 3, 10), (50, 10, 15)):
        p = rng.dirichlet(np.full(classes, 0.4), size=n)
        y = np.where(rng.random(n) < 0.7, p.argmax(axis=1), rng.integers(0, classes, n))
        assert ece(p, y, bins) == pytest.approx(reference_ece(p, y, bins))
