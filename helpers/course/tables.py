"""The results tables: every recorded run (``results/<profile>/*.json``, written by each notebook's
``helpers.results.record``) turned into ``results/README.md``, next to the seeds' numbers, and the
short headline table of the top-level README (between the ``headline:start``/``headline:end``
markers, at most 15 rows). Smoke runs are
recorded (CI checks the plumbing) but never shown as results. ``cnn-run`` rebuilds them after
each run; ``cnn-run --tables-only`` rebuilds them alone.
"""
from __future__ import annotations

import json
import re

from ..atomic import write_text
from ..paths import NOTEBOOK_DIR, REPO_ROOT
from .. import results
from ..results import fmt

README_PATH = REPO_ROOT / "README.md"
TABLE_PROFILES = ("cpu", "full")
# The full profile's training recipes of 02, 03 and 08 run by tools/full_on_jax.py: Keras on JAX,
# on a GPU machine without TensorFlow. Shown in a table of their own, never as notebook runs.
JAX_GPU = "full-jax"

# The published numbers the course is built from (../shared/seeds), keyed by (notebook, metric).
# They only sit beside our runs on the same dataset: never beside a stand-in.
_SEED_002 = "seed 002, its validation split"
# Seed 001's best number (it used augmentation), beside the recipes that go further (08, 13).
_SEED_001_AUGMENTED = (0.7945, "CIFAR-10", "seed 001 with augmentation")
SEED_REFERENCES = {
    # Seed 001 names neither its hardware nor its training-set size, so the labels say neither.
    ("02_cifar10_first_cnn", "test_accuracy"): (0.7610, "CIFAR-10", "seed 001"),
    # 03 trains on a subset, so only the gain from augmentation sits beside seed 001's
    # (76.10% -> 79.45%), labelled with both of the seed's numbers.
    ("03_data_augmentation", "augmentation_gain"): (
        0.0335, "CIFAR-10", "seed 001: 76.10% → 79.45%; ours: a subset"),
    # 76.10% is 02's; the final recipes of 08 and 13 sit beside the seed's augmented number.
    ("08_training_craft", "final_test_accuracy"): _SEED_001_AUGMENTED,
    ("13_cifar10_speedrun", "final_test_accuracy"): _SEED_001_AUGMENTED,
    # Seed 002 had no test split: its numbers are on the 20% validation split that also steered
    # its callbacks. They sit beside our test-set numbers, the closest thing we report.
    ("05_transfer_learning", "custom_test_accuracy"): (0.7232, "Animals-10", _SEED_002),
    ("05_transfer_learning", "custom_test_precision"): (0.7812, "Animals-10", _SEED_002),
    ("05_transfer_learning", "custom_test_recall"): (0.6762, "Animals-10", _SEED_002),
    ("05_transfer_learning", "transfer_test_accuracy"): (0.9371, "Animals-10", _SEED_002),
    ("05_transfer_learning", "transfer_test_precision"): (0.9529, "Animals-10", _SEED_002),
    ("05_transfer_learning", "transfer_test_recall"): (0.9278, "Animals-10", _SEED_002),
}
# The README's headline rows, in teaching order (at most 15): (notebook, metric, what it is).
# Those of 05 are on the animal data, which may be a stand-in; the others on CIFAR-10.
HEADLINE = [
    ("01_dense_vs_cnn", "dense_test_accuracy", "a dense net"),
    ("01_dense_vs_cnn", "cnn_test_accuracy", "a small CNN, same epochs"),
    ("02_cifar10_first_cnn", "test_accuracy", "a first CNN (seed 001's recipe)"),
    ("03_data_augmentation", "augmentation_gain", "augmentation, flips + shifts"),
    ("05_transfer_learning", "custom_test_accuracy", "a custom CNN"),
    ("05_transfer_learning", "transfer_test_accuracy", "MobileNetV2, frozen"),
    ("08_training_craft", "final_test_accuracy", "the training-craft recipe, flip TTA"),
    ("10_deployment", "int8_test_accuracy", "02's model as int8 LiteRT"),
    ("12_beyond_the_plain_cnn", "residual_gain", "residual over plain, equal steps"),
    ("13_cifar10_speedrun", "final_test_accuracy", "the speedrun recipe, ten CPU minutes, TTA"),
]


def headline_table(profile: str = "cpu") -> str:
    """The README's short table: a few headline numbers of ``profile`` beside the seeds'."""
    runs = {r["notebook"]: r for r in load_runs(profile)}
    lines = ["| # | what | dataset | ours | seed's number |", "|---|---|---|---|---|"]
    shown = set()
    for notebook, metric, what in HEADLINE:
        run = runs.get(notebook)
        if run is None or metric not in run["metrics"]:
            continue
        shown.add(f"{run['device']}, {run['date']}")
        animals = notebook.startswith("05")
        stand_in = animals and run["stand_in"]
        dataset = (run["dataset"] + " (stand-in)" if stand_in else run["dataset"] if animals
                   else "CIFAR-10")
        ref = SEED_REFERENCES.get((notebook, metric))
        seed = ("" if ref is None else "not comparable" if stand_in
                else f"{fmt(metric, ref[0])} ({ref[2]})")
        lines.append(f"| {notebook[:2]} | {what} | {dataset} | "
                     f"{fmt(metric, run['metrics'][metric])} | {seed} |")
    if not shown:
        return f"_No `{profile}` runs recorded yet._\n"
    return ("\n".join(lines) + f"\n\nProfile `{profile}`; " + "; ".join(sorted(shown))
            + ". Every run and metric: [results/README.md](results/README.md).\n")


def load_runs(profile: str) -> list[dict]:
    """Every recorded run of ``profile``; a file that cannot be read is left out, with one line
    saying so (run its notebook again to record it anew)."""
    runs = []
    for path in sorted((results.RESULTS_DIR / profile).glob("*.json")):
        try:
            runs.append(json.loads(path.read_text()))
        except (OSError, ValueError) as err:
            print(f"results file {path} could not be read ({type(err).__name__}): left out; "
                  f"run its notebook again to record it")
    return runs


def table(profile: str) -> str:
    """Markdown for every recorded run in ``profile``: the numbers, with the seeds' numbers
    alongside, then one line per run (device, wall time, date, notes)."""
    runs = load_runs(profile)
    if not runs:
        return f"_No `{profile}` runs recorded yet: `cnn-run --profile {profile}`._\n"
    numbers = ["| notebook | dataset | metric | ours | seed's number |", "|---|---|---|---|---|"]
    about = ["| notebook | device | wall time | date | notes |", "|---|---|---|---|---|"]
    for run in runs:
        dataset = run["dataset"] + (" **(stand-in)**" if run["stand_in"] else "")
        for metric, value in run["metrics"].items():
            ref = SEED_REFERENCES.get((run["notebook"], metric))
            if ref is None:
                seed = ""
            elif run["stand_in"] or run["dataset"] != ref[1]:
                seed = f"not comparable ({ref[2]}: {100 * ref[0]:.2f}% on {ref[1]})"
            else:
                seed = f"{fmt(metric, ref[0])} ({ref[2]})"
            numbers.append(f"| {run['notebook']} | {dataset} | {metric} | {fmt(metric, value)} | "
                           f"{seed} |")
        about.append(f"| {run['notebook']} | {run['device']} | {run['wall_time_s'] / 60:.1f} min | "
                     f"{run['date']} | {run.get('notes', '')} |")
    return "\n".join(numbers) + "\n\nRuns:\n\n" + "\n".join(about) + "\n"


def runtimes_table() -> str:
    """Wall time of every notebook per recorded profile (from its ``setup()`` to its ``record()``
    call, so kernel start-up is not included), from the runs themselves."""
    runs = {p: {r["notebook"]: r for r in load_runs(p)} for p in TABLE_PROFILES}
    lines = ["| notebook | " + " | ".join(f"`{p}` wall time" for p in TABLE_PROFILES) + " |",
             "|---|" + "---|" * len(TABLE_PROFILES)]
    for nb in sorted(p.stem for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        cells = []
        for p in TABLE_PROFILES:
            r = runs[p].get(nb)
            cells.append(f"{r['wall_time_s'] / 60:.1f} min ({r['device']}, {r['date']})" if r
                         else "not measured yet")
        lines.append(f"| {nb} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def tables_markdown() -> str:
    parts = [f"### Run times\n\n{runtimes_table()}"]
    for profile in TABLE_PROFILES:
        parts.append(f"### Profile `{profile}`\n\n{table(profile)}")
    if load_runs(JAX_GPU):
        parts.append("### The `full` recipes of 02, 03 and 08 on a GPU (Keras on JAX)\n\n"
                     "`tools/full_on_jax.py` re-runs these notebooks' training recipes with the "
                     "`full` profile's sizes on a GPU machine that has JAX but no TensorFlow: the "
                     "training runs only, not the notebooks (whose `full` wall times are above). "
                     f"\"Wall time\" is the script's, for all its recipes.\n\n{table(JAX_GPU)}")
    return "\n".join(parts)


def rebuild_tables() -> str:
    """Regenerate results/README.md and the headline block of the top-level README."""
    body = tables_markdown()
    write_text(results.RESULTS_DIR / "README.md",
        "# Results\n\nGenerated by `cnn-run` (`helpers/course/run_notebooks.py`) from the JSON "
        "files in this folder; do not edit by hand. Each row is one real run: profile, device and "
        "date are the run's own. Smoke runs are never listed. Stand-in datasets are marked and "
        "never compared with the seeds' numbers.\n\n" + body)
    if README_PATH.exists():
        text = README_PATH.read_text()
        write_text(README_PATH, re.sub(r"(<!-- headline:start -->\n).*?(<!-- headline:end -->)",
                                       lambda m: m.group(1) + headline_table() + m.group(2),
                                       text, flags=re.S))
    return body
