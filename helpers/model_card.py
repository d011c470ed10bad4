"""Model cards (Mitchell et al., "Model Cards for Model Reporting", FAT* 2019): a short Markdown
file beside a saved model that says what it is for, what it was trained and tested on, how well
it does, and where it fails. Notebook 11 writes one for notebook 05's model; anything that ships
a model (notebook 10's ``cnn-predict`` and ``cnn-serve``) can write one the same way."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from .atomic import write_text


def card_path(model_path) -> Path:
    """Where the card of the model saved at ``model_path`` lives: ``<model>.model_card.md``."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.name.removesuffix(".keras") + ".model_card.md")


def _table(rows: dict, columns=("metric", "value")) -> list[str]:
    lines = [f"| {' | '.join(columns)} |", "|" + "---|" * len(columns)]
    for key, value in rows.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        lines.append(f"| {key} | " + " | ".join(map(str, values)) + " |")
    return lines


def write_model_card(model_path, *, name: str, session, intended_use: str, out_of_scope: str,
                     training_data: str, evaluation_data: str, metrics: dict, limitations: list,
                     ethics: list, robustness: dict | None = None,
                     robustness_columns=("corruption", "accuracy")) -> Path:
    """Write the card for the model at ``model_path`` and return its path. ``metrics`` and
    ``robustness`` map a label to an already formatted value (or a list of them, one per column
    after the first); ``session`` (from ``helpers.setup``) gives profile, device and date. The
    file is written to a temporary name, then moved into place."""
    lines = [f"# Model card: {name}", "",
             f"Model file: `{Path(model_path).name}`. Written by notebook {session.notebook} "
             f"on {_dt.date.today().isoformat()}, profile `{session.profile.name}`, "
             f"device: {session.device}.", "",
             "## Intended use", "", intended_use, "",
             "## Out of scope", "", out_of_scope, "",
             "## Training data", "", training_data, "",
             "## Evaluation", "", evaluation_data, "", *_table(metrics), ""]
    if robustness:
        lines += ["## Robustness to common corruptions", "",
                  *_table(robustness, robustness_columns), ""]
    lines += ["## Limitations", "", *[f"- {item}" for item in limitations], "",
              "## Ethical considerations", "", *[f"- {item}" for item in ethics], ""]
    return write_text(card_path(model_path), "\n".join(lines))
