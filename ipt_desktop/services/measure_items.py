"""The questionnaires' own item wording, loaded from resources/measures/*.json."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..resource_files import resource
from . import scoring

_FILES = {"PHQ-9": "phq9.json", "GAD-7": "gad7.json"}


@dataclass(frozen=True)
class MeasureText:
    """What the therapist reads out: title, stem, the items and the four answers."""
    instrument: str
    title: str
    stem: str
    items: tuple[str, ...]
    answers: tuple[str, ...]  # labels of 0, 1, 2, 3
    source: str


def measures_dir() -> Path:
    """Where the wording lives (resources/measures)."""
    folder = resource("measures")
    if not (folder / _FILES["PHQ-9"]).is_file():
        raise FileNotFoundError("The questionnaire wording files (resources/measures) are "
                                "missing from this installation; reinstall the app.")
    return folder


def available() -> tuple[str, ...]:
    """Instruments whose wording ships with the app."""
    return tuple(_FILES)


@cache
def load(instrument: str) -> MeasureText:
    """The wording of one instrument, checked against the scoring's item count."""
    if instrument not in _FILES:
        raise ValueError(f"No item wording ships for {instrument!r}; available: "
                         f"{', '.join(_FILES)}.")
    path = measures_dir() / _FILES[instrument]
    data = json.loads(path.read_text(encoding="utf-8"))
    inst = scoring.instrument(instrument)
    items = tuple(str(t) for t in data["items"])
    answers = tuple(str(t) for t in data["answers"])
    # A file out of step with the scoring would silently mis-number answers.
    if data.get("instrument") != instrument or len(items) != inst.items or len(answers) != 4:
        raise ValueError(f"{path.name} does not describe {instrument} with {inst.items} "
                         "items and 4 answers.")
    return MeasureText(instrument, str(data["title"]), str(data["stem"]), items, answers,
                       str(data.get("source", "")))
