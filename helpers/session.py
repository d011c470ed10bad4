"""Start a notebook: quiet TensorFlow's start-up noise, pick the profile and device, seed, and print
what was chosen. ``setup()`` is the first call of every notebook.

Importing this module imports TensorFlow with its C++ start-up messages silenced, so every
notebook's first line is ``import helpers.session``, before ``keras``/``tensorflow``
(``import helpers`` alone imports no TensorFlow). Notebook 00 teaches what ``setup`` does."""
from __future__ import annotations

import contextlib
import os
import platform
import re
import sys
import textwrap
import time
from dataclasses import dataclass

BANNER_WIDTH = 80        # the setup banner's lines fit GitHub's and the site's code width
# The oldest versions the course supports: those it is tested with (requirements.txt). A hosted
# runtime with older ones keeps them (its TensorFlow matches its GPU) and is told what to do.
SUPPORTED = {"tensorflow": "2.21", "keras": "3.15"}

# Set before TensorFlow is imported anywhere: hide C++ info/warning logs.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@contextlib.contextmanager
def quiet_native_stderr():
    """Silence output written straight to file descriptor 2 by C++ code (TensorFlow's CUDA probe
    prints "could not find cuda drivers" on every CPU machine). Python-level warnings and
    exceptions are unaffected: they are raised, not printed to the fd."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


if os.environ.get("TQDM_DISABLE"):
    # A headless run (cnn-run sets TQDM_DISABLE): tqdm's notebook widget ignores the variable and
    # would leave its text fallback ("0%| | 0/45") in the saved notebook, so progress bars made
    # from here on (tqdm.auto, tqdm.keras.TqdmCallback) are plain tqdm, which honours it.
    import tqdm.auto
    import tqdm.std
    tqdm.auto.tqdm = tqdm.std.tqdm

with quiet_native_stderr():
    import tensorflow as tf
    tf.config.list_physical_devices("GPU")        # the CUDA probe happens here, silently
import keras  # noqa: E402

from .profile import Profile, get_profile  # noqa: E402


@dataclass
class Session:
    """What a notebook runs with. ``setup()`` makes ``strategy`` the current one for the whole
    notebook (``tf.distribute.experimental_set_strategy``), so lesson cells need no
    ``with strategy.scope():`` block."""
    notebook: str
    profile: Profile
    device: str
    strategy: tf.distribute.Strategy
    seed: int
    started: float

    def elapsed(self) -> float:
        """Seconds since ``setup()``."""
        return time.perf_counter() - self.started


def configure_device(device_type: str = "GPU") -> tuple[str, tf.distribute.Strategy]:
    """Memory growth on every GPU; a ``MirroredStrategy`` over the devices of ``device_type``
    when several are visible (several GPUs; tests/test_session.py mirrors over two logical
    CPUs); and a description of the device."""
    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except RuntimeError:       # already initialised (setup() called twice): keep going
            pass
    devices = tf.config.list_logical_devices(device_type)
    if len(devices) > 1:
        return (f"{len(devices)} {device_type}s (MirroredStrategy)",
                tf.distribute.MirroredStrategy([d.name for d in devices]))
    if gpus:
        name = tf.config.experimental.get_device_details(gpus[0]).get("device_name", "GPU")
        return f"GPU: {name}", tf.distribute.get_strategy()
    return f"CPU only ({os.cpu_count()} cores, {cpu_name()})", tf.distribute.get_strategy()


def use_strategy(strategy: tf.distribute.Strategy) -> None:
    """Make ``strategy`` the current one for the rest of the process: every model built from now
    on is mirrored, as if each cell sat inside ``with strategy.scope():`` (TensorFlow's API for
    exactly this notebook case)."""
    if tf.distribute.get_strategy() is not strategy:
        tf.distribute.experimental_set_strategy(None)
        tf.distribute.experimental_set_strategy(strategy)


def cpu_name() -> str:
    """The processor's model name (Linux), else the machine type."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def versions() -> dict:
    import matplotlib
    import numpy
    import sklearn
    return {"python": platform.python_version(), "tensorflow": tf.__version__,
            "keras": keras.__version__, "numpy": numpy.__version__,
            "scikit-learn": sklearn.__version__, "matplotlib": matplotlib.__version__}


def too_old(found: dict, supported: dict = SUPPORTED) -> list[str]:
    """One line per package of ``found`` (name -> version) older than ``supported``."""
    def key(version):      # "2.21.0", "2.21rc1", "2.21.0+cpu" -> (2, 21)
        match = re.match(r"(\d+)\.(\d+)", version)
        return (int(match[1]), int(match[2])) if match else (0, 0)
    from .paths import help_link
    pins = " ".join(f"{name}=={version}" for name, version in
                    (("tensorflow", "2.21.0"), ("keras", "3.15.1")))
    return [f"{name} {found[name]} is older than the {least} this course supports: "
            f"`%pip install {pins}`, then restart the runtime ({help_link()})"
            for name, least in supported.items() if key(found[name]) < key(least)]


def plain_text_tables() -> None:
    """Give pandas' ``Styler`` a plain-text form in IPython: its formatted table as text
    (``Styler.to_string``) instead of ``<pandas.io.formats.style.Styler at 0x...>``, which is what
    GitHub and text-only readers show of a styled table. Outside IPython it does nothing."""
    try:
        from IPython import get_ipython
        from pandas.io.formats.style import Styler
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/plain"].for_type(
            Styler, lambda styler, printer, cycle: printer.text(styler_text(styler)))


def styler_text(styler) -> str:
    """A styled table as aligned plain text, with its formats applied: the formatted cells of
    ``Styler.to_string`` (unaligned, one line per row), laid out by pandas with the data's own
    index and columns."""
    import pandas as pd
    data = styler.data
    lines = [line.split("\t") for line in styler.to_string(delimiter="\t").splitlines()
             if line]
    body = [fields[-len(data.columns):] for fields in lines[-len(data):]] if len(data) else []
    if len(body) != len(data) or any(len(row) != len(data.columns) for row in body):
        return styler.to_string()          # a layout this does not know: pandas' own text
    table = pd.DataFrame(body, index=data.index, columns=data.columns)
    return table.to_string(index=not all(getattr(styler, "hide_index_", [False])))


def setup(notebook: str, seed: int = 42, profile: str | None = None) -> Session:
    """Start a notebook: choose profile and device, seed everything, print the summary."""
    from .data import data_dir, keras_home
    from .paths import COURSE_DIR, IN_CHECKOUT, shown_path

    prof = get_profile(profile)
    # TensorFlow's Python logger warns about "retracing" whenever a notebook builds and fits
    # several models in a row (each model traces its own functions): expected here, not a problem.
    tf.get_logger().setLevel("ERROR")
    device, strategy = configure_device()
    use_strategy(strategy)                 # several GPUs: every model is mirrored from here on
    keras.utils.set_random_seed(seed)
    for label, text in (("notebook", notebook), ("profile", f"{prof.name} ({prof.description})"),
                        ("device", device),
                        ("versions", ", ".join(f"{k} {v}" for k, v in versions().items()))):
        print(textwrap.fill(text, BANNER_WIDTH, initial_indent=f"{label:<9}: ",
                            subsequent_indent=" " * 11, break_on_hyphens=False))
    if not IN_CHECKOUT:
        print(f"folder   : {shown_path(COURSE_DIR)} holds data, models and results "
              "(CNN_COURSE_HOME moves it; restart after setting it)")
    print(f"data dir : {shown_path(data_dir())}   (set CNN_DATA_DIR to change)")
    print(f"weights  : {shown_path(keras_home() / 'models')}   (set KERAS_HOME to change)")
    print(f"seed     : {seed}")
    print(f"started  : {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    for line in too_old(versions()):
        print(textwrap.fill(line, BANNER_WIDTH, initial_indent="WARNING  : ",
                            subsequent_indent=" " * 11, break_on_hyphens=False))
    plain_text_tables()
    return Session(notebook, prof, device, strategy, seed, time.perf_counter())
