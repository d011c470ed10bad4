"""The figures of notebooks 06 and 07: first-layer filters, feature maps, Grad-CAM overlays beside
their images, and the sanity check (trained vs randomised weights). The notebooks compute what
is drawn (``helpers.explain`` holds the Grad-CAM engine); these functions only lay it out."""
from __future__ import annotations

import keras
import matplotlib.pyplot as plt
import numpy as np

from .explain import overlay


def show_filters(kernel, title: str, ncols: int = 16):
    """Draw a first-layer conv kernel (k, k, 3, n_filters) as n small RGB patches, each rescaled
    on its own to 0-1 so that weak filters stay visible (notebook 06)."""
    kernel = keras.ops.convert_to_numpy(kernel)
    n = kernel.shape[-1]
    ncols = min(ncols, n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * 0.8, 0.9 * nrows + 0.6),
                             squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            f = kernel[..., i]
            ax.imshow((f - f.min()) / (f.max() - f.min() + 1e-8), interpolation="nearest")
            ax.set_title(str(i), fontsize=7)
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def show_feature_maps(image, names, maps, title: str, n: int = 8):
    """One row per layer: the input image, then that layer's ``n`` most active channels (highest
    mean activation), each titled with its channel and map size (notebook 06)."""
    fig, axes = plt.subplots(len(maps), n + 1, figsize=(1.6 * (n + 1), 2.0 * len(maps)),
                             squeeze=False)
    for row, name, fmap in zip(axes, names, maps):
        fmap = np.asarray(fmap)[0]
        row[0].imshow(np.clip(np.asarray(image)[0], 0, 255).astype("uint8"))
        row[0].set_title("input", fontsize=8)
        strongest = np.argsort(fmap.mean(axis=(0, 1)))[::-1][:n]
        for ax, ch in zip(row[1:], strongest):
            ax.imshow(fmap[..., ch], cmap="viridis")
            ax.set_title(f"{name}\nch {ch}, {fmap.shape[0]}×{fmap.shape[1]}", fontsize=7)
        for ax in row:
            ax.axis("off")
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def show_grad_cams(images, heatmaps, labels, preds, probs, class_names, title: str,
                   ncols: int = 4):
    """Each image above its Grad-CAM overlay, titled "true / pred (confidence)" in green when
    right and red when wrong (notebook 07)."""
    nrows = int(np.ceil(len(images) / ncols))
    fig, axes = plt.subplots(2 * nrows, ncols, figsize=(2.6 * ncols, 5.2 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for i, (img, heat) in enumerate(zip(images, heatmaps)):
        top, bottom = axes[2 * (i // ncols), i % ncols], axes[2 * (i // ncols) + 1, i % ncols]
        top.imshow(np.clip(np.asarray(img), 0, 255).astype("uint8"))
        ok = int(labels[i]) == int(preds[i])
        top.set_title(f"true {class_names[int(labels[i])]}\npred {class_names[int(preds[i])]} "
                      f"({probs[i]:.0%})", fontsize=8, color="green" if ok else "red")
        bottom.imshow(overlay(img, heat))
        bottom.set_title("Grad-CAM", fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def show_overlays(image, heatmaps: dict, title: str, alpha=0.45, size: float = 2.6):
    """One row: the image, then one overlay per ``{panel title: heatmap}`` (notebook 07).
    ``alpha``: one blend for all panels, or a list with one per panel."""
    alphas = alpha if isinstance(alpha, (list, tuple)) else [alpha] * len(heatmaps)
    fig, axes = plt.subplots(1, len(heatmaps) + 1,
                             figsize=(size * (len(heatmaps) + 1), size + 0.7))
    axes[0].imshow(np.clip(np.asarray(image), 0, 255).astype("uint8"))
    axes[0].set_title("image", fontsize=9)
    for ax, (name, heat), a in zip(axes[1:], heatmaps.items(), alphas):
        ax.imshow(overlay(image, heat, alpha=a))
        ax.set_title(name, fontsize=9)
    for ax in axes:
        ax.axis("off")
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def show_sanity_check(pictures: dict, n: int = 4):
    """For each ``{model name: (images, trained GradCAM, randomised)}``: a row of images, their
    heatmaps with trained weights, and one row per randomisation (``randomised`` is one GradCAM,
    or ``{label: GradCAM}``). A heatmap that stayed zero (its maximum below 0.5 after
    ``grad_cam``'s division by max + 1e-12) is titled "blank" (notebook 07)."""
    rows = []                                   # (model name, row label, images, GradCAM)
    for name, (x, trained, random) in pictures.items():
        randoms = random if isinstance(random, dict) else {"weights": random}
        rows += [(name, "image", x, None), (name, "trained weights", x, trained)]
        rows += [(name, f"random {label}", x, cam) for label, cam in randoms.items()]
    fig, axes = plt.subplots(len(rows), n, figsize=(2.5 * n, 2.5 * len(rows)), squeeze=False)
    for r, (name, label, x, cam) in enumerate(rows):
        for c in range(min(n, len(x))):
            if cam is None:
                axes[r, c].imshow(np.clip(np.asarray(x[c]), 0, 255).astype("uint8"))
                continue
            axes[r, c].imshow(overlay(x[c], cam.heatmaps[c]))
            if cam.heatmaps[c].max() < 0.5:
                axes[r, c].set_title("blank", fontsize=9)
        if label == "image":
            axes[r, 0].set_title(name, loc="left")
        axes[r, 0].set_ylabel(label)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("Sanity check: Grad-CAM with trained vs randomised weights")
    fig.tight_layout()
    plt.show()
