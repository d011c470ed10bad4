"""Helpers for the CNN course notebooks: plumbing only, the lessons live in the notebooks.

    import helpers.session   # first: imports TensorFlow with its start-up noise silenced
    session = helpers.setup("02_cifar10_first_cnn")   # profile, device, seed, versions
    cifar = helpers.data.load_cifar10(session.profile.cifar_train)

Three rooms, one per audience. Importing ``helpers`` (or any tool) imports no TensorFlow: each
module is loaded on first use, and only what needs TensorFlow imports it.
- ``helpers.*``, the lesson helpers the notebooks use, one concern each: ``session`` (setup),
  ``profile`` (smoke/cpu/full sizes), ``paths``, ``atomic`` (atomic writes), ``data`` (load the
  datasets), ``audit`` (notebook 04's folder audit and its cache), ``images`` (decode, resize,
  ``tf.data``), ``training``, ``timing``, ``models``, ``plots``, ``explain`` (Grad-CAM, feature
  maps) and ``explain_figures``, ``robustness``, ``model_card``, ``results`` (record a run),
  ``questions`` (``helpers.check``, the questions that check themselves).
- ``helpers.deploy``: the app a student runs on their own photos (notebook 10): ``classifier``,
  ``cli`` (``cnn-predict``), ``app`` (``cnn-serve``, with its page in ``web/``), ``litert``.
- ``helpers.course``: the course's own tooling: ``run_notebooks`` (``cnn-run``), ``tables``
  (the results tables), ``build_site`` (``cnn-site``), ``fetch`` (``cnn-data``), ``links``
  (badges and install lines), ``hosted`` (a hosted runtime's first cell) and ``slides``
  (``cnn-slides``).
Each module's docstring names the notebook that teaches what it holds.
"""
import importlib


def lazy_package(scope: dict, modules: set, names: dict | None = None):
    """``__getattr__`` and ``__dir__`` for the package whose ``globals()`` are ``scope``, whose
    modules load on first use: ``package.X`` imports module X; ``names`` maps a name to the
    module that defines it. ``helpers``, ``helpers.deploy`` and ``helpers.course`` use it."""
    package = scope["__name__"]
    names = names or {}

    def getattr_(name):
        if name in modules:
            return importlib.import_module(f".{name}", package)
        if name in names:
            return getattr(importlib.import_module(f".{names[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def dir_():
        return sorted(set(scope) | modules | set(names))
    return getattr_, dir_


__getattr__, __dir__ = lazy_package(
    globals(), {"atomic", "audit", "course", "data", "deploy", "explain", "explain_figures",
               "images", "model_card", "models", "paths", "plots", "profile", "questions",
               "results", "robustness", "session", "timing", "training"},
    {"setup": "session", "get_profile": "profile", "PROFILES": "profile", "check": "questions"})
