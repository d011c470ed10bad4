"""Plots the notebooks share, each a layout of what the lesson computed: labelled image grids
(from notebook 00 on), training curves and accuracy against seconds (01, 02, 08), confusion
matrices (02, 05) and precision-recall curves (09) with sklearn's displays, pixel histograms
(02), resize modes (04), schedules and the learning-rate range test (08)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def image_grid(images, labels=None, class_names=None, preds=None, probs=None, ncols=8,
               title=None, size=1.6):
    """Show images in a grid. Each title is the class name; with ``preds`` it reads
    "true → predicted (confidence)" in green when right and red when wrong."""
    images = np.asarray(images)
    n = len(images)
    nrows = max(1, int(np.ceil(n / ncols)))
    row_height = size * (1.4 if preds is not None else 1.15)      # room for 1- or 2-line titles
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, row_height * nrows + 0.4),
                             squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for i, ax in enumerate(axes.flat[:n]):
        img = images[i]
        ax.imshow(img if img.dtype == np.uint8 else np.clip(img, 0, 1),
                  cmap="gray" if img.ndim == 2 else None)
        name = (lambda k: class_names[int(k)] if class_names is not None else str(k))
        if preds is not None:
            text = f"{name(labels[i])}\n→ {name(preds[i])}"
            if probs is not None:
                text += f" ({probs[i]:.0%})"
            ax.set_title(text, fontsize=8,
                         color="green" if int(preds[i]) == int(labels[i]) else "red")
        elif labels is not None:
            ax.set_title(name(labels[i]), fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def plot_history(histories: dict, metrics=("loss", "accuracy"), title="Training curves",
                 markers: dict | None = None):
    """Plot train (solid) and validation (dashed) curves for one or more Keras histories.

    ``histories`` maps a run name to ``History`` objects or their ``.history`` dicts;
    ``markers`` maps a label to an epoch index where a vertical line is drawn
    (e.g. {"fine-tuning starts": 10})."""
    fig, axes = plt.subplots(1, len(metrics), figsize=(6 * len(metrics), 4), squeeze=False)
    for ax, metric in zip(axes[0], metrics):
        for i, (name, h) in enumerate(histories.items()):
            h = getattr(h, "history", h)
            color = f"C{i}"
            epochs = np.arange(1, len(h[metric]) + 1)
            ax.plot(epochs, h[metric], color=color, label=f"{name} train")
            if f"val_{metric}" in h:
                ax.plot(epochs, h[f"val_{metric}"], "--", color=color, label=f"{name} val")
        for label, epoch in (markers or {}).items():
            ax.axvline(epoch + 0.5, color="gray", linestyle=":")
            ax.text(epoch + 0.6, ax.get_ylim()[1], label, va="top", fontsize=8, color="gray")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.set_title(f"{title}: {metric}")
        ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


def plot_confusion_matrix(y_true, y_pred, class_names, normalize=True, title="Confusion matrix"):
    """sklearn's ``ConfusionMatrixDisplay`` of the predictions; rows are true classes (notebooks
    02 and 05). Returns the matrix it drew."""
    from sklearn.metrics import ConfusionMatrixDisplay

    side = 1.0 + 0.6 * len(class_names)
    fig, ax = plt.subplots(figsize=(side + 1.5, side))
    shown = ConfusionMatrixDisplay.from_predictions(
        y_true, y_pred, labels=range(len(class_names)), display_labels=class_names, ax=ax,
        normalize="true" if normalize else None, values_format=".2f" if normalize else "d",
        cmap="Blues", xticks_rotation="vertical", colorbar=True)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title + (" (rows sum to 1)" if normalize else ""))
    fig.tight_layout()
    plt.show()
    return shown.confusion_matrix


def bar_compare(frame, x, y, title, ylabel, xlabel=None, ax=None):
    """A labelled bar chart of one column of a pandas DataFrame, values printed on the bars."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    bars = ax.bar(frame[x].astype(str), frame[y], color=[f"C{i}" for i in range(len(frame))])
    ax.bar_label(bars, fmt="%.3g", fontsize=8)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel or x)
    return ax


def resize_modes_grid(paths, titles, image_size, modes=("stretch", "pad", "crop")):
    """One row per image file: the original, then the square ``image_size`` version made by each
    of ``helpers.images.load_image``'s ``modes`` (notebook 04 compares them)."""
    from PIL import Image

    from .images import load_image

    fig, axes = plt.subplots(len(paths), 1 + len(modes), figsize=(3 * (1 + len(modes)),
                                                                  3 * len(paths)), squeeze=False)
    for row, path, title in zip(axes, paths, titles):
        with Image.open(path) as im:
            row[0].imshow(im.convert("RGB"))
        row[0].set_title(title)
        for ax, mode in zip(row[1:], modes):
            img = load_image(str(path), image_size, mode).numpy()
            ax.imshow(np.clip(img, 0, 255).astype("uint8"))
            ax.set_title(f"{mode} → {image_size}×{image_size}")
        for ax in row:
            ax.set_xlabel("x (px)")
            ax.set_ylabel("y (px)")
    fig.suptitle("The same images made square in each way")
    fig.tight_layout()
    plt.show()


def channel_histograms(pixels, title="Pixel values per channel"):
    """Overlaid histograms of the red, green and blue values of ``pixels`` (N x 3, 0-255), as
    notebook 02 shows before normalising."""
    fig, ax = plt.subplots(figsize=(7, 3))
    for i, colour in enumerate(["red", "green", "blue"]):
        ax.hist(pixels[:, i], bins=64, color=colour, alpha=0.4, label=colour)
    ax.set_title(title)
    ax.set_xlabel("pixel value")
    ax.set_ylabel("count")
    ax.legend()
    plt.show()


def plot_accuracy_against(runs: dict, title: str,
                          xlabel="wall-clock seconds of training (end of each epoch)",
                          ylabel="validation accuracy", hlines: dict | None = None,
                          vlines: dict | None = None):
    """Accuracy against seconds (or optimiser steps) of training, one line per run, one point
    per epoch.

    ``runs`` maps a run name to ``(x, values)``, e.g. ``helpers.timing.EpochTimer``'s ``seconds``
    and ``history.history["val_accuracy"]``. ``hlines`` / ``vlines`` map a label to a y / x value
    drawn as a dotted reference line. Notebook 01 (is the CNN worth its seconds?) and notebook
    02's depth study (accuracy against steps)."""
    from matplotlib.ticker import PercentFormatter

    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for i, (name, (seconds, values)) in enumerate(runs.items()):
        ax.plot(seconds, values, "o-", color=f"C{i}", markersize=4, label=name)
    for label, y in (hlines or {}).items():
        ax.axhline(y, color="gray", linestyle=":", label=label)
    for j, (label, x) in enumerate((vlines or {}).items()):
        ax.axvline(x, color=f"C{len(runs) + j}", linestyle=":", label=label)
    ax.margins(x=0.04)
    ax.set_xlim(left=0)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    plt.show()


def pr_curves(labels, probs, class_names, title="Precision-recall per class"):
    """One-vs-rest precision-recall curve of every class (sklearn's ``PrecisionRecallDisplay``),
    with its average precision (AP) in the legend. Notebook 09 (the imbalanced baseline)."""
    from sklearn.metrics import PrecisionRecallDisplay

    fig, ax = plt.subplots(figsize=(7, 5))
    for k, name in enumerate(class_names):
        PrecisionRecallDisplay.from_predictions(
            labels == k, probs[:, k], name=name, ax=ax,
            curve_kwargs={"color": plt.colormaps["tab10"](k)})
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    plt.show()


def plot_schedules(schedules: dict, steps: int, title="Learning-rate schedules"):
    """Learning-rate schedules (Keras schedules or constants) at every one of ``steps`` training
    steps, one line each (notebook 08; notebook 02 plots one)."""
    fig, ax = plt.subplots(figsize=(7, 3))
    for name, schedule in schedules.items():
        values = [float(schedule(s)) if callable(schedule) else schedule for s in range(steps)]
        ax.plot(values, label=name)
    ax.set_title(title)
    ax.set_xlabel("training step")
    ax.set_ylabel("learning rate")
    if len(schedules) > 1:
        ax.legend(fontsize=8)
    plt.show()


def plot_lr_finder(rates, losses, smoothed, suggestion: float):
    """The learning-rate range test: loss per batch (raw and smoothed) against the learning rate
    on a log axis, with the suggested peak marked (notebook 08)."""
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(rates, losses, color="C0", alpha=0.3, label="loss per batch")
    ax.plot(rates, smoothed, color="C0", label="smoothed")
    ax.axvline(suggestion, color="C1", linestyle=":", label=f"suggested peak {suggestion:.1e}")
    ax.set_xscale("log")
    ax.set_ylim(top=min(max(smoothed) * 1.2, np.max(losses)))
    ax.set_xlabel("learning rate (log scale)")
    ax.set_ylabel("training loss")
    ax.set_title("Learning-rate range test")
    ax.legend(fontsize=8)
    plt.show()
