"""The one stylesheet of every printed document: fonts, colours, page templates, helpers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from .fonts import load_reportlab

load_reportlab()  # before the first reportlab.platypus import below

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .data import Practice  # noqa: E402
from .fonts import (  # noqa: E402,F401 - documents import the font names from here
    SANS,
    SANS_BOLD,
    SANS_ITALIC,
    SERIF_BOLD,
    faces_for_markup,
    register_fonts,
)

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#2c6e73")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#cfd6dd")
TINT = colors.HexColor("#eef3f4")
WARM = colors.HexColor("#f7f2e8")

MARGIN_X = 22 * mm
MARGIN_TOP_FIRST = 44 * mm  # room for the letterhead
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm


def page_size(name: str):
    return LETTER if (name or "").lower() == "letter" else A4


def esc(text) -> str:
    """User text made safe for a Paragraph; line breaks kept."""
    return escape(str(text or ""), quote=False).replace("\n", "<br/>")


def fmt_date(value: dt.date | None, empty: str = "") -> str:
    return value.strftime("%-d %B %Y") if value else empty


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.8, leading=14.2, textColor=INK,
                          spaceAfter=5)
    s = {"body": base}
    s["lead"] = ParagraphStyle("lead", base, fontSize=11, leading=16, spaceAfter=7)
    s["title"] = ParagraphStyle("title", base, fontName=SERIF_BOLD, fontSize=20, leading=25,
                                textColor=ACCENT, spaceAfter=3)
    s["subtitle"] = ParagraphStyle("subtitle", base, fontSize=10.5, leading=14,
                                   textColor=MUTED, spaceAfter=12)
    s["h1"] = ParagraphStyle("h1", base, fontName=SERIF_BOLD, fontSize=13.5, leading=18,
                             textColor=ACCENT, spaceBefore=12, spaceAfter=5, keepWithNext=1)
    s["h2"] = ParagraphStyle("h2", base, fontName=SANS_BOLD, fontSize=10.2, leading=14,
                             textColor=INK, spaceBefore=7, spaceAfter=2, keepWithNext=1)
    s["small"] = ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED,
                                spaceAfter=2)
    s["label"] = ParagraphStyle("label", base, fontName=SANS_BOLD, fontSize=7.6, leading=10,
                                textColor=MUTED, spaceAfter=0)
    s["cell"] = ParagraphStyle("cell", base, fontSize=9, leading=12.4, spaceAfter=0)
    s["cell_bold"] = ParagraphStyle("cell_bold", s["cell"], fontName=SANS_BOLD)
    s["cell_right"] = ParagraphStyle("cell_right", s["cell"], alignment=TA_RIGHT)
    s["bullet"] = ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=3)
    s["lead_bullet"] = ParagraphStyle("lead_bullet", s["lead"], leftIndent=14, bulletIndent=2,
                                      spaceAfter=4)
    s["callout"] = ParagraphStyle("callout", s["lead"], alignment=TA_LEFT, spaceAfter=0)
    return s


_STYLES: dict[str, ParagraphStyle] | None = None


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, made (and their fonts registered) on first use."""
    global _STYLES
    if _STYLES is None:  # asked for by every paragraph: the check must stay cheap
        register_fonts()
        _STYLES = _styles()
    return _STYLES


# The markup of a paragraph parsed once per process: most printed prose (the handouts,
# the headings) is the same each time, and parsing was an eighth of a handout's build.
# ReportLab's own splits make paragraphs from the same fragments, which stay unchanged.
_PARSED: dict[tuple, tuple] = {}
_PARSED_MAX = 4096


def forget_parsed() -> None:
    _PARSED.clear()


class Para(Paragraph):
    """A Paragraph that parses a text once and keeps its line breaks for a width it was
    already wrapped to."""

    def __init__(self, text, style=None, bulletText=None,  # noqa: N803 - ReportLab's
                 frags=None, *args, **kwargs):
        if frags is not None or text is None or args or kwargs:
            super().__init__(text, style, bulletText, frags, *args, **kwargs)
            return
        key = (text, style, bulletText)
        parsed = _PARSED.get(key)
        if parsed is None:
            super().__init__(text, style, bulletText)
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = (self.text, self.style, self.bulletText, self.frags)
            return
        text, style, bulletText, frags = parsed
        super().__init__(text, style, bulletText, frags)

    # Keep-with-next groups and tables measure a paragraph, then the frame wraps it again
    # at the same width: half of all line breaking. The result depends on width alone;
    # it is redone if ReportLab dropped the lines (a split that found no room does).
    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        memo = getattr(self, "_memo", None)
        if memo is None or memo[0] != availWidth or "blPara" not in self.__dict__ \
                or (self.width, self.height) != memo[1]:
            memo = self._memo = (availWidth, super().wrap(availWidth, availHeight))
        return memo[1]


def P(text: str, style: str = "body") -> Paragraph:
    """A paragraph of markup (already escaped where it holds user text)."""
    faces_for_markup(text)
    return Para(text, styles()[style])


def T(text, style: str = "body") -> Paragraph:
    """A paragraph of plain user text."""
    return Para(esc(text), styles()[style])


def bullets(items, style: str = "bullet") -> list[Paragraph]:
    texts = [esc(i) if not isinstance(i, Markup) else i.text for i in items if i]
    for text in texts:
        faces_for_markup(text)
    return [Para(text, styles()[style], bulletText="•") for text in texts]


@dataclass
class Markup:
    """Text that already holds markup (not to be escaped again)."""
    text: str


def heading(text: str, level: str = "h1") -> Flowable:
    """A section heading; its style keeps it with what follows, never alone at a page foot."""
    return P(esc(text), level)


def field_table(rows: list[tuple[str, str]], width: float, label_width: float = 44 * mm,
                ) -> Table | Spacer:
    """Label / value rows with hairline rules; empty values left out."""
    st = styles()
    data = [[Para(esc(label), st["label"]), Para(esc(value), st["cell"])]
            for label, value in rows if str(value or "").strip()]
    if not data:
        return Spacer(0, 0)
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, -1), 5.5),
    ]))
    return table


def grid_table(header: list[str], rows: list[list], widths: list[float],
               row_height: float | None = None) -> Table:
    """A table with a tinted header row and subtle rules between rows."""
    st = styles()

    def cell(v, bold=False):
        if isinstance(v, Flowable):
            return v
        return Para(esc(v), st["cell_bold" if bold else "cell"])
    data = [[cell(h, True) for h in header]] + [[cell(v) for v in r] for r in rows]
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.35, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ]
    table.setStyle(TableStyle(style))
    return table


class RuledLines(Flowable):
    """Ruled room to write by hand."""

    def __init__(self, lines: int, width: float, gap: float = 8.5 * mm):
        super().__init__()
        self.lines, self.width, self.gap = lines, width, gap
        self.height = lines * gap + 2

    def wrap(self, avail_width, avail_height):
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for i in range(1, self.lines + 1):
            y = self.height - i * self.gap
            c.line(0, y, self.width, y)


class Callout(Flowable):
    """A tinted box with an accent bar: for what matters most on a page."""

    def __init__(self, flowables: list[Flowable], width: float, fill=TINT, bar=ACCENT):
        super().__init__()
        self.content = Table([[flowables]], colWidths=[width - 4 * mm])
        self.content.setStyle(TableStyle([
            ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        self.width, self.fill, self.bar = width, fill, bar

    def wrap(self, avail_width, avail_height):
        w, h = self.content.wrap(self.width - 4 * mm, avail_height)
        self.height = h
        return self.width, h

    def draw(self):
        c = self.canv
        c.setFillColor(self.fill)
        c.setStrokeColor(self.fill)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.bar)
        c.rect(0, 0, 1.6 * mm, self.height, stroke=0, fill=1)
        self.content.drawOn(c, 4 * mm, 0)


def signature_block(parties: list[tuple[str, str]], width: float) -> Table:
    """Signature and date lines side by side: (role, printed name)."""
    from reportlab.platypus.flowables import HRFlowable
    st = styles()
    col = (width - 12 * mm) / 2

    def line():
        return HRFlowable(width="100%", thickness=0.7, color=INK, spaceBefore=0,
                          spaceAfter=2)
    cells = [[Spacer(0, 13 * mm), line(), Para(f"Signature of {esc(role)}", st["label"]),
              Para(esc(name), st["cell"]), Spacer(0, 9 * mm), line(),
              Para("Date", st["label"])] for role, name in parties]
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    if rows and len(rows[-1]) == 1:
        rows[-1].append("")
    table = Table(rows, colWidths=[col, col], hAlign="LEFT", spaceBefore=6)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 12 * mm), ("RIGHTPADDING", (1, 0), (1, -1), 0)]))
    return table


# -- page templates ------------------------------------------------------------------
@dataclass
class DocSpec:
    """What the page furniture says: title, confidentiality, footer note."""
    title: str
    subject: str = ""
    confidential: bool = False
    footer_note: str = ""


def frame_width(practice: Practice) -> float:
    return page_size(practice.page_size)[0] - 2 * MARGIN_X
