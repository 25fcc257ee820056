"""The embedded document fonts: each face parsed once per process, and only when used."""
from __future__ import annotations

import re
import sys
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SANS, SANS_BOLD, SANS_ITALIC, SERIF_BOLD = ("IPTSans", "IPTSans-Bold", "IPTSans-Italic",
                                            "IPTSerif-Bold")
FONT_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf",
              SANS_ITALIC: "DejaVuSans-Oblique.ttf", SERIF_BOLD: "DejaVuSerif-Bold.ttf"}
# Every document sets its title in the serif and its labels in bold; the oblique face is
# only for markup that asks for it, and parsing a face costs 10-15 ms.
EVERY_DOCUMENT = (SANS, SANS_BOLD, SERIF_BOLD)
_ITALIC_TAG = re.compile(r"<(i|em)\b", re.IGNORECASE)

# ReportLab compiles, at import, a case-insensitive pattern over most of Unicode that it
# only needs to split an over-long web address across lines: about 40 ms of a cold start.
_DEFERRED_PREFIX = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class _DeferredPattern:
    """A regular expression compiled the first time it is used, not when it is defined."""

    def __init__(self, pattern: str, flags: int, compile_):
        self._args, self._compile, self._compiled = (pattern, flags), compile_, None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = self._compile(*self._args)
        return getattr(self._compiled, name)


def load_reportlab() -> None:
    """Import the parts of ReportLab the documents use, deferring its costliest pattern."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    real = re.compile

    def compile_(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith(_DEFERRED_PREFIX):
            return _DeferredPattern(pattern, flags, real)
        return real(pattern, flags)
    re.compile = compile_
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = real


def register(*names: str) -> None:
    """Parse and register the named faces not registered yet (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    done = set(pdfmetrics.getRegisteredFontNames())
    for name in names:
        if name in done:
            continue
        path = FONT_DIR / FONT_FILES[name]
        if not path.exists():
            raise FileNotFoundError(f"The document font {FONT_FILES[name]} is missing from "
                                    f"{FONT_DIR}; reinstall IPT Desktop.")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def register_fonts() -> None:
    """Register the faces every document uses and map bold and italic markup to them."""
    from reportlab.lib.fonts import addMapping
    register(*EVERY_DOCUMENT)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD)


def faces_for_markup(text: str) -> None:
    """Register the oblique face before a paragraph whose markup asks for italics."""
    if "<" in text and _ITALIC_TAG.search(text):
        register(SANS_ITALIC)
