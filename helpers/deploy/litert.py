"""Run LiteRT (TensorFlow Lite) models with the ``ai-edge-litert`` interpreter (notebook 10
converts the models and runs one image by hand; these helpers run whole test sets).

A fully quantized model takes and returns integers: ``real = scale * (q - zero_point)``, with
one (scale, zero_point) per tensor in the interpreter's input and output details."""
from __future__ import annotations

import os

import numpy as np


def interpreter(path, threads: int | None = None):
    """A ready ``ai_edge_litert`` interpreter for the ``.tflite`` file at ``path`` (``threads``:
    default every core)."""
    from ai_edge_litert.interpreter import Interpreter

    from ..session import quiet_native_stderr

    with quiet_native_stderr():                 # "INFO: Created ... XNNPACK delegate" on fd 2
        it = Interpreter(model_path=str(path), num_threads=threads or os.cpu_count())
        it.allocate_tensors()
    return it


def quantize(x, detail) -> np.ndarray:
    """Real values to the input tensor's type: unchanged for float inputs, else
    ``round(x / scale + zero_point)`` clipped to the integer type's range."""
    scale, zero_point = detail["quantization"]
    if not np.issubdtype(detail["dtype"], np.integer):
        return np.asarray(x, detail["dtype"])
    info = np.iinfo(detail["dtype"])
    return np.clip(np.round(np.asarray(x) / scale + zero_point), info.min, info.max) \
        .astype(detail["dtype"])


def dequantize(q, detail) -> np.ndarray:
    """An output tensor's values as real numbers (float32)."""
    scale, zero_point = detail["quantization"]
    if not np.issubdtype(detail["dtype"], np.integer):
        return np.asarray(q, np.float32)
    return (scale * (np.asarray(q, np.float32) - zero_point)).astype(np.float32)


def probabilities(path, images, threads: int | None = None) -> np.ndarray:
    """Class probabilities (N, classes) of the ``.tflite`` model for ``images`` (N, h, w, 3), as
    the Keras model takes them, one image at a time (the batch size the file was exported
    with)."""
    it = interpreter(path, threads)
    inp, out = it.get_input_details()[0], it.get_output_details()[0]
    probs = []
    for image in images:
        it.set_tensor(inp["index"], quantize(image[None], inp))
        it.invoke()
        probs.append(dequantize(it.get_tensor(out["index"])[0], out))
    return np.stack(probs)


def latency_ms(path, image, repeats: int = 200, threads: int | None = None) -> float:
    """Median milliseconds to classify one ``image`` (set input, invoke, read output)."""
    from ..timing import median_ms_per_call

    it = interpreter(path, threads)
    inp, out = it.get_input_details()[0], it.get_output_details()[0]
    x = quantize(image[None], inp)

    def once():
        it.set_tensor(inp["index"], x)
        it.invoke()
        return it.get_tensor(out["index"])
    return median_ms_per_call(once, repeats)
