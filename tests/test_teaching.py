"""TEACHING.md: its schedules add up (each session starts when the one before ends, each table
ends at its stated time), every cell it says to run live exists and, run from the top of its
notebook in the ``cpu`` profile, takes at most half of its session's teaching minutes (measured
from the pre-run copy's timing metadata), and every notebook has its notes."""
import re
from datetime import datetime

import nbformat
import pytest

from helpers.course import slides
from helpers.paths import NOTEBOOK_DIR, REPO_ROOT

TEACHING = (REPO_ROOT / "TEACHING.md").read_text(encoding="utf-8")
EXECUTED = REPO_ROOT / "results" / "executed" / "cpu"
NOTEBOOKS = {p.stem[:2]: p for p in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))}
HEADING = re.compile(r"^### ([^\n(]*)\((\d\d:\d\d)–(\d\d:\d\d)\)\n(.*?)(?=^#)", re.M | re.S)
LIVE = re.compile(r"\*\*(\d\d)\*\* up to `([^`]+)`")
LIVE_SHARE = 0.5        # live cells take at most this share of the teaching minutes


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return 60 * int(hours) + int(mins)


def schedules():
    """[(title, start, end, rows)] with rows as dicts of the table's columns."""
    found = []
    for title, start, end, body in HEADING.findall(TEACHING):
        lines = [line for line in body.splitlines() if line.startswith("|")]
        header = [h.strip() for h in lines[0].strip("|").split("|")]
        rows = [dict(zip(header, (c.strip() for c in line.strip("|").split("|"))))
                for line in lines[2:]]
        found.append((title.strip(), start, end, rows))
    return found


def seconds(cell) -> float:
    stamps = cell.metadata.get("execution", {})
    start, end = stamps["iopub.execute_input"], stamps["shell.execute_reply"]
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def live_seconds(number: str, cell_id: str) -> float:
    """The measured time of the notebook's code cells from the top through ``cell_id``."""
    nb = nbformat.read(EXECUTED / NOTEBOOKS[number].name, as_version=4)
    ids = [c.get("id") for c in nb.cells]
    assert cell_id in ids, f"{number} has no cell {cell_id!r}"
    at = ids.index(cell_id)
    recap = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Recap"))
    assert at < recap and not slides.is_solution(nb.cells[at]), \
        f"{number} `{cell_id}` is not in the lesson (after its recap, or a solution)"
    return sum(seconds(c) for c in nb.cells[:at + 1] if c.cell_type == "code")


def test_there_are_three_schedules_of_three_hours_one_day_and_two():
    titles = [title for title, *_ in schedules()]
    assert len(titles) == 4, titles
    spans = [minutes(end) - minutes(start) for _, start, end, _ in schedules()]
    assert spans == [180, 480, 480, 480]


@pytest.mark.parametrize("schedule", schedules(), ids=lambda s: s[0])
def test_sessions_add_up(schedule):
    title, start, end, rows = schedule
    clock = minutes(start)
    for row in rows:
        assert minutes(row["Start"]) == clock, f"{title}: {row['Session']} starts at {clock}"
        clock += int(row["Teach"]) + int(row["Exercise"]) + int(row["Break"])
    assert clock == minutes(end), f"{title}: the sessions end at {clock}, not {end}"
    assert sum(int(r["Exercise"]) for r in rows) >= 0.2 * sum(int(r["Teach"]) for r in rows)


@pytest.mark.parametrize("schedule", schedules(), ids=lambda s: s[0])
def test_live_cells_fit_their_slot(schedule):
    title, _, _, rows = schedule
    for row in rows:
        live = sum(live_seconds(n, cid) for n, cid in LIVE.findall(row["Run live"]))
        slot = LIVE_SHARE * 60 * int(row["Teach"])
        assert live <= slot, f"{title}, {row['Session']}: {live:.0f} s live in a {slot:.0f} s slot"


def test_every_notebook_is_taught_in_the_two_days():
    rows = [r for title, *_, rs in schedules() if title.startswith("Two days") for r in rs]
    named = " ".join(r["Notebooks and sections"] for r in rows)
    taught = set(re.findall(r"\b(\d\d)\b", re.sub(r"§[\d–]+", "", named)))   # not §8–11
    assert taught >= set(NOTEBOOKS), sorted(set(NOTEBOOKS) - taught)


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_every_notebook_has_its_notes(number):
    notes = " ".join(slides.teaching_notes(NOTEBOOKS[number].stem).values())
    for part in ("**Key points**", "**The number to look at:**", "**The seed:**",
                 "**Where students get stuck**", "**Discussion**"):
        assert part in notes, f"{number}: no {part}"


def test_a_schedule_that_overruns_fails():
    title, start, end, rows = schedules()[0]
    rows = [dict(r) for r in rows]
    rows[0]["Teach"] = str(int(rows[0]["Teach"]) + 5)
    with pytest.raises(AssertionError):
        test_sessions_add_up((title, start, end, rows))
    rows = [dict(r) for r in schedules()[0][3]]
    rows[1]["Teach"] = "5"              # 02's training does not fit in 2.5 minutes
    with pytest.raises(AssertionError):
        test_live_cells_fit_their_slot((title, start, end, rows))
