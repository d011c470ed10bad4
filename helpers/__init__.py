"""Helpers for the CNN course notebooks: plumbing only, the lessons live in the notebooks.

    import helpers
    session = helpers.setup("02_cifar10_first_cnn")   # profile, device, seed, versions
    data = helpers.data.load_cifar10(...)

Modules: ``profile`` (smoke/cpu/full sizes), ``session`` (device and setup), ``data`` (datasets,
fetch/status CLI), ``plots``, ``results`` (record and tables), ``models`` (save/reuse
``.keras`` files), ``run_notebooks`` (headless runner).
"""
from . import data, models, plots, profile, results  # noqa: F401
from .profile import PROFILES, get_profile  # noqa: F401
from .session import setup  # noqa: F401
