"""Helpers for the CNN course notebooks: plumbing only, the lessons live in the notebooks.

    import helpers
    session = helpers.setup("02_cifar10_first_cnn")   # profile, device, seed, versions
    cifar = helpers.data.load_cifar10(session.profile.cifar_train)

Import ``helpers`` before ``keras``: it imports TensorFlow with its C++ start-up noise silenced.
Modules (loaded on first use): ``profile`` (smoke/cpu/full sizes), ``session`` (device and
setup), ``data`` (datasets, fetch/status CLI), ``images`` (folder scan, tf.data pipeline),
``plots``, ``results`` (record and tables), ``models`` (shared models, save/reuse ``.keras``
files), ``explain`` (Grad-CAM, feature maps), ``training`` (notebook 02's recipe, progress
bars, 08's learning-rate range test), ``timing`` (epoch timer, benchmarks), ``paths`` (repo, notebook and data folders;
imports nothing from helpers), ``run_notebooks`` (headless runner); notebook 10's deployment:
``litert`` (run ``.tflite`` files), ``inference`` (classify a user's image), ``predict`` and
``serve`` (command line and web service); notebook 11's ``robustness`` (common corruptions)
and ``model_card``; ``files`` (atomic writes), ``studio_lab`` (the launch link), ``build_site`` (the course as a
website).
"""
import importlib

from .session import setup  # noqa: F401  (imports TensorFlow quietly; keep it first)

_MODULES = {"build_site", "data", "explain", "files", "images", "inference", "litert",
            "model_card", "models", "paths", "plots", "predict", "profile", "results",
            "robustness", "run_notebooks", "serve", "session", "studio_lab", "timing", "training"}
_NAMES = {"get_profile": "profile", "PROFILES": "profile"}


def __getattr__(name):
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _NAMES:
        return getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _MODULES | set(_NAMES))
