"""Grad-CAM and feature maps on tiny models of the three shapes that break in Keras 3."""
import keras
import numpy as np
import pytest
from keras import layers

from helpers import explain, explain_figures

H = W = 6
N_CLASSES = 3


def conv():
    return layers.Conv2D(4, 3, padding="same", activation="relu", name="conv")


def head_dense():
    return layers.Dense(N_CLASSES, activation="softmax", name="dense")


def sequential():
    return keras.Sequential([keras.Input((H, W, 3)), layers.Rescaling(1 / 255), conv(),
                             layers.GlobalAveragePooling2D(), head_dense()])


def functional():
    inputs = keras.Input((H, W, 3))
    x = conv()(layers.Rescaling(1 / 255)(inputs))
    return keras.Model(inputs, head_dense()(layers.GlobalAveragePooling2D()(x)))


def nested():
    """A pretrained-style base inside a functional model, with a nested Sequential head."""
    base_in = keras.Input((H, W, 3))
    base = keras.Model(base_in, conv()(base_in), name="base")
    base.trainable = False
    head = keras.Sequential([keras.Input((H, W, 4)), layers.GlobalAveragePooling2D(),
                             head_dense()], name="head")
    inputs = keras.Input((H, W, 3))
    x = base(layers.Rescaling(1 / 255)(inputs), training=False)
    return keras.Model(inputs, head(x))


def sequential_added():
    """Built with add(), like a Sequential loaded from .keras: one graph copy per partial build."""
    model = keras.Sequential([keras.Input((H, W, 3))])
    for layer in [layers.Rescaling(1 / 255), conv(), layers.GlobalAveragePooling2D(),
                  head_dense()]:
        model.add(layer)
    return model


SHAPES = {"sequential": sequential, "sequential_added": sequential_added,
          "functional": functional, "nested": nested}


@pytest.fixture
def images():
    return np.random.default_rng(0).uniform(0, 255, (5, H, W, 3)).astype("float32")


def feature_maps_of(model, images):
    """The conv layer's activations, computed independently of the Grad-CAM code."""
    try:
        base = model.get_layer("base")
        return np.asarray(base(images / 255))
    except ValueError:
        return explain.feature_maps(model, images, ["conv"])[0]


@pytest.mark.parametrize("shape", SHAPES)
def test_grad_cam_matches_hand_computation(shape, images):
    keras.utils.set_random_seed(1)
    model = SHAPES[shape]()
    assert explain.find_last_conv_layer(model) == "conv"
    cam = explain.grad_cam(model, images, class_index=1)
    # GAP -> Dense: d(logit_c)/dA_ij^k = W[k, c] / (H*W) everywhere, so the pooled weights are that.
    dense = model.get_layer("head").get_layer("dense") if shape == "nested" \
        else model.get_layer("dense")
    kernel = dense.kernel.numpy()
    expected_w = np.tile(kernel[:, 1] / (H * W), (len(images), 1))
    np.testing.assert_allclose(cam.channel_weights, expected_w, atol=1e-5)
    acts = feature_maps_of(model, images)
    raw = np.maximum(np.einsum("nhwc,c->nhw", acts, kernel[:, 1] / (H * W)), 0)
    expected = raw / (raw.max(axis=(1, 2), keepdims=True) + 1e-12)
    assert cam.heatmaps.shape == (len(images), H, W)
    np.testing.assert_allclose(cam.heatmaps, expected, atol=1e-5)
    assert cam.heatmaps.min() >= 0 and cam.heatmaps.max() <= 1 + 1e-6
    np.testing.assert_allclose(cam.probabilities, model.predict(images, verbose=0), atol=1e-5)


@pytest.mark.parametrize("shape", SHAPES)
def test_heatmap_depends_on_class_and_defaults_to_prediction(shape, images):
    keras.utils.set_random_seed(2)
    model = SHAPES[shape]()
    maps = [explain.grad_cam(model, images, class_index=c).heatmaps for c in range(N_CLASSES)]
    assert not np.allclose(maps[0], maps[1]) or not np.allclose(maps[1], maps[2])
    default = explain.grad_cam(model, images)
    np.testing.assert_array_equal(default.class_index,
                                  model.predict(images, verbose=0).argmax(axis=1))


def test_layer_name_is_accepted_and_checked(images):
    model = sequential()
    assert explain.grad_cam(model, images, layer_name="conv").layer == "conv"
    with pytest.raises(ValueError, match="no layer named 'nope'"):
        explain.grad_cam(model, images, layer_name="nope")


def test_nested_model_that_is_not_a_chain_is_refused(images):
    base_in = keras.Input((H, W, 3))
    base = keras.Model(base_in, conv()(base_in), name="base")
    inputs = keras.Input((H, W, 3))
    x = layers.Concatenate()([base(inputs), inputs])            # a skip around the base
    model = keras.Model(inputs, head_dense()(layers.GlobalAveragePooling2D()(x)))
    with pytest.raises(ValueError, match="not a simple chain"):
        explain.grad_cam(model, images)


def test_last_conv_moves_past_its_batchnorm_and_activation():
    model = keras.Sequential([keras.Input((H, W, 3)), layers.Conv2D(4, 3, name="c1"),
                              layers.Conv2D(4, 3, padding="same", name="c2"),
                              layers.BatchNormalization(name="bn"), layers.ReLU(name="act"),
                              layers.MaxPooling2D(name="pool"), layers.Flatten(),
                              layers.Dense(2)])
    assert explain.find_last_conv_layer(model) == "act"


def test_feature_maps_one_array_per_layer(images):
    model = keras.Sequential([keras.Input((H, W, 3)), layers.Conv2D(4, 3, name="a"),
                              layers.MaxPooling2D(name="b"), layers.Flatten(name="c"),
                              layers.Dense(2)])
    maps = explain.feature_maps(model, images, ["a", "b", "c"])
    assert [m.shape for m in maps] == [(5, 4, 4, 4), (5, 2, 2, 4), (5, 16)]


def test_overlay_is_an_rgb_image_of_the_same_size():
    image = np.full((32, 48, 3), 100, np.uint8)
    heat = np.zeros((4, 6))
    heat[0, 0] = 1
    out = explain.overlay(image, heat, alpha=0.5)
    assert out.shape == (32, 48, 3) and out.dtype == np.uint8
    assert not np.array_equal(out[0, 0], out[-1, -1])      # hot corner differs from cold corner


def test_sequential_loaded_from_keras_file(tmp_path, images):
    keras.utils.set_random_seed(3)
    model = sequential()
    model.save(tmp_path / "m.keras")
    loaded = keras.saving.load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(explain.grad_cam(loaded, images, class_index=2).heatmaps,
                               explain.grad_cam(model, images, class_index=2).heatmaps, atol=1e-6)


def test_functional_model_sharing_layers_with_another_model(images):
    keras.utils.set_random_seed(4)
    seq = sequential()
    inputs = keras.Input((H, W, 3))
    x = inputs
    for layer in seq.layers:
        x = layer(x)                        # the same layer objects, a second graph
    rebuilt = keras.Model(inputs, x)
    np.testing.assert_allclose(explain.grad_cam(rebuilt, images, class_index=0).heatmaps,
                               explain.grad_cam(seq, images, class_index=0).heatmaps, atol=1e-6)


@pytest.fixture
def figures(monkeypatch):
    """Capture the figures the picture helpers show (headless), closing them afterwards."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    yield shown
    plt.close("all")


def drawn(fig):
    """How many axes of a figure hold an image."""
    return sum(bool(ax.images) for ax in fig.axes)


def test_picture_helpers_draw_one_panel_per_item(images, figures):
    keras.utils.set_random_seed(5)
    model = sequential()
    explain_figures.show_filters(model.get_layer("conv").kernel, "filters", ncols=3)
    maps = explain.feature_maps(model, images[:1], ["conv"])
    explain_figures.show_feature_maps(images[:1], ["conv"], maps, "maps", n=3)
    cam = explain.grad_cam(model, images)
    explain_figures.show_grad_cams(images, cam.heatmaps, [0, 1, 2, 0, 1], cam.class_index,
                                   cam.probabilities.max(1), ["a", "b", "c"], "cams", ncols=4)
    explain_figures.show_overlays(images[0], {"x": cam.heatmaps[0], "y": cam.heatmaps[1]}, "two",
                                  alpha=[0.2, 0.8])
    explain_figures.show_sanity_check({"m": (images, cam, cam)}, n=3)
    assert [drawn(f) for f in figures] == [4, 1 + 3, 2 * 5, 1 + 2, 3 * 3]
    # Per-panel blends differ: alpha 0.2 and 0.8 of the same heatmap give different pictures.
    a, b = (ax.images[0].get_array() for ax in figures[3].axes[1:])
    assert explain.overlay(images[0], cam.heatmaps[0], alpha=0.2).tolist() == a.tolist()
    assert explain.overlay(images[0], cam.heatmaps[1], alpha=0.8).tolist() == b.tolist()
