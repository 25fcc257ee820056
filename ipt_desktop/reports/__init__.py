"""Printed documents (ReportLab), built in memory from plain dataclasses.

`build(kind, data)` returns PDF bytes. ReportLab is imported only when a document is
built, so importing this package stays cheap for the window and the command line.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A document the app can make: its name on the command line and in the window."""
    name: str
    title: str
    needs_client: bool  # False: a generic version exists without a client
    handout: bool = True  # False: the clinical report (`ipt-desktop report`)


KINDS = {k.name: k for k in (
    Kind("about-ipt", "About IPT (handout)", False),
    Kind("worksheet-disputes", "Worksheet: disagreements", False),
    Kind("worksheet-transitions", "Worksheet: a change in life", False),
    Kind("worksheet-grief", "Worksheet: grief and loss", False),
    Kind("worksheet-sensitivity", "Worksheet: building connections", False),
    Kind("circle-blank", "Interpersonal Circle (blank worksheet)", False),
    Kind("circle", "Interpersonal Circle (filled)", True),
    Kind("agreement", "Treatment agreement", True),
    Kind("closing-plan", "Closing plan (client's copy)", True),
    Kind("end-of-treatment", "End-of-treatment report", True, handout=False),
)}


def story(kind: str, data):
    """The page furniture (DocSpec) and flowables of a document."""
    from .fonts import load_reportlab
    load_reportlab()  # first, so every document module imports ReportLab the quick way
    if kind == "about-ipt":
        from .about_ipt import story as make
        return make(data)
    if kind.startswith("worksheet-"):
        from .worksheets import worksheet_story
        return worksheet_story(kind, data)
    if kind == "circle-blank":
        from .worksheets import circle_blank_story
        return circle_blank_story(data)
    if kind == "circle":
        from .worksheets import circle_story
        return circle_story(data)
    if kind == "agreement":
        from .agreement import story as make
        return make(data)
    if kind == "closing-plan":
        from .closing_plan import story as make
        return make(data)
    if kind == "end-of-treatment":
        from .end_of_treatment import story as make
        return make(data)
    raise ValueError(f"Unknown document {kind!r}; choose one of: {', '.join(KINDS)}.")


def build(kind: str, data, password: str | None = None) -> bytes:
    """The PDF of `kind` for `data` (a reports.data.ReportData), optionally AES-256 locked."""
    if kind not in KINDS:
        raise ValueError(f"Unknown document {kind!r}; choose one of: {', '.join(KINDS)}.")
    if KINDS[kind].needs_client and data.client is None:
        raise ValueError(f"The {KINDS[kind].title} is made for a client; choose one.")
    from .data import printed_text
    from .fonts import fonts_for, load_reportlab
    from .pages import build_pdf
    load_reportlab()
    fonts_for(printed_text(data))  # the quick core cuts unless the text needs more
    spec, flowables = story(kind, data)
    return build_pdf(flowables, spec, data.practice, password)


def forget_printed_text() -> None:
    """Drop the paragraphs kept between documents: they hold clients' words (at lock)."""
    styles = sys.modules.get(f"{__name__}.styles")  # never imported: nothing kept
    if styles is not None:
        styles.forget_parsed()
