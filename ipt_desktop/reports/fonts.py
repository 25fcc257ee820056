"""The embedded document fonts: each face parsed once per process, and only when used."""
from __future__ import annotations

import re
import sys
from functools import lru_cache

from ..resource_files import resource

FONT_DIR = resource("fonts")
SANS, SANS_BOLD, SANS_ITALIC, SERIF_BOLD = ("IPTSans", "IPTSans-Bold", "IPTSans-Italic",
                                            "IPTSerif-Bold")
FONT_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf",
              SANS_ITALIC: "DejaVuSans-Oblique.ttf", SERIF_BOLD: "DejaVuSerif-Bold.ttf"}
# Parsing a full DejaVu face (6,000 glyphs) was most of a first document's font cost, so
# the faces every document uses also come as "core" cuts holding the scripts most names
# are written in (CORE_RANGES); a document whose text needs anything else is made with
# the full faces, and so is every later one. Glyphs, metrics and names are the full
# fonts' own, so a page prints the same with either. The cuts were made with fontTools:
#   pyftsubset DejaVuSans.ttf --output-file=DejaVuSans-Core.ttf --unicodes=<CORE_RANGES>
#     --layout-features='*' --glyph-names --notdef-outline --notdef-glyph --name-IDs='*'
#     --name-languages='*' --name-legacy --legacy-kern --hinting
# and the same for DejaVuSans-Bold and DejaVuSerif-Bold.
CORE_FILES = {SANS: "DejaVuSans-Core.ttf", SANS_BOLD: "DejaVuSans-Bold-Core.ttf",
              SERIF_BOLD: "DejaVuSerif-Bold-Core.ttf"}
# Latin (with Vietnamese), IPA, Greek, Cyrillic, punctuation, currency, letter-like
# symbols, arrows, mathematical operators, geometric shapes, ligatures, replacement sign.
CORE_RANGES = ((0x0000, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF),
               (0x2100, 0x214F), (0x2190, 0x22FF), (0x25A0, 0x25FF), (0xFB00, 0xFB06),
               (0xFFFD, 0xFFFD))
# Every document sets its title in the serif and its labels in bold; the oblique face is
# only for markup that asks for it.
EVERY_DOCUMENT = (SANS, SANS_BOLD, SERIF_BOLD)
_full = False  # True once a document needed more than the core cuts
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


def in_core(text: str) -> bool:
    """True when the core cuts hold every character of `text`."""
    return text.isascii() or all(any(low <= code <= high for low, high in CORE_RANGES)
                                 for code in map(ord, set(text)))


def register(*names: str, replace: bool = False) -> None:
    """Parse and register the named faces not registered yet (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    done = set(pdfmetrics.getRegisteredFontNames())
    for name in names:
        if name in done and not replace:
            continue
        if name in done:  # ReportLab keeps the first font of a name (and of a face name)
            old = pdfmetrics._fonts.pop(name)
            pdfmetrics._dynFaceNames.pop(old.face.name, None)
        filename = FONT_FILES[name] if _full else CORE_FILES.get(name, FONT_FILES[name])
        path = FONT_DIR / filename
        if not path.exists():
            raise FileNotFoundError(f"The document font {filename} is missing from "
                                    f"{FONT_DIR}; reinstall IPT Desktop.")
        font = TTFont(name, str(path))
        # The embedded subset is a pure function of the glyphs a document uses, and the
        # same handout uses the same glyphs each time: made once (a twelfth of its build).
        font.face.makeSubset = _remembered_subsets(font.face.makeSubset)
        pdfmetrics.registerFont(font)


def _remembered_subsets(make):
    """A face's makeSubset(glyph codes) -> font bytes, kept for the last glyph lists."""
    @lru_cache(maxsize=32)
    def by_tuple(glyphs: tuple) -> bytes:
        return make(list(glyphs))
    return lambda subset: by_tuple(tuple(subset))


def fonts_for(text: str) -> None:
    """Register the faces for a document that will print `text`: core cuts if they hold it."""
    global _full
    if not _full and not in_core(text):
        _full = True
        from reportlab.pdfbase import pdfmetrics
        register(*(n for n in CORE_FILES if n in pdfmetrics.getRegisteredFontNames()),
                 replace=True)
    register_fonts()


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
