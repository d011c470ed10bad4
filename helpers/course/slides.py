"""Slides from the notebooks: a reveal.js deck per notebook, built from its executed copy, with
the instructor notes of TEACHING.md as speaker notes. It opens offline.

    cnn-slides            # every notebook: build/slides/NN_name.slides.html
    cnn-slides 02 13      # some of them
    cnn-slides --mark     # (authors) give every cell without one a slide type, sync the notes

Each cell's ``metadata.slideshow.slide_type`` (the field JupyterLab's RISE and nbconvert read)
says where it goes: ``slide``, ``subslide``, ``fragment``, ``-`` (continue), ``skip`` or
``notes``. ``--mark`` fills in the cells that have none by the rules of ``slide_type`` (a
``## `` heading opens a slide, a step after code a sub-slide, more prose a fragment, the install
cell and the solutions are skipped); an author's own choice in a cell is kept. The deck takes its outputs from the
executed ``cpu`` copy, leaves the solutions out whatever their metadata says, and loads reveal.js
and MathJax from ``build/slides/assets/``, unpacked from the npm registry's tarballs (checked
against their pinned SHA-512) the first time and cached in the data folder.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import re
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

from ..atomic import atomic_path
from ..paths import NOTEBOOK_DIR, REPO_ROOT, data_dir
from .links import INSTALL_START

TEMPLATES = Path(__file__).with_name("slides_template")
OUT = REPO_ROOT / "build" / "slides"
# npm package -> (version, the registry's integrity field, the files the decks need)
ASSETS = {
    "reveal.js": ("5.2.1", "sha512-r7//6mIM5p34hFiDMvYfXgyjXqGRta+/psd9YtytsgRlrpRzFv4RbH76TXd2"
                           "qD+7ZPZEbpBDhdRhJaFgfQ7zNQ==",
                  ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css",
                   "dist/theme/fonts/source-sans-pro/", "plugin/notes/notes.js", "LICENSE")),
    "mathjax": ("3.2.2", "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FE"
                         "sPsjKPZGJvtRZM1vO+geW0OhGw==",
                ("es5/tex-svg.js", "LICENSE")),
}
# a notebook's two notes cells (their ids) and the parts of its TEACHING.md section each holds
NOTES = {"notes-open": ("**The number to look at:**", "**The seed:**"),
         "notes-close": ("**Key points**", "**Where students get stuck**", "**Discussion**")}
NOTES_TITLE = "**For the instructor.** "
SOLUTIONS = "## Solutions"
LINK = re.compile(r"\((\d\d_\w+)\.ipynb\)")    # a link to another notebook: to its deck


# --- the slide types -----------------------------------------------------------------------

def is_solution(cell) -> bool:
    return bool(cell.metadata.get("jupyter", {}).get("source_hidden")) \
        or cell.source.startswith(SOLUTIONS)


def on_slides(cell) -> bool:
    """Whether the course shows ``cell`` on a slide: not a notes cell, the install cell or a
    solution."""
    return not (cell.get("id") in NOTES or cell.source.startswith(INSTALL_START)
                or is_solution(cell))


def slide_type(cells, i: int) -> str:
    """The slide type the course gives cell ``i`` when its author chose none."""
    cell = cells[i]
    if not on_slides(cell):
        return "notes" if cell.get("id") in NOTES else "skip"
    if i == 0 or cell.cell_type == "markdown" and cell.source.startswith(("# ", "## ")):
        return "slide"
    shown = [c for c in cells[:i] if on_slides(c)]
    previous = shown[-1] if shown else None
    if previous is None or previous.cell_type == "code" or cell.cell_type == "code" and not any(
            c.cell_type == "code" for c in shown):
        return "subslide"          # a step after code, code after code, and the setup cell
    if cell.cell_type == "markdown" and i > 1:     # not the objectives under the title
        return "fragment"          # more prose on the same slide: one click at a time
    return "-"                      # the code the prose introduces, on the same slide


def mark(nb) -> int:
    """Give every cell without a slide type the course's; return how many cells changed."""
    changed = 0
    for i, cell in enumerate(nb.cells):
        show = cell.metadata.setdefault("slideshow", {})
        if "slide_type" not in show:
            show["slide_type"] = slide_type(nb.cells, i)
            changed += 1
    return changed


# --- speaker notes from TEACHING.md -------------------------------------------------------

def teaching_notes(stem: str, teaching: Path = REPO_ROOT / "TEACHING.md") -> dict[str, str]:
    """The two notes cells of notebook ``stem``, from its section of TEACHING.md: the opening one
    (the number to look at, the seed) and the closing one (key points, where students get stuck,
    discussion). The opening one is read before the questions, so it holds nothing they ask.
    KeyError if TEACHING.md has no section for the notebook, or the section lacks a part."""
    text = teaching.read_text(encoding="utf-8")
    match = re.search(rf"^### {stem[:2]} · .*?\n(.*?)(?=^### |^## |\Z)", text, re.M | re.S)
    if not match:
        raise KeyError(f"TEACHING.md has no section '### {stem[:2]} · ...'")
    body = match.group(1)
    starts = sorted((body.find(part), part) for parts in NOTES.values() for part in parts)
    missing = [part for at, part in starts if at < 0]
    if missing:
        raise KeyError(f"TEACHING.md's section for {stem[:2]} has no {missing}")
    ends = [at for at, _ in starts[1:]] + [len(body)]
    found = {part: body[at:end].strip() for (at, part), end in zip(starts, ends)}
    return {cid: NOTES_TITLE + "\n\n".join(found[part] for part in parts)
            for cid, parts in NOTES.items()}


def sync_notes(nb, stem: str) -> int:
    """Put TEACHING.md's notes in the notebook's two notes cells, the opening one after the
    learning objectives and the closing one just before the recap (moving or adding them);
    return how many changed. Works on an executed copy too: the cells are markdown."""
    import nbformat

    notes = teaching_notes(stem)
    old = {c.get("id"): c.source for c in nb.cells if c.get("id") in NOTES}
    before = [c.get("id") for c in nb.cells]
    nb.cells = [c for c in nb.cells if c.get("id") not in NOTES]
    objectives = next((i for i, c in enumerate(nb.cells)
                       if c.source.startswith("**Learning objectives**")), 0)
    recap = next((i for i, c in enumerate(nb.cells) if c.source.startswith("## Recap")), None)
    if recap is None:
        raise KeyError(f"{stem} has no '## Recap' cell for its closing notes")
    for cid, at in (("notes-close", recap), ("notes-open", objectives + 1)):
        cell = nbformat.v4.new_markdown_cell(notes[cid], id=cid)
        cell.metadata["slideshow"] = {"slide_type": "notes"}
        nb.cells.insert(at, cell)
    moved = [c.get("id") for c in nb.cells] != before
    return sum(old.get(cid) != text for cid, text in notes.items()) or int(moved)


# --- the assets ----------------------------------------------------------------------------

def _tarball(name: str) -> bytes:
    version, integrity, _ = ASSETS[name]
    cache = data_dir() / "npm" / f"{name}-{version}.tgz"
    if cache.exists():
        blob = cache.read_bytes()
    else:
        url = f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                blob = response.read()
        except OSError as err:
            raise RuntimeError(
                f"cannot download {url} ({err}): the decks need reveal.js and MathJax once; "
                f"on a machine online, copy {cache.name} into {cache.parent}") from None
    algorithm, _, expected = integrity.partition("-")
    if base64.b64encode(hashlib.new(algorithm, blob).digest()).decode() != expected:
        raise RuntimeError(f"{name}-{version}.tgz does not match its pinned {algorithm}: "
                           f"delete {cache} and build again")
    if not cache.exists():
        with atomic_path(cache) as tmp:
            tmp.write_bytes(blob)
    return blob


def assets(out: Path) -> Path:
    """Unpack the files the decks load into ``out/assets/`` (once); return that folder."""
    folder = out / "assets"
    for name, (version, _, keep) in ASSETS.items():
        stamp = folder / name / f".version-{version}"
        if stamp.exists():
            continue
        shutil.rmtree(folder / name, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(_tarball(name)), mode="r:gz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and any(
                m.name == f"package/{k}" or k.endswith("/") and m.name.startswith(f"package/{k}")
                for k in keep)]
            for m in members:
                m.name = m.name.removeprefix("package/")
            safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # 3.11.4+
            tar.extractall(folder / name, members=members, **safe)
        stamp.touch()
    return folder


# --- the decks -----------------------------------------------------------------------------

def deck_notebook(source: Path, executed: Path):
    """The notebook a deck shows: the source's prose and slide types with the executed copy's
    outputs, without the skipped cells, the solutions and the badges (images from the web)."""
    import nbformat

    nb, done = nbformat.read(source, as_version=4), nbformat.read(executed, as_version=4)
    if [(c.cell_type, c.get("id")) for c in nb.cells] != [
            (c.cell_type, c.get("id")) for c in done.cells]:
        raise ValueError(f"{executed} is not a run of {source.name}: re-run it")
    kept = []
    for cell, ran in zip(nb.cells, done.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "skip" or is_solution(cell):
            continue
        ran.metadata["slideshow"] = {"slide_type": kind}
        if ran.cell_type == "markdown":
            text = cell.source.split(f"\n{SOLUTIONS}")[0]    # a heading after the exercises
            ran.source = LINK.sub(r"(\1.slides.html)", "\n".join(
                line for line in text.splitlines() if not line.startswith("[![Open in")))
        kept.append(ran)
    done.cells = kept
    done.metadata.pop("widgets", None)      # widget state would load its scripts from a CDN
    return done


def build(stem: str, out: Path = OUT, profile: str = "cpu", notebooks: Path = NOTEBOOK_DIR,
          executed: Path | None = None) -> Path:
    """Build the deck of notebook ``stem`` (in ``notebooks``, its executed copy in ``executed``,
    by default ``results/executed/<profile>/``) into ``out``; return its path."""
    from nbconvert import SlidesExporter

    source = notebooks / f"{stem}.ipynb"
    executed = (executed or REPO_ROOT / "results" / "executed" / profile) / f"{stem}.ipynb"
    if not executed.exists():
        raise FileNotFoundError(f"no executed copy {executed}: run `cnn-run --profile {profile} "
                                f"{stem[:2]}` first")
    assets(out)
    exporter = SlidesExporter(template_name="cnn-slides", extra_template_basedirs=[str(TEMPLATES)],
                              reveal_url_prefix="assets/reveal.js", reveal_theme="white",
                              exclude_input_prompt=True, exclude_output_prompt=True)
    html, _ = exporter.from_notebook_node(deck_notebook(source, executed))
    path = out / f"{stem}.slides.html"
    with atomic_path(path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return path


def stems(selection=()) -> list[str]:
    """The notebooks named by number (``02``) or stem in ``selection``; all when it is empty."""
    every = [p.stem for p in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))]
    chosen = [s for s in every if not selection or s[:2] in selection or s in selection]
    unknown = set(selection) - {s[:2] for s in chosen} - set(chosen)
    if unknown:
        raise SystemExit(f"no notebook {sorted(unknown)}; there are {[s[:2] for s in every]}")
    return chosen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cnn-slides", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="numbers such as 02 13 (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--profile", default="cpu", choices=["smoke", "cpu", "full"],
                        help="whose executed copies (results/executed/PROFILE/)")
    parser.add_argument("--mark", action="store_true",
                        help="write slide types and the instructor notes into the notebooks")
    args = parser.parse_args(argv)
    if args.mark:
        import nbformat
        for stem in stems(args.notebooks):
            path = NOTEBOOK_DIR / f"{stem}.ipynb"
            nb = nbformat.read(path, as_version=4)
            changed = sync_notes(nb, stem) + mark(nb)
            if changed:
                with atomic_path(path) as tmp:
                    nbformat.write(nb, tmp)
            print(f"{stem}: {changed} cells changed")
        return 0
    try:
        for stem in stems(args.notebooks):
            print(f"{build(stem, args.out, args.profile)}")
    except (FileNotFoundError, ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print("open a deck in a browser; press S for the speaker notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
