"""Record a notebook's headline numbers: every notebook ends with ``record(session, metrics,
dataset=...)``, which writes ``results/<profile>/<notebook>.json``. The tables built from those
files are the course's tooling (``helpers.course.tables``); ``fmt`` is shared by both.
"""
from __future__ import annotations

import datetime as _dt
import json
import re

from .atomic import write_text
from .paths import COURSE_DIR

RESULTS_DIR = COURSE_DIR / "results"

_PERCENT = re.compile(r"(accuracy|precision|recall|f1|gap)(_|$)|^ece_|_ci_(lower|upper)$")
_POINTS = re.compile(r"(gain|cost|change|drop|minus_given)$")  # differences of two accuracies


def record(session, metrics: dict, dataset: str, stand_in: bool = False, notes: str = "") -> None:
    """Write this run's headline ``metrics`` (floats; fractions for accuracies) to results/;
    ``add`` appends to it later in the notebook."""
    from .session import versions

    out = _path(session.profile.name, session.notebook)
    entry = {
        "notebook": session.notebook,
        "profile": session.profile.name,
        "device": session.device,
        "dataset": dataset,
        "stand_in": bool(stand_in),
        "metrics": {k: float(v) for k, v in metrics.items()},
        "wall_time_s": round(session.elapsed(), 1),
        "date": _dt.date.today().isoformat(),
        "versions": versions(),
        "notes": notes,
    }
    write_text(out, json.dumps(entry, indent=2) + "\n")
    shown = ", ".join(f"{k}={fmt(k, v)}" for k, v in entry["metrics"].items())
    print(f"recorded {out.relative_to(RESULTS_DIR.parent)}: {shown} "
          f"[{dataset}{' (stand-in)' if stand_in else ''}, {entry['wall_time_s']:.0f} s]")


def add(session, metrics: dict) -> None:
    """Add ``metrics`` to the run ``record`` wrote earlier in the same notebook, for example an
    exercise solution's answer (``{"exercise_2_gain": 0.013}``); ``wall_time_s`` becomes the time
    to this call, so it covers the whole notebook when the last solution adds its answer."""
    out = _path(session.profile.name, session.notebook)
    entry = json.loads(out.read_text())
    entry["metrics"].update({k: float(v) for k, v in metrics.items()})
    entry["wall_time_s"] = round(session.elapsed(), 1)
    write_text(out, json.dumps(entry, indent=2) + "\n")
    shown = ", ".join(f"{k}={fmt(k, v)}" for k, v in metrics.items())
    print(f"added to {out.relative_to(RESULTS_DIR.parent)}: {shown}")


def load(profile: str, notebook: str, results_dir=None) -> dict | None:
    """The run ``record`` wrote to ``results/<profile>/<notebook>.json`` (under ``results_dir``,
    by default the course's), or None when that profile has not recorded this notebook."""
    path = _path(profile, notebook, results_dir)
    return json.loads(path.read_text()) if path.exists() else None


def _path(profile: str, notebook: str, results_dir=None):
    """Where a notebook's run of ``profile`` is recorded: results/<profile>/<notebook>.json."""
    return (results_dir or RESULTS_DIR) / profile / f"{notebook}.json"


def metric_key(name: str) -> str:
    """A metric name made from a label: ``"BatchNorm, 3× the LR"`` -> ``"batchnorm_3_the_lr"``
    (notebook 08 records one key per ablation arm)."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def fmt(metric: str, value: float) -> str:
    """``value`` as the results print it: percentages, points, seconds or a plain number."""
    if _POINTS.search(metric):
        return f"{100 * value:+.2f} points"
    if _PERCENT.search(metric):
        return f"{100 * value:.2f}%"
    if metric.endswith("_s") and not metric.endswith("per_s"):
        return f"{value:,.0f} s"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
