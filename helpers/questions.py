"""Questions that check themselves: ``helpers.check("02.1", answer)`` prints right, or wrong with
a hint; never the answer.

Each notebook asks three to five short questions where its key points are (a number to predict,
a choice, a shape or a parameter count). The answers are not written here or in the notebooks:
``questions.json`` holds salted SHA-256 digests of the accepted answers and of the typical wrong
answers, each with its hint. A number is rounded to its question's grid (a quarter of its
tolerance) first, so it passes within its tolerance, give or take a quarter of it. The answer key, for instructors, is ``tests/test_questions.py``; ``digest`` of
``normalise``'s text makes new entries.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

SALT = "cnn-course"


@dataclass(frozen=True)
class Question:
    kind: str                       # "int", "choice" or "number"
    right: tuple[str, ...]          # digests of the accepted answers
    hint: str                       # for any wrong answer without a hint of its own
    wrong: dict[str, str] = field(default_factory=dict)   # digest -> hint
    step: float = 0.5               # "number": answers are rounded to this grid


def normalise(kind: str, answer, step: float = 0.5) -> str:
    """The canonical text of ``answer`` for a question of ``kind``; ValueError if it is not one."""
    if kind == "choice":
        text = str(answer).strip().strip("().").lower()
        if len(text) != 1 or not text.isalpha():
            raise ValueError("a single letter, such as \"b\"")
        return text
    if isinstance(answer, str):
        answer = answer.strip().rstrip("%").replace("_", "")
        if "." not in answer and re.fullmatch(r"-?\d+,\d{1,2}|-?\d+,\d{4,}", answer):
            answer = answer.replace(",", ".")              # a decimal comma: "0,8"
        answer = answer.replace(",", "")                   # thousands: "2,570"
    if isinstance(answer, bool):
        raise ValueError("a number")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise ValueError("an integer" if kind == "int" else "a number") from None
    if not math.isfinite(value):
        raise ValueError("a finite number")
    if kind == "int":
        if value != int(value):
            raise ValueError("a whole number")
        return str(int(value))
    return str(round(value / step))       # the grid point, as an integer


def digest(qid: str, text: str) -> str:
    return hashlib.sha256(f"{SALT}:{qid}:{text}".encode()).hexdigest()[:16]


def grade(qid: str, answer) -> tuple[bool | None, str]:
    """(True, message) for a right answer, (False, message with a hint) for a wrong one, and
    (None, message) when there is nothing to grade yet or the answer has the wrong form."""
    if qid not in QUESTIONS:
        return None, f"There is no question {qid!r}: check the id in the cell."
    q = QUESTIONS[qid]
    if answer is ... or answer is None:
        return None, f"{qid}: write your answer in place of `...`, then run the cell again."
    try:
        text = normalise(q.kind, answer, q.step)
    except ValueError as err:
        return None, f"{qid}: the answer should be {err}; got {answer!r}."
    key = digest(qid, text)
    if key in q.right:
        return True, f"{qid}: right."
    return False, f"{qid}: not yet. Hint: {q.wrong.get(key, q.hint)}"


def check(qid: str, answer) -> None:
    """Print whether ``answer`` to question ``qid`` is right; a hint if it is not."""
    print(grade(qid, answer)[1])


QUESTIONS: dict[str, Question] = {
    qid: Question(**{**entry, "right": tuple(entry["right"])}) for qid, entry in json.loads(
        Path(__file__).with_name("questions.json").read_text(encoding="utf-8")).items()}
