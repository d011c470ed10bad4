"""Look inside trained models: feature maps (notebook 06), Grad-CAM heatmaps and overlays
(notebook 07; 10's classifier reuses them). The figures that show them are
``helpers.explain_figures``.

Grad-CAM (Selvaraju et al., 2017) works here on the three model shapes that trip up Keras 3
(keras-team/keras#20116, tensorflow/tensorflow#44462):

- a ``Sequential`` model, and a flat functional model: one sub-model from the model's input to the
  conv layer's output and to the classifier's input, in one call graph (see ``_one_graph``);
- a functional model that nests a pretrained base (MobileNetV2 inside a head): the conv layer's
  ``.output`` belongs to the base's own graph, so the outer model is re-applied layer by layer,
  with a sub-model of the base in its place.

The class score is the pre-softmax logit whenever the last layer is a softmax ``Dense`` (or a
softmax ``Activation``), as in the paper.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

CONV_TYPES = (keras.layers.Conv2D, keras.layers.DepthwiseConv2D, keras.layers.SeparableConv2D)


@dataclass
class GradCAM:
    """Heatmaps in [0, 1] (N, h, w), the channel weights (N, C) and the class explained (N,)."""
    heatmaps: np.ndarray
    channel_weights: np.ndarray
    class_index: np.ndarray
    probabilities: np.ndarray
    layer: str


def model_input(model):
    """The input tensor of a single-input model, else the list ``model.inputs``.

    Not ``model.input``: on a ``Sequential`` loaded from ``.keras`` it raises (keras#20116). Not
    the one-element list either: a sub-model built on it warns when called with a plain tensor."""
    return model.inputs[0] if len(model.inputs) == 1 else model.inputs


def _walk(model):
    """(layer, [models containing it, outermost first]) for every layer, nested ones included."""
    for layer in model.layers:
        yield layer, [model]
        if isinstance(layer, keras.Model):
            for inner, parents in _walk(layer):
                yield inner, [model] + parents


def _conv_outputs(model, layer):
    """The last layer that still carries ``layer``'s feature maps (its BatchNorm/activation)."""
    shape = tuple(layer.output.shape)
    found = layer
    seen = False
    for candidate, _ in _walk(model):
        if candidate is layer:
            seen = True
        elif seen:
            if isinstance(candidate, keras.Model) or tuple(candidate.output.shape) != shape \
                    or isinstance(candidate, CONV_TYPES):
                break
            found = candidate
    return found


def find_last_conv_layer(model) -> str:
    """Name of the layer Grad-CAM should look at: the last convolution (searching inside nested
    models too), moved forward over the BatchNorm/activation layers that directly follow it
    (notebook 07)."""
    convs = [layer for layer, _ in _walk(model) if isinstance(layer, CONV_TYPES)]
    if not convs:
        raise ValueError(f"{model.name} has no convolutional layer")
    return _conv_outputs(model, convs[-1]).name


def _find(model, name):
    for layer, parents in _walk(model):
        if layer.name == name:
            return layer, parents
    raise ValueError(f"no layer named {name!r} in {model.name} (nested models searched too)")


def _apply(layer, x, logits=False):
    """Apply one layer; with ``logits``, stop before a final softmax (the class score Grad-CAM
    differentiates), looking inside a nested head model if needed."""
    softmax = keras.activations.softmax
    if logits and isinstance(layer, keras.Model):
        inner = [l for l in layer.layers if not isinstance(l, keras.layers.InputLayer)]
        for i, sub in enumerate(inner):
            x = _apply(sub, x, logits=i == len(inner) - 1)
        return x
    if logits and isinstance(layer, keras.layers.Dense) and layer.activation is softmax:
        return keras.ops.matmul(x, layer.kernel) + (layer.bias if layer.use_bias else 0)
    if logits and (isinstance(layer, keras.layers.Softmax) or (
            isinstance(layer, keras.layers.Activation) and layer.activation is softmax)):
        return x
    return layer(x, training=False)


def _same_as_model(model, fn) -> bool:
    """Does ``fn(x)`` reproduce ``model(x)`` on a random input? (False if ``fn`` fails.)"""
    probe = tf.random.uniform((1, *model.inputs[0].shape[1:]), 0, 255, seed=0)
    try:
        return bool(np.allclose(fn(probe), model(probe, training=False), atol=1e-4))
    except Exception:           # a merge layer fed one tensor, a shape mismatch, ...
        return False


def _not_a_chain(model):
    return ValueError(f"{model.name} is not a simple chain of layers, so Grad-CAM cannot re-apply "
                      "it around its nested base; build the model flat instead")


def _chain_forward(model, holder, inner):
    """Re-apply ``model`` as a chain of layers, with ``inner(x) -> (features, y)`` in place of
    ``holder``, the layer that contains the target. Checked against the model on random input."""
    layers = [l for l in model.layers if not isinstance(l, keras.layers.InputLayer)]

    def forward(x, logits=True):
        feats = None
        for i, layer in enumerate(layers):
            if layer is holder:
                feats, x = inner(x)
            else:
                x = _apply(layer, x, logits=logits and i == len(layers) - 1)
        return feats, x

    if not _same_as_model(model, lambda x: forward(x, logits=False)[1]):
        raise _not_a_chain(model)
    return forward


def _one_graph(model, target):
    """(input, target's output, last layer's input) as tensors of ONE call graph.

    A ``Sequential`` model built with ``add()`` (or loaded from a ``.keras`` file, which uses
    ``add()``) keeps a node per partial build, so ``layer.output`` of two layers can come from two
    different copies of the graph: a sub-model on them computes both, but the score no longer
    depends on the feature maps and the gradient is None. Likewise a functional model whose layers
    also belong to another model: ``layer.output`` may be the other model's. Calling the layers
    once more on a fresh ``keras.Input`` gives one clean graph (same layers, same weights)."""
    if not isinstance(model, keras.Sequential):
        try:
            keras.Model(model_input(model), [target.output, model.layers[-1].input])
            return model_input(model), target.output, model.layers[-1].input
        except ValueError:      # layers shared with another model: .output is that model's
            pass
    inputs = keras.Input(model.inputs[0].shape[1:])
    x, target_out, last_in = inputs, None, None
    layers = [l for l in model.layers if not isinstance(l, keras.layers.InputLayer)]
    for layer in layers:
        if layer is layers[-1]:
            last_in = x
        x = layer(x)
        if layer is target:
            target_out = x
    if not _same_as_model(model, keras.Model(inputs, x)):
        raise _not_a_chain(model)
    return inputs, target_out, last_in


def _forward_fn(model, layer_name):
    """``forward(x, logits) -> (feature maps of layer_name, class scores)`` for any model shape."""
    target, parents = _find(model, layer_name)
    # Innermost: one sub-model from the inputs of the model that holds the target layer.
    holder_model = parents[-1]
    last = holder_model.layers[-1]
    inputs, target_out, last_in = _one_graph(holder_model, target)
    if last is target:          # e.g. MobileNetV2's out_relu: the feature maps are the output
        sub = keras.Model(inputs, target_out)

        def forward(x, logits=True):
            feats = sub(x, training=False)
            return feats, feats
    else:
        sub = keras.Model(inputs, [target_out, last_in])

        def forward(x, logits=True):
            feats, pre = sub(x, training=False)
            return feats, _apply(last, pre, logits=logits)
    # Nested: wrap it in each enclosing model, innermost first, re-applying their layers.
    for child, parent in zip(reversed(parents[1:]), reversed(parents[:-1])):
        forward = _chain_forward(parent, child, (lambda f: lambda x: f(x, logits=False))(forward))
    return forward


_CAM_FNS = weakref.WeakKeyDictionary()      # model -> {layer name: compiled gradient step}


def _cam_fn(model, layer_name):
    """``(images, class_index) -> (feature maps, class scores, class explained, gradients)`` as
    one ``tf.function``, built once per model and layer (``class_index`` -1: the predicted class).
    Built eagerly on every call, MobileNetV2 took ~0.9 s an image; compiled, it takes a few
    tens of ms: the web service of notebook 10 explains every upload with the same model."""
    per_model = _CAM_FNS.setdefault(model, {})
    if layer_name not in per_model:
        forward = _forward_fn(model, layer_name)

        @tf.function(reduce_retracing=True)
        def run(images, class_index):
            with tf.GradientTape() as tape:
                tape.watch(images)  # record every op, even through frozen (non-trainable) layers
                feats, scores = forward(images)
                idx = tf.where(class_index < 0, tf.argmax(scores, axis=1, output_type=tf.int32),
                               class_index)
                score = tf.gather(scores, idx, batch_dims=1)
            return feats, scores, idx, tape.gradient(score, feats)
        per_model[layer_name] = run
    return per_model[layer_name]


def grad_cam(model, images, class_index=None, layer_name: str | None = None) -> GradCAM:
    """Grad-CAM heatmaps for a batch of ``images`` (as the model takes them); notebook 07 builds
    the same computation by hand, step by step.

    ``class_index``: None explains each image's predicted class; an int or one int per image
    explains that class. ``layer_name``: default ``find_last_conv_layer(model)``."""
    layer_name = layer_name or find_last_conv_layer(model)
    images = tf.convert_to_tensor(images, tf.float32)
    wanted = tf.broadcast_to(tf.constant(-1 if class_index is None else class_index, tf.int32),
                             (images.shape[0],))
    feats, scores, idx, grads = _cam_fn(model, layer_name)(images, wanted)
    weights = tf.reduce_mean(grads, axis=(1, 2))                       # pooled gradients
    cam = tf.nn.relu(tf.einsum("nhwc,nc->nhw", feats, weights))        # weighted sum, ReLU
    cam = cam / (tf.reduce_max(cam, axis=(1, 2), keepdims=True) + 1e-12)
    return GradCAM(cam.numpy(), weights.numpy(), idx.numpy(),
                   tf.nn.softmax(scores).numpy(), layer_name)


def overlay(image, heatmap, alpha: float = 0.45, cmap: str = "jet") -> np.ndarray:
    """Blend a [0, 1] heatmap, upsampled to the image size, over an RGB image (uint8 out).
    Notebook 07 teaches it: its ``blend`` cell does the same resize, colormap and blend by hand
    (tests/test_lessons_07.py checks that the two agree)."""
    import cv2
    import matplotlib

    image = np.asarray(image, dtype="float32")
    h, w = image.shape[:2]
    big = cv2.resize(np.asarray(heatmap, "float32"), (w, h), interpolation=cv2.INTER_LINEAR)
    colour = matplotlib.colormaps[cmap](np.clip(big, 0, 1))[..., :3] * 255
    return np.clip((1 - alpha) * image + alpha * colour, 0, 255).astype("uint8")


def feature_maps(model, images, layer_names) -> list[np.ndarray]:
    """One array of activations per name in ``layer_names``, from a multi-output model built as
    ``keras.Model(model_input(model), [layer.output, ...])``, as notebook 06 builds it."""
    outputs = [model.get_layer(name).output for name in layer_names]
    extractor = keras.Model(model_input(model), outputs)
    result = extractor(tf.convert_to_tensor(images, tf.float32), training=False)
    result = result if isinstance(result, (list, tuple)) else [result]
    return [np.asarray(r) for r in result]
