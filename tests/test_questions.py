"""The questions that check themselves (``helpers.check``): every notebook asks three to five,
each in a cell that holds no answer; the right answer passes (a number anywhere in its range),
each typical wrong answer gets its own hint, and no hint gives the answer away.

KEY is the answer key, for instructors: question -> (kind, answer, tolerance, typical wrong
answers). The notebooks and ``helpers/questions.py`` hold only digests."""
import re

import nbformat
import pytest

from helpers.paths import NOTEBOOK_DIR
from helpers.questions import QUESTIONS, check, grade, normalise

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
CALL = re.compile(r'helpers\.check\("(\d\d\.\d)", answer\)')
KEY = {
    '00.1': ('int', 352, None, [351, 3520, 5760000]),
    '00.2': ('choice', 'c', None, ['a', 'b']),
    '00.3': ('number', 214.7, 16, [107.4, 0.2147]),
    '00.4': ('number', 4.5, 0.8, [1.5, 0.5]),
    '01.1': ('int', 394634, None, [393344, 394624, 393216]),
    '01.2': ('int', 9216, None, [4096, 1024, 10816]),
    '01.3': ('choice', 'b', None, ['a', 'c']),
    '01.4': ('int', 22, None, [19, 36, 20]),
    '02.1': ('int', 2570, None, [2560, 20490, 266]),
    '02.2': ('choice', 'b', None, ['a', 'c']),
    '02.3': ('number', 40, 1, [80, 50, 0.4]),
    '02.4': ('int', 8, None, [6, 9, 10]),
    '03.1': ('number', 0.0833, 0.003, [30, 0.1667, 0.5236]),
    '03.2': ('number', 3.2, 0.15, [10, 6.4, 22.4, 3]),
    '03.3': ('choice', 'a', None, ['b', 'c']),
    '03.4': ('choice', 'c', None, ['a', 'b']),
    '04.1': ('int', 4, None, [3, 2, 8]),
    '04.2': ('number', 75, 1, [100, 25, 56.25, 0.75]),
    '04.3': ('choice', 'b', None, ['a', 'c']),
    '04.4': ('number', 3.67, 0.05, [5, 0.27, 1]),
    '05.1': ('choice', 'a', None, ['b', 'c']),
    '05.2': ('choice', 'c', None, ['a', 'b']),
    '05.3': ('int', 327936, None, [327680, 8192256, 256]),
    '05.4': ('number', 0.8, 0.05, [0.008, 0.0064, 1.6]),
    '06.1': ('choice', 'b', None, ['a', 'c']),
    '06.2': ('int', 8, None, [4, 16, 32]),
    '06.3': ('int', 38, None, [26, 34, 36]),
    '06.4': ('choice', 'c', None, ['a', 'b']),
    '07.1': ('int', 64, None, [16, 1024, 8]),
    '07.2': ('choice', 'a', None, ['b', 'c']),
    '07.3': ('choice', 'c', None, ['a', 'b']),
    '07.4': ('choice', 'b', None, ['a', 'c']),
    '08.1': ('choice', 'b', None, ['a', 'c']),
    '08.2': ('int', -3, None, [-2, -4]),
    '08.3': ('number', 0.82, 0.005, [0.8, 0.98, 0.91]),
    '08.4': ('number', 27.6, 3, [72.4, 1, 0, 0.276]),
    '09.1': ('choice', 'a', None, ['b', 'c']),
    '09.2': ('number', 0.79, 0.1, [0.4, 1.58, 3.2]),
    '09.3': ('int', 14, None, [50, 140]),
    '09.4': ('choice', 'c', None, ['a', 'b']),
    '10.1': ('number', 99.6, 0.15, [100, 255, 0.996]),
    '10.2': ('int', 64, None, [1, 18432, 32]),
    '10.3': ('choice', 'b', None, ['a', 'c']),
    '10.4': ('number', 2, 0.25, [0.5, 4, 8]),
    '11.1': ('number', 20, 0.5, [18, 0.2]),
    '11.2': ('choice', 'a', None, ['b', 'c']),
    '11.3': ('choice', 'c', None, ['a', 'b']),
    '11.4': ('number', 1.6, 0.2, [3.5, 0.5, 0.016]),
    '12.1': ('int', 3, None, [15, 9, 0]),
    '12.2': ('int', 4672, None, [36864, 576, 4096]),
    '12.3': ('int', 128, None, [12, 48, 64]),
    '12.4': ('choice', 'a', None, ['b', 'c']),
    '13.1': ('int', 961, None, [1024, 256, 12]),
    '13.2': ('number', 0.4, 0.01, [0.32, 0.5, 0.8]),
    '13.3': ('int', 553536, None, [276768, 589824, 1660608]),
    '13.4': ('choice', 'b', None, ['a', 'c']),
}


def asked(path):
    return [c for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "code" and CALL.search(c.source)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_asks_three_to_five_questions_without_their_answers(path):
    cells = asked(path)
    assert 3 <= len(cells) <= 5, f"{path.stem}: {len(cells)} questions"
    for cell in cells:
        qid = CALL.search(cell.source).group(1)
        assert qid.startswith(path.stem[:2]) and qid in QUESTIONS
        assert cell.source.startswith("answer = ...  # "), cell.source


def test_every_question_is_asked_once_and_in_the_key():
    ids = [CALL.search(c.source).group(1) for p in NOTEBOOKS for c in asked(p)]
    assert sorted(ids) == sorted(QUESTIONS) == sorted(KEY)


@pytest.mark.parametrize("qid", sorted(KEY))
def test_the_right_answer_passes_and_typical_wrong_ones_get_their_hint(qid):
    kind, answer, tolerance, wrong = KEY[qid]
    assert grade(qid, answer)[0] is True
    if kind == "number":
        assert grade(qid, answer - tolerance)[0] is grade(qid, answer + tolerance)[0] is True
        assert grade(qid, answer - 3 * tolerance)[0] is grade(qid, answer + 3 * tolerance)[0] is False
    if kind == "choice":
        assert grade(qid, f"({answer.upper()})")[0] is True
    for value in wrong:
        ok, message = grade(qid, value)
        assert ok is False and QUESTIONS[qid].hint not in message, (qid, value)
    ok, message = grade(qid, "z" if kind == "choice" else -999_999)
    assert ok is False and QUESTIONS[qid].hint in message


@pytest.mark.parametrize("qid", sorted(KEY))
def test_no_hint_gives_the_answer_away(qid):
    kind, answer, _, _ = KEY[qid]
    q = QUESTIONS[qid]
    if kind != "choice" and (abs(answer) >= 10 or answer != int(answer)):   # not 3 or 8
        for text in [q.hint, *q.wrong.values()]:
            assert f"{answer:,}" not in text and str(answer) not in text, (qid, text)


def test_unanswered_malformed_and_unknown_questions_say_what_to_do(capsys):
    assert grade("02.1", ...) == (None, "02.1: write your answer in place of `...`, then run "
                                        "the cell again.")
    assert grade("02.1", "twelve")[0] is None and "integer" in grade("02.1", "twelve")[1]
    assert grade("02.1", 2.5)[0] is None and grade("02.2", "ab")[0] is None
    assert grade("02.1", float("nan"))[0] is None and grade("02.1", True)[0] is None
    assert grade("99.9", 1)[0] is None
    assert normalise("number", "0,8", 0.1) == normalise("number", 0.8, 0.1) == "8"
    assert normalise("int", "2,570") == normalise("int", "2_570") == "2570"
    check("02.2", "B ")
    assert capsys.readouterr().out.startswith("02.2: ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_executed_copy_asks_and_tells_nothing(path):
    done = nbformat.read(NOTEBOOK_DIR.parent / "results" / "executed" / "cpu" / path.name, 4)
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in done.cells
               if c.cell_type == "code" and CALL.search(c.source)]
    assert outputs and all("write your answer in place of" in text for text in outputs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_instructor_notes_do_not_give_a_numeric_answer_away(path):
    notes = " ".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.metadata.get("slideshow", {}).get("slide_type") == "notes")
    for qid, (kind, answer, _, _) in KEY.items():
        if qid[:2] == path.stem[:2] and kind != "choice" and abs(answer) >= 10:
            for text in {f"{answer:,}", str(answer), f"{answer:.0f}"}:
                assert not re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d,])", notes), (qid, text)
