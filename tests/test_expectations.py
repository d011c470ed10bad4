"""The numbers the notebooks' prose tells a student to expect, checked against the recorded runs.

A markdown cell that states a number carries its range in an HTML comment, one per line,
invisible in Jupyter and on the site:

    <!-- expect PROFILE NOTEBOOK_STEM KEY LOW HIGH -->
    <!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->

KEY is a key of ``"metrics"`` in ``results/PROFILE/NOTEBOOK_STEM.json``, or its top-level
``wall_time_s`` (seconds); LOW and HIGH are plain numbers in the JSON's units (fractions for
accuracies). The tests below fail when a comment is malformed, when a recorded value leaves its
range or its key is missing, when a notebook states no ``cpu`` expectation for its own results,
and when the ``cpu`` results file an expectation names is missing. Comments for a profile whose
results file does not exist (``full`` before anyone has run it) are skipped, saying so.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from helpers import profile, results
from helpers.course import tables
from helpers.paths import NOTEBOOK_DIR

WALL_TIME = "wall_time_s"
PROFILE_NAMES = frozenset(profile.PROFILES) | {tables.JAX_GPU}
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
# Anything that starts like an expectation; each one must then match EXPECT exactly.
_OPENING = re.compile(r"<!--\s*expect\b", re.I)
EXPECT = re.compile(rf"<!-- expect[ \t]+(?P<profile>[a-z][a-z0-9-]*)[ \t]+"
                    rf"(?P<stem>\d\d_[a-z0-9_]+)[ \t]+(?P<key>[A-Za-z0-9_]+)[ \t]+"
                    rf"(?P<low>{_NUMBER})[ \t]+(?P<high>{_NUMBER})[ \t]*-->")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Expectation:
    notebook: str        # the notebook whose prose states it
    cell: int            # 0-based index into its cells
    profile: str
    stem: str            # the results file: results/<profile>/<stem>.json
    key: str
    low: float
    high: float

    @property
    def id(self) -> str:
        return f"{self.notebook}[{self.cell}]:{self.profile}/{self.stem}/{self.key}"


def parse_cell(source: str, notebook: str, cell: int) -> tuple[list[Expectation], list[str]]:
    """The expectations in one markdown cell's text, and one error per malformed comment."""
    found, errors = [], []
    for number, line in enumerate(source.splitlines(), 1):
        openings = _OPENING.findall(line)
        if not openings:
            continue
        where = f"{notebook} cell [{cell}] line {number}"
        if len(openings) > 1:
            errors.append(f"{where}: {len(openings)} expect comments on one line (one per line): "
                          f"{line.strip()!r}")
            continue
        m = EXPECT.search(line)
        if m is None:
            errors.append(f"{where}: malformed expect comment {line.strip()!r}; the form is "
                          f"'<!-- expect PROFILE NOTEBOOK_STEM KEY LOW HIGH -->', on one line")
            continue
        low, high = float(m["low"]), float(m["high"])
        if m["profile"] not in PROFILE_NAMES:
            errors.append(f"{where}: unknown profile {m['profile']!r} "
                          f"(one of {', '.join(sorted(PROFILE_NAMES))})")
        elif not (math.isfinite(low) and math.isfinite(high)) or low > high:
            errors.append(f"{where}: LOW {m['low']} must not be above HIGH {m['high']}")
        else:
            found.append(Expectation(notebook, cell, m["profile"], m["stem"], m["key"], low, high))
    if found and not _COMMENT.sub("", source).strip():
        errors.append(f"{notebook} cell [{cell}]: expect comments without the prose they belong "
                      f"to; put them in the markdown cell that states the numbers")
    return found, errors


def parse_notebook(path: Path, notebooks: set[str] | None = None
                   ) -> tuple[list[Expectation], list[str]]:
    """Every expectation in a notebook's markdown cells, and every problem with them. ``notebooks``
    (the stems that exist) checks that each comment names a real notebook's results."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:            # a notebook half-written by an editor: report, don't crash
        return [], [f"{path.name}: cannot be read ({type(err).__name__}: {err})"]
    found, errors = [], []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            if _OPENING.search(cell.source):
                errors.append(f"{path.stem} cell [{i}]: an expect comment in a {cell.cell_type} "
                              f"cell; it belongs in the markdown cell that states the number")
            continue
        ok, bad = parse_cell(cell.source, path.stem, i)
        found += ok
        errors += bad
    if notebooks is not None:
        errors += [f"{e.notebook} cell [{e.cell}]: no notebook named {e.stem!r}"
                   for e in found if e.stem not in notebooks]
    return found, errors


def check(expectation: Expectation, run: dict) -> None:
    """Fail, naming the value and the range, unless the recorded run keeps the expectation."""
    e = expectation
    where = f"{e.notebook} cell [{e.cell}]: results/{e.profile}/{e.stem}.json"
    if e.key == WALL_TIME:
        value = run.get(WALL_TIME)
    else:
        value = run.get("metrics", {}).get(e.key)
    if value is None:
        known = sorted(run.get("metrics", {})) + [WALL_TIME]
        raise AssertionError(f"{where} has no key {e.key!r} (keys: {', '.join(known)})")
    assert e.low <= value <= e.high, (
        f"{where}: {e.key} = {value:g} is outside the expected range [{e.low:g}, {e.high:g}] "
        f"(run of {run.get('date', '?')}); fix the prose and its range, or the code")


# ---- the committed notebooks -------------------------------------------------------------------

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
STEMS = {p.stem for p in NOTEBOOKS}
PARSED = {p.stem: parse_notebook(p, STEMS) for p in NOTEBOOKS}
EXPECTATIONS = [e for found, _ in PARSED.values() for e in found]
CPU_STEMS = sorted({e.stem for e in EXPECTATIONS if e.profile == "cpu" and e.stem in STEMS})


@pytest.mark.parametrize("stem", sorted(PARSED))
def test_expect_comments_parse(stem):
    errors = PARSED[stem][1]
    assert not errors, "\n".join(errors)


# Results recorded by an older version of a notebook, whose re-run on the current code has not
# been recorded yet: (profile, stem) -> (date of that old run, why). Only that old run is exempt:
# an expectation it misses is reported as an expected failure, with the reason; as soon as a new
# run is recorded (another date), the exemption lapses and every range is checked again.
STALE: dict = {}      # none now: every notebook's cpu results come from its committed code


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.id)
def test_recorded_value_is_in_its_range(expectation):
    run = results.load(expectation.profile, expectation.stem)
    if run is None:
        pytest.skip(f"no results/{expectation.profile}/{expectation.stem}.json recorded yet")
    stale = STALE.get((expectation.profile, expectation.stem))
    if stale and run.get("date") == stale[0]:
        try:
            check(expectation, run)
        except AssertionError as err:
            pytest.xfail(f"stale results ({stale[1]}): {err}")
    else:
        check(expectation, run)


def test_stale_exemptions_name_a_recorded_run():
    """An exemption for a run that is no longer the recorded one is dead: remove it."""
    for (profile_name, stem), (date, _) in STALE.items():
        run = results.load(profile_name, stem)
        assert run is not None and run.get("date") == date, (profile_name, stem)


@pytest.mark.parametrize("stem", sorted(PARSED))
def test_every_notebook_states_cpu_expectations(stem):
    own = [e for e in PARSED[stem][0] if e.profile == "cpu" and e.stem == stem]
    assert own, (f"{stem}: no '<!-- expect cpu {stem} KEY LOW HIGH -->' comment for its "
                 f"headline numbers (keys of results/cpu/{stem}.json)")


@pytest.mark.parametrize("stem", CPU_STEMS)
def test_cpu_results_exist_for_every_cpu_expectation(stem):
    path = results.RESULTS_DIR / "cpu" / f"{stem}.json"
    assert path.exists(), (f"cpu expectations name {stem} but results/cpu/{stem}.json is "
                           f"missing: run `cnn-run --profile cpu {stem}`")


# ---- the parser and the check, on made-up text -------------------------------------------------

PROSE = """Expect about 74%, a point or two either way from seed to seed.
<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->
<!-- expect cpu 02_cifar10_first_cnn wall_time_s 170 390 -->
The whole notebook takes about 5 minutes.
"""


def test_parser_reads_each_field():
    found, errors = parse_cell(PROSE, "02_cifar10_first_cnn", 7)
    assert errors == []
    assert found == [
        Expectation("02_cifar10_first_cnn", 7, "cpu", "02_cifar10_first_cnn", "test_accuracy",
                    0.72, 0.77),
        Expectation("02_cifar10_first_cnn", 7, "cpu", "02_cifar10_first_cnn", WALL_TIME, 170, 390)]
    assert found[0].id == "02_cifar10_first_cnn[7]:cpu/02_cifar10_first_cnn/test_accuracy"


def test_parser_accepts_a_comment_after_prose_and_ignores_other_comments():
    text = ("About 0.5 points. "
            "<!-- expect full 03_data_augmentation augmentation_gain -0.01 .02 -->\n"
            "<!-- a note for editors --> and <!-- expectations are below -->")
    found, errors = parse_cell(text, "03_data_augmentation", 4)
    assert errors == [] and [(e.profile, e.low, e.high) for e in found] == [("full", -0.01, 0.02)]


@pytest.mark.parametrize("line, why", [
    ("<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 -->", "malformed"),        # no HIGH
    ("<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 0.8 -->", "malformed"),
    ("<!-- expect cpu 02_cifar10_first_cnn test_accuracy 72% 77% -->", "malformed"),
    ("<!-- expect cpu 02_cifar10_first_cnn test_accuracy nan 0.77 -->", "malformed"),
    ("<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77", "malformed"),       # unclosed
    ("<!--expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->", "malformed"),
    ("<!-- Expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->", "malformed"),
    ("<!-- expect cpu 02 test_accuracy 0.72 0.77 -->", "malformed"),                    # no stem
    ("<!-- expect gpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->", "unknown profile"),
    ("<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.77 0.72 -->", "must not be above"),
    ("<!-- expect cpu 02_x a 0 1 --> <!-- expect cpu 02_x b 0 1 -->", "one per line"),
])
def test_parser_rejects_malformed_comments_naming_the_cell(line, why):
    found, errors = parse_cell(f"Some prose.\n{line}\n", "02_cifar10_first_cnn", 13)
    assert found == [] and len(errors) == 1
    assert errors[0].startswith("02_cifar10_first_cnn cell [13] line 2: ") and why in errors[0]


def test_parser_rejects_a_comment_split_over_lines():
    found, errors = parse_cell("Prose.\n<!-- expect cpu 02_cifar10_first_cnn\n"
                               "test_accuracy 0.72 0.77 -->", "02_cifar10_first_cnn", 3)
    assert found == [] and len(errors) == 1 and "cell [3] line 2" in errors[0]


def test_parser_wants_the_comment_beside_its_prose():
    _, errors = parse_cell("<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->\n",
                           "02_cifar10_first_cnn", 5)
    assert len(errors) == 1 and "without the prose" in errors[0]


def test_notebook_parser_names_cells_and_unknown_notebooks(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 02 · title"),
        nbformat.v4.new_markdown_cell(
            "About 74%.\n<!-- expect cpu 02_cifar10_first_cnn test_accuracy 0.72 0.77 -->\n"
            "<!-- expect cpu 99_no_such_notebook test_accuracy 0 1 -->"),
        nbformat.v4.new_code_cell("# <!-- expect cpu 02_cifar10_first_cnn params 1 2 -->"),
        nbformat.v4.new_markdown_cell("Broken: <!-- expect cpu 02_cifar10_first_cnn train_s -->"),
    ])
    path = tmp_path / "02_cifar10_first_cnn.ipynb"
    nbformat.write(nb, path)
    found, errors = parse_notebook(path, {"02_cifar10_first_cnn"})
    assert [(e.cell, e.stem) for e in found] == [(1, "02_cifar10_first_cnn"),
                                                 (1, "99_no_such_notebook")]
    assert len(errors) == 3
    assert "cell [2]: an expect comment in a code cell" in errors[0]
    assert errors[1].startswith("02_cifar10_first_cnn cell [3] line 1: malformed")
    assert "cell [1]: no notebook named '99_no_such_notebook'" in errors[2]
    path.write_text('{"cells": [')                                    # half-written by an editor
    assert parse_notebook(path)[1][0].startswith("02_cifar10_first_cnn.ipynb: cannot be read")


def _run(tmp_path, metrics, wall_time_s=279.2):
    folder = tmp_path / "cpu"
    folder.mkdir(exist_ok=True)
    (folder / "02_cifar10_first_cnn.json").write_text(json.dumps(
        {"metrics": metrics, "wall_time_s": wall_time_s, "date": "2026-11-30"}))
    return results.load("cpu", "02_cifar10_first_cnn", tmp_path)


def _expect(key, low, high):
    return Expectation("02_cifar10_first_cnn", 7, "cpu", "02_cifar10_first_cnn", key, low, high)


def test_check_passes_values_inside_the_range_including_its_ends(tmp_path):
    run = _run(tmp_path, {"test_accuracy": 0.765, "train_s": 218.5})
    check(_expect("test_accuracy", 0.72, 0.77), run)
    check(_expect("test_accuracy", 0.765, 0.765), run)
    check(_expect(WALL_TIME, 170, 390), run)                   # the top-level key
    assert results.load("full", "02_cifar10_first_cnn", tmp_path) is None


def test_check_catches_a_value_out_of_range(tmp_path):
    run = _run(tmp_path, {"test_accuracy": 0.765})
    with pytest.raises(AssertionError, match=r"test_accuracy = 0\.765 is outside the expected "
                                             r"range \[0\.72, 0\.75\] \(run of 2026-11-30\)"):
        check(_expect("test_accuracy", 0.72, 0.75), run)
    with pytest.raises(AssertionError, match=r"wall_time_s = 279\.2 is outside .*\[100, 200\]"):
        check(_expect(WALL_TIME, 100, 200), run)


def test_check_catches_a_missing_key(tmp_path):
    run = _run(tmp_path, {"test_accuracy": 0.765})
    with pytest.raises(AssertionError, match=r"no key 'test_acc' \(keys: test_accuracy, "
                                             r"wall_time_s\)"):
        check(_expect("test_acc", 0, 1), run)
