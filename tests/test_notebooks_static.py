"""Checks on the committed notebooks themselves (nbval executes them separately)."""
import re

import nbformat
import pytest

from helpers.course.run_notebooks import NOTEBOOK_DIR, find_warnings

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
# Old or warning-prone APIs that must not appear in executed code.
FORBIDDEN_CODE = [r"ImageDataGenerator\(", r"input_shape\s*=\s*\(32", r"cm\.get_cmap",
                  r"flow_from_directory", r"(?<!\.weights)\.h5['\"]", r"warnings\.filterwarnings"]


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:2] == ["00", "01"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean_and_generic(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec == {"display_name": "Python 3", "language": "python",
                                      "name": "python3"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
            for pattern in FORBIDDEN_CODE:
                assert not re.search(pattern, cell.source), (pattern, cell.source[:80])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_follows_the_course_template(path):
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert nb.cells[0].source.startswith(f"# {path.stem[:2]} ·")
    assert "**Learning objectives**" in md
    header = [line for line in nb.cells[0].source.splitlines() if "run time" in line.lower()]
    assert len(header) == 1 and RUN_TIME.match(header[0]), header
    assert f'helpers.setup("{path.stem}")' in "\n".join(code[:2])
    assert "## Recap" in md
    exercises = md.split("## Exercises", 1)[1].split("## Solutions", 1)[0]
    assert len(re.findall(r"^\d+\. ", exercises, re.M)) >= 3
    assert "## Solutions" in md
    assert "helpers.results.record(" in "\n".join(code)
    if path != NOTEBOOKS[-1]:
        assert "**Next:**" in md


def test_warning_detector_flags_warnings_only():
    quiet = [{"output_type": "stream", "name": "stdout", "text": "10/10 - 1s - loss: 0.5\n"},
             {"output_type": "stream", "name": "stdout", "text": "we discuss warnings here"},
             {"output_type": "stream", "name": "stderr", "text": "scanning: 100%|####| 3/3"}]
    assert find_warnings(quiet) == []
    noisy = [{"output_type": "stream", "name": "stderr",
              "text": "/x.py:3: UserWarning: Do not pass an `input_shape`"},
             {"output_type": "stream", "name": "stderr", "text": "W0000 00:00 cuda_blas.cc] x"},
             {"output_type": "stream", "name": "stdout",
              "text": "ok\nWARNING:tensorflow:5 out of the last 5 calls triggered retracing"}]
    assert len(find_warnings(noisy)) == 3


# --------------------------------------------------------------------------- course conventions
# (issue 8 item 7 and the style section of ../shared/COURSE.md)

# The one absolute time of a lesson: its run time on a 2-core laptop, one line in the title cell.
RUN_TIME = re.compile(r"^\*\*Run time\*\* on a 2-core laptop: "
                      r"`cpu` (about [\d.–-]+ min|under a minute)"
                      r"( · `smoke` [^·]+)?( · `full` [^·]+)?\.?$")
PROFILE_USE = re.compile(r"\bP\.([a-z_]+)\b")
MAX_CODE_LINE_CHARS = 80
MAX_CODE_LINES = 25


def setup_index(nb) -> int:
    return next(i for i, c in enumerate(nb.cells)
                if c.cell_type == "code" and "helpers.setup(" in c.source)


def solutions_index(nb) -> int:
    return next(i for i, c in enumerate(nb.cells)
                if c.cell_type == "markdown" and re.search(r"^## Solutions", c.source, re.M))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_configurable_parameters_cell_follows_setup(path):
    nb = nbformat.read(path, as_version=4)
    cell = nb.cells[setup_index(nb) + 1]
    assert cell.cell_type == "code" and cell.source.startswith("# Configurable parameters"), \
        cell.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_read_only_shared_profile_fields(path):
    """A notebook's own sizes live in its parameter cell (``P.pick(smoke=…, cpu=…, full=…)``);
    ``Profile`` holds only what several notebooks share, so every ``P.x`` must exist there."""
    import dataclasses

    from helpers.profile import Profile
    known = {f.name for f in dataclasses.fields(Profile)} | {"pick", "table", "animals_cap"}
    nb = nbformat.read(path, as_version=4)
    used = {m.group(1) for c in nb.cells if c.cell_type == "code"
            for m in PROFILE_USE.finditer(c.source)}
    assert used <= known, f"not in Profile: {sorted(used - known)}"


def test_profile_picks_one_value_per_profile():
    from helpers.profile import PROFILES
    assert [PROFILES[n].pick(smoke=1, cpu=4, full=15) for n in ("smoke", "cpu", "full")] == \
        [1, 4, 15]
    with pytest.raises(TypeError):
        PROFILES["cpu"].pick(smoke=1, cpu=4)            # all three, always


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_lines_fit_80_columns(path):
    """Code scrolls sideways on GitHub and on the site past about 80 characters."""
    nb = nbformat.read(path, as_version=4)
    long = [line for c in nb.cells if c.cell_type == "code"
            for line in c.source.splitlines() if len(line) > MAX_CODE_LINE_CHARS]
    assert not long, f"{len(long)} code lines over {MAX_CODE_LINE_CHARS} characters: {long[:3]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            n = len(cell.source.rstrip().splitlines())
            assert n <= MAX_CODE_LINES, f"{n} lines: {cell.source[:80]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exactly_one_measured_experiment(path):
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    exercises = md.split("## Exercises", 1)[1].split("## Solutions", 1)[0]
    assert exercises.count("**Measured experiment (target:") == 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_measured_experiment_records_its_answer(path):
    """The measured experiment's solution records its answer (``helpers.results.add`` with an
    ``exercise_<N>_…`` key) and the prose states what to expect of it (an expect comment)."""
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    exercises = md.split("## Exercises", 1)[1].split("## Solutions", 1)[0]
    number = re.search(r"^(\d+)\. \*\*Measured experiment \(target:", exercises, re.M)[1]
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    recorded = set(re.findall(rf'"(exercise_{number}_\w+)"', code))
    expected = set(re.findall(rf"<!-- expect cpu {path.stem} (exercise_{number}_\w+) ", md))
    assert "helpers.results.add(" in code and recorded, f"exercise {number} records nothing"
    assert recorded <= expected, f"no expect for {sorted(recorded - expected)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_solutions_are_collapsed_at_the_end(path):
    nb = nbformat.read(path, as_version=4)
    after = nb.cells[solutions_index(nb) + 1:]
    if after and after[-1].cell_type == "markdown" and "**Next:**" in after[-1].source:
        assert not after[-1].metadata.get("jupyter", {}).get("source_hidden"), "Next is hidden"
        after = after[:-1]
    assert after, "no solutions after the ## Solutions heading"
    for cell in after:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_strategy_scope_in_notebooks(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "strategy.scope()" not in cell.source, cell.source[:80]


def test_runner_provisions_kernel_encryption():
    """The runner asks for CurveZMQ keys, so ipykernel has no reason to warn that the kernel
    "is running over TCP without encryption" (it did, once per notebook)."""
    import zmq
    from jupyter_client.manager import KernelManager

    from helpers.course.run_notebooks import kernel_manager_config

    km = KernelManager(kernel_name="python3", config=kernel_manager_config())
    assert km.transport_encryption == ("auto" if zmq.has("curve") else "disabled")
    if zmq.has("curve"):                  # the kernelspec's public metadata declares curve
        declared = (km.kernel_spec.metadata or {}).get("supported_encryption") or []
        declared = [declared] if isinstance(declared, str) else declared
        assert "curve" in {str(d).strip().lower() for d in declared}, "kernelspec lacks curve"


HELPER_NAME = re.compile(r"(?<![\w.])helpers((?:\.[A-Za-z_]\w*)+)")


def resolve_helper(dotted: str) -> bool:
    """Whether ``helpers.<dotted>`` names something a notebook reaches after ``import helpers``:
    attribute by attribute, as the cell does (each package loads its modules on first use)."""
    import importlib

    obj = importlib.import_module("helpers")
    for part in dotted.strip(".").split("."):
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return True


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_helper_a_notebook_names_exists(path):
    """After a helper moves (issue "Helpers by audience"), no cell or sentence points at its old
    place: every ``helpers.x.y`` in code and prose resolves."""
    nb = nbformat.read(path, as_version=4)
    named = {m.group(1) for c in nb.cells for m in HELPER_NAME.finditer(c.source)}
    missing = sorted(n for n in named if not resolve_helper(n))
    assert not missing, [f"helpers{n}" for n in missing]


def test_helper_name_check_can_fail():
    assert resolve_helper(".deploy.app.create_app") and resolve_helper(".data.load_cifar10")
    assert not resolve_helper(".serve.create_app") and not resolve_helper(".images.array_dataset")
