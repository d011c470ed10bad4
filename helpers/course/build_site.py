"""Build the course as a website from the executed notebooks, so it can be read with every plot
and number before anything is installed:

    cnn-site [--profile cpu]   # build/site/<profile>/index.html from results/executed/<profile>/

The ``cpu`` copies are committed (``cnn-run --profile cpu`` writes them); for another profile, run
``cnn-run --profile PROFILE`` first. Sphinx with ``myst-nb`` (no notebook is executed again) and
``sphinx-book-theme``, offline (but for the decks' reveal.js and MathJax, fetched once from the
npm registry and cached: ``helpers.course.slides``), with Sphinx's warnings as errors. Each page starts with where its
outputs come from (profile, device, date, from the notebook's ``results/<profile>/*.json``) and
says so when a stand-in dataset was used. A "For instructors" page holds TEACHING.md and links
each notebook's reveal.js deck (``cnn-slides``), built into ``slides/`` beside the pages. After
the build, ``check_site`` verifies that every notebook has a page with all of its images, its run
named and any stand-in said, and a deck linked from the instructors' page.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from pathlib import Path

from .. import results
from ..paths import NOTEBOOK_DIR, REPO_ROOT

INSTRUCTORS = "for_instructors"        # the page made from TEACHING.md

CONF = """project = "Image classification with CNNs"
extensions = ["myst_nb"]
nb_execution_mode = "off"              # the outputs come from cnn-run
html_theme = "sphinx_book_theme"
html_title = "Image classification with CNNs ({profile} profile)"
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header", "misc.highlighting_failure"]
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_extra_path = ["_extra"]           # the decks, copied as they are
"""
# The course's code and outputs are at most 80 characters wide: a slightly smaller monospace
# font fits 80 of them in the content column of a 1200-pixel-wide window without scrolling.
CSS = ".bd-article pre { font-size: 0.78rem !important; }\n"


def provenance(stem: str, profile: str) -> str:
    """The banner at the top of a page: which run its outputs come from."""
    run = results.load(profile, stem)
    if run is None:
        return (f"> **Outputs:** profile `{profile}`; this notebook recorded no results in "
                f"`results/{profile}/`.")
    text = (f"> **Outputs:** profile `{run['profile']}`, {run['device']}, {run['date']} "
            f"(`results/{profile}/{stem}.json`).")
    if run.get("stand_in"):
        text += (f" **Stand-in data:** part of this page ran on a stand-in ({run['dataset']}); "
                 "its numbers are not results on the real dataset.")
    return text


def stage(profile: str, executed: Path, src: Path,
          notebook_dir: Path = NOTEBOOK_DIR) -> list[str]:
    """Copy the executed notebooks (with a provenance banner) and write index.md and conf.py into
    ``src``; return the page names."""
    import nbformat

    from . import slides
    from .tables import tables_markdown

    notebooks = sorted(executed.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"No executed notebooks in {executed}: run `"
                                f"cnn-run --profile {profile}` first.")
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(1, nbformat.v4.new_markdown_cell(provenance(path.stem, profile)))
        nbformat.write(nb, src / path.name)
    readme = (REPO_ROOT / "README.md").read_text().split("\n## ", 1)[0]
    pages = [p.stem for p in notebooks]
    (src / "index.md").write_text(
        f"{readme}\n\nThese pages show the notebooks as run in the `{profile}` profile.\n\n"
        "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(pages + [INSTRUCTORS]) + "\n```\n\n"
        f"## Results\n\n{tables_markdown()}")
    decks = [slides.build(stem, src / "_extra" / "slides", profile, notebook_dir, executed)
             for stem in pages]
    links = "\n".join(f'<li><a href="slides/{d.name}">{d.name.split(".")[0]}</a></li>'
                      for d in decks)
    teaching = (REPO_ROOT / "TEACHING.md").read_text(encoding="utf-8")
    shutil.copytree(REPO_ROOT / "docs", src / "docs")        # the screenshots it links
    (src / f"{INSTRUCTORS}.md").write_text(
        teaching.replace("# Teaching with this course", "# For instructors", 1)
        + f"\n\n## Slides\n\nOne deck per notebook, from the `{profile}` run (press S for the "
        f"speaker notes):\n\n<ul>\n{links}\n</ul>\n", encoding="utf-8")
    (src / "conf.py").write_text(CONF.format(profile=profile))
    (src / "_static").mkdir()
    (src / "_static" / "course.css").write_text(CSS)
    return pages


def check_site(out: Path, executed: Path, notebooks: Path = NOTEBOOK_DIR,
               profile: str = "cpu") -> list[str]:
    """Problems found: a notebook of the course (in ``notebooks``) without a page, a page with
    fewer images than its executed notebook has image outputs, a page that does not name the
    run of its outputs (profile and date) or a stand-in that run used, or a notebook whose deck
    the instructors' page does not link."""
    import nbformat

    problems = []
    page = out / f"{INSTRUCTORS}.html"
    instructors = page.read_text(encoding="utf-8") if page.exists() else ""
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        page = out / f"{path.stem}.html"
        if not page.exists():
            problems.append(f"{path.stem}: no page")
            continue
        done = executed / path.name
        nb = nbformat.read(done, as_version=4) if done.exists() else None
        wanted = sum("image/png" in o.get("data", {}) for c in (nb.cells if nb else [])
                     if c.cell_type == "code" for o in c.outputs)
        html = page.read_text()
        shown = html.count("<img ")
        if shown < wanted:
            problems.append(f"{path.stem}: {shown} images on the page, {wanted} in the notebook")
        run = results.load(profile, path.stem)
        named = ["Outputs:", profile] + ([run["date"]] if run else [])
        if run and run.get("stand_in"):
            named.append("Stand-in data")
        problems += [f"{path.stem}: the page does not say {text!r}" for text in named
                     if text not in html]
        deck = f"slides/{path.stem}.slides.html"
        if not (out / deck).exists() or deck not in instructors:
            problems.append(f"{path.stem}: no deck linked from the instructors' page")
    return problems


def build(profile: str = "cpu", executed: Path | None = None, out: Path | None = None,
          notebooks: Path = NOTEBOOK_DIR) -> Path:
    """Build the site; return the folder holding index.html. Raises if the check fails."""
    from sphinx.cmd.build import build_main
    from sphinx.deprecation import RemovedInSphinx11Warning

    executed = executed or REPO_ROOT / "results" / "executed" / profile
    out = out or REPO_ROOT / "build" / "site" / profile
    src = out.parent / f".src-{profile}"
    stage(profile, executed, src, notebooks)
    with warnings.catch_warnings():    # sphinx-book-theme 1.4 uses an API Sphinx 11 removes
        warnings.simplefilter("ignore", RemovedInSphinx11Warning)
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", str(src), str(out)])
    if status != 0:
        raise RuntimeError("sphinx-build failed or warned (see its messages above)")
    problems = check_site(out, executed, notebooks, profile)
    if problems:
        raise RuntimeError("site check failed: " + "; ".join(problems))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cnn-site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="cpu", choices=["smoke", "cpu", "full"])
    args = parser.parse_args(argv)
    try:
        out = build(args.profile)
    except (FileNotFoundError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"site: {out / 'index.html'} (every notebook has its page and images)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
