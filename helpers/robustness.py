"""Common corruptions of images, at five severities each (notebook 11 measures accuracy under
them). The severities are those of CIFAR-10-C (Hendrycks & Dietterich, "Benchmarking Neural Network
Robustness to Common Corruptions and Perturbations", ICLR 2019), reimplemented with OpenCV and
NumPy for uint8 RGB images of any size. Gaussian noise, brightness, contrast and JPEG are four of
its 15 corruptions; Gaussian blur is one of its 4 extra (validation) corruptions. One difference:
CIFAR-10-C's contrast scales each channel around that channel's mean, this one around the mean of
the whole image, so it also pulls the colours towards grey."""
from __future__ import annotations

import numpy as np

SEVERITIES = {                       # 1 (mild) .. 5 (severe), as in CIFAR-10-C
    "gaussian_noise": (0.04, 0.06, 0.08, 0.09, 0.10),   # noise std, image scaled to [0, 1]
    "blur": (0.4, 0.6, 0.7, 0.8, 1.0),                  # Gaussian blur sigma, pixels at 32 px
    "brightness": (0.05, 0.1, 0.15, 0.2, 0.3),          # added to HSV value, [0, 1]
    "contrast": (0.75, 0.5, 0.4, 0.3, 0.15),            # contrast kept, around the image's mean
    "jpeg": (80, 65, 58, 50, 40),                       # JPEG quality
}
KINDS = tuple(SEVERITIES)            # the corruptions' names, in table order


def corrupt(images, kind: str, severity: int, seed: int = 0) -> np.ndarray:
    """``images`` (N, h, w, 3) uint8 RGB with corruption ``kind`` at ``severity`` 1-5 (0: a copy).
    Blur scales with the image side (sigma is given for 32 px)."""
    import cv2

    images = np.asarray(images, np.uint8)
    if kind not in SEVERITIES:
        raise ValueError(f"unknown corruption {kind!r}; choose from {', '.join(SEVERITIES)}")
    if severity == 0:
        return images.copy()
    c = SEVERITIES[kind][severity - 1]
    x = images.astype(np.float32) / 255
    if kind == "gaussian_noise":
        x = x + np.random.default_rng(seed).normal(0, c, x.shape).astype(np.float32)
    elif kind == "blur":
        sigma = c * images.shape[1] / 32
        x = np.stack([cv2.GaussianBlur(im, (0, 0), sigma) for im in x])
    elif kind == "brightness":
        hsv = np.stack([cv2.cvtColor(im, cv2.COLOR_RGB2HSV) for im in x])
        hsv[..., 2] = np.clip(hsv[..., 2] + c, 0, 1)
        x = np.stack([cv2.cvtColor(im, cv2.COLOR_HSV2RGB) for im in hsv])
    elif kind == "contrast":
        mean = x.mean(axis=(1, 2, 3), keepdims=True)    # CIFAR-10-C: axis=(1, 2)
        x = (x - mean) * c + mean
    else:
        return np.stack([cv2.cvtColor(cv2.imdecode(cv2.imencode(
            ".jpg", cv2.cvtColor(im, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, c])[1],
            cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB) for im in images])
    return np.clip(np.round(x * 255), 0, 255).astype(np.uint8)
