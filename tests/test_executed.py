"""The executed copies in ``results/executed/cpu/``, committed so that the course can be read with
its outputs before anything is installed (``cnn-run --profile cpu`` writes them).

Each notebook has one; its cells are the notebook's, cell for cell (so the outputs cannot drift
from the code or the prose without this failing); no cell errored or was left unexecuted; the
solutions' outputs stay collapsed; it is small enough to live in git; and it comes from the same
run as the notebook's ``results/cpu/*.json``."""
import re

import nbformat
import pytest

from helpers import results
from helpers.course.run_notebooks import cells_changed
from helpers.paths import NOTEBOOK_DIR, REPO_ROOT

EXECUTED = REPO_ROOT / "results" / "executed" / "cpu"
MAX_BYTES = 1_500_000           # per copy
MAX_TOTAL_BYTES = 15_000_000    # all copies together
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def copy_of(path):
    copy = EXECUTED / path.name
    assert copy.exists(), (f"{path.stem} has no executed copy: run `cnn-run --profile cpu "
                           f"{path.stem[:2]}` and commit results/executed/cpu/{path.name}")
    return nbformat.read(copy, as_version=4)


def record_cell(nb):
    """The code cell that records the notebook's results (helpers.results.record)."""
    return next(c for c in nb.cells if c.cell_type == "code"
                and "helpers.results.record(" in c.source)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_copy_has_the_notebooks_cells(path):
    nb, done = nbformat.read(path, as_version=4), copy_of(path)
    try:
        changed = cells_changed(nb, done)
    except ValueError as err:
        pytest.fail(f"{path.stem}: {err}: re-run it")
    assert not changed, (f"{path.stem}: cells {changed} changed since the copy was executed: "
                         f"re-run it (`cnn-run --profile cpu {path.stem[:2]}`), or for prose "
                         f"only `cnn-run --markdown-only {path.stem[:2]}`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_copy_ran_every_cell_without_error(path):
    done = copy_of(path)
    code = [c for c in done.cells if c.cell_type == "code"]
    errors = [i for i, c in enumerate(code) if any(o.output_type == "error" for o in c.outputs)]
    assert not errors, f"{path.stem}: code cells {errors} raised an error"
    unexecuted = [i for i, c in enumerate(code) if c.execution_count is None]
    assert not unexecuted, f"{path.stem}: code cells {unexecuted} never ran"
    hidden = [c for c in code if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert all(c.metadata["jupyter"].get("outputs_hidden") for c in hidden), \
        f"{path.stem}: a solution's outputs are not collapsed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_copy_comes_from_the_run_of_its_results(path):
    """The recorded results and the copy's outputs are one run: the cell that records them ran
    on the results' date, in the profile the results name."""
    run = results.load("cpu", path.stem)
    executed_at = record_cell(copy_of(path)).metadata["execution"]["iopub.execute_input"]
    assert run["profile"] == "cpu" and executed_at[:10] == run["date"], \
        f"{path.stem}: copy executed {executed_at[:10]}, results recorded {run['date']}"


def test_copies_are_small_enough_for_git():
    sizes = {p.name: p.stat().st_size for p in sorted(EXECUTED.glob("*.ipynb"))}
    big = {name: f"{size / 1e6:.2f} MB" for name, size in sizes.items() if size > MAX_BYTES}
    assert not big, f"over {MAX_BYTES / 1e6} MB: {big} (helpers.course.compact)"
    assert sum(sizes.values()) <= MAX_TOTAL_BYTES
    assert set(sizes) == {p.name for p in NOTEBOOKS}, "a copy without its notebook, or missing"


def test_readme_links_every_copy():
    readme = (REPO_ROOT / "README.md").read_text()
    missing = [p.name for p in NOTEBOOKS if f"(results/executed/cpu/{p.name})" not in readme]
    assert not missing, f"README's notebook table does not link the executed copies {missing}"


# What a reader of an executed copy (on GitHub, on the site) must not see in its outputs: a tqdm
# widget's text fallback, a pandas Styler's repr, LiteRT's converter and delegate chatter, or the
# recording machine's absolute folders.
NOISE = {
    "a progress-bar widget's text fallback": re.compile(r"\b0%\|"),
    "a Styler repr": re.compile(r"<pandas\.io\.formats\.style\.Styler"),
    "LiteRT stderr chatter": re.compile(r"fully_quantize|inference_type|XNNPACK delegate"),
    "an absolute path": re.compile(r"(?<![\w.~])/(?:home|root|work|tmp|Users|opt|usr|var|mnt)/"
                                   r"|\b[A-Z]:\\\\"),
}


def output_texts(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            yield out.get("text", "")
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                yield value if isinstance(value, str) else "".join(value)
        if out.get("output_type") == "error":
            yield "\n".join(out.get("traceback", []))


def noise_in(nb) -> list[str]:
    return [f"cell [{i}]: {what}: {m.group(0)!r}"
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for text in output_texts(cell) for what, pattern in NOISE.items()
            for m in [pattern.search(text)] if m]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_copy_outputs_are_clean(path):
    found = noise_in(copy_of(path))
    assert not found, f"{path.stem}: " + "; ".join(found[:5])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_setup_banner_fits_80_columns(path):
    """The first output a reader sees does not scroll sideways on GitHub or on the site."""
    setup = next(c for c in copy_of(path).cells if c.cell_type == "code"
                 and "helpers.setup(" in c.source)
    banner = re.compile(r"^(notebook|profile|device|versions|data dir|weights|seed|started)"
                        r" *: |^ {11}\S")
    long = [line for text in output_texts(setup) for line in text.splitlines()
            if banner.match(line) and len(line) > 80]
    assert not long, f"{path.stem}: {long[:2]}"


def test_output_noise_check_can_fail():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    for text in (" 0%|          | 0/45 [00:00<?, ?epoch/s]",
                 "<pandas.io.formats.style.Styler at 0x7f00>",
                 "fully_quantize: 0, inference_type: 6, input_inference_type: UINT8",
                 "data dir : /work/main/data   (set CNN_DATA_DIR to change)"):
        nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        assert noise_in(nb), text
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                  text="data dir : data  100%|####| 45/45")]
    assert not noise_in(nb)
