"""Notebook 07's own Grad-CAM cells equal the helpers the picture grids, notebook 10's service and
``cnn-predict`` use (the checks were cells of the lesson; issue 20): the overlay blended in a
cell equals ``helpers.explain.overlay``, and the heatmaps computed by hand equal
``helpers.explain.grad_cam``. Cheap: small random images and an untrained CNN, no data needed."""
import keras
import numpy as np
import pytest

import helpers
from lesson_code import lesson_namespace


@pytest.fixture(scope="module")
def blend():
    return lesson_namespace("07_grad_cam", "blend")["blend"]


@pytest.mark.parametrize("alpha", [0.45, 0.2, 0.8])
@pytest.mark.parametrize("image_shape, heat_shape", [((32, 32, 3), (8, 8)),
                                                     ((160, 120, 3), (5, 7))])
def test_07_blend_equals_helpers_overlay(blend, alpha, image_shape, heat_shape):
    rng = np.random.default_rng(0)
    image = rng.uniform(0, 255, image_shape).astype("float32")
    heatmap = rng.uniform(0, 1, heat_shape).astype("float32")
    ours = blend(image, heatmap, alpha=alpha)
    theirs = helpers.explain.overlay(image, heatmap, alpha=alpha)
    assert ours.shape == theirs.shape == image_shape and ours.dtype == theirs.dtype == np.uint8
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 1      # rounding at most


def test_07_default_alpha_is_the_helpers(blend):
    rng = np.random.default_rng(1)
    image = rng.uniform(0, 255, (32, 32, 3)).astype("uint8")
    heatmap = rng.uniform(0, 1, (8, 8))
    assert np.array_equal(blend(image, heatmap), helpers.explain.overlay(image, heatmap))


def test_07_hand_made_grad_cam_equals_the_helper():
    keras.utils.set_random_seed(0)
    profile = helpers.profile.get_profile()
    cnn = helpers.models.cifar_cnn(profile)          # built with add(), like a loaded .keras
    x = np.random.default_rng(0).uniform(0, 255, (8, 32, 32, 3)).astype("float32")
    ns = lesson_namespace("07_grad_cam", "grad_model", extra={"cnn": cnn, "x_cifar": x})
    cam = ns["cam"]
    assert cam.shape[0] == min(len(x), ns["N_SHOW"]) and cam.max() > 0
    helper = helpers.explain.grad_cam(cnn, x[:len(cam)])
    assert helper.layer == ns["layer_name"]
    np.testing.assert_allclose(helper.heatmaps, cam, atol=1e-5)
