"""The one stylesheet of every printed document: fonts, colours, page templates, helpers."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from html import escape

from .fonts import load_reportlab

load_reportlab()  # before the first reportlab.platypus import below

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
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
    global _STYLES
    register_fonts()
    if _STYLES is None:
        _STYLES = _styles()
    return _STYLES


def P(text: str, style: str = "body") -> Paragraph:
    """A paragraph of markup (already escaped where it holds user text)."""
    faces_for_markup(text)
    return Paragraph(text, styles()[style])


def T(text, style: str = "body") -> Paragraph:
    """A paragraph of plain user text."""
    return Paragraph(esc(text), styles()[style])


def bullets(items, style: str = "bullet") -> list[Paragraph]:
    texts = [esc(i) if not isinstance(i, Markup) else i.text for i in items if i]
    for text in texts:
        faces_for_markup(text)
    return [Paragraph(text, styles()[style], bulletText="•") for text in texts]


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
    data = [[Paragraph(esc(label), st["label"]), Paragraph(esc(value), st["cell"])]
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
        return Paragraph(esc(v), st["cell_bold" if bold else "cell"])
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
    cells = [[Spacer(0, 13 * mm), line(), Paragraph(f"Signature of {esc(role)}", st["label"]),
              Paragraph(esc(name), st["cell"]), Spacer(0, 9 * mm), line(),
              Paragraph("Date", st["label"])] for role, name in parties]
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


class _NumberedCanvas(rl_canvas.Canvas):
    """Defers page endings so each page can print 'Page x of y'."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_count(total)
            super().showPage()
        super().save()

    def _draw_page_count(self, total):
        width = self._pagesize[0]
        self.setFont(SANS, 7.5)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN_X, 11 * mm, f"Page {self._pageNumber} of {total}")


def _draw_letterhead(c, doc, practice: Practice, spec: DocSpec):
    width, height = doc.pagesize
    top = height - 16 * mm
    x = MARGIN_X
    if practice.logo:
        try:
            from reportlab.lib.utils import ImageReader
            img = ImageReader(io.BytesIO(practice.logo))
            iw, ih = img.getSize()
            h = 16 * mm
            w = min(iw * h / ih, 40 * mm)
            c.drawImage(img, x, top - h + 3 * mm, w, h, mask="auto", preserveAspectRatio=True)
            x += w + 5 * mm
        except Exception:  # noqa: BLE001 - a broken logo must not stop a document
            pass
    c.setFillColor(ACCENT)
    c.setFont(SERIF_BOLD, 14)
    c.drawString(x, top - 1 * mm, practice.practice_name or practice.name or "")
    c.setFillColor(INK)
    c.setFont(SANS, 8.6)
    who = ", ".join(p for p in (practice.name, practice.credentials) if p)
    if practice.practice_name and who:
        c.drawString(x, top - 6.5 * mm, who)
    c.setFillColor(MUTED)
    c.setFont(SANS, 7.8)
    right = width - MARGIN_X
    lines = [ln.strip() for ln in (practice.address or "").splitlines() if ln.strip()]
    lines += [p for p in (practice.phone, practice.email) if p]
    for i, line in enumerate(lines[:5]):
        c.drawRightString(right, top - i * 3.6 * mm, line)
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.line(MARGIN_X, height - 31 * mm, right, height - 31 * mm)


def _draw_running_header(c, doc, practice: Practice, spec: DocSpec):
    width, height = doc.pagesize
    c.setFont(SANS, 7.5)
    c.setFillColor(MUTED)
    c.drawString(MARGIN_X, height - 13 * mm, practice.practice_name or practice.name or "")
    c.drawRightString(width - MARGIN_X, height - 13 * mm, spec.subject or spec.title)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN_X, height - 15 * mm, width - MARGIN_X, height - 15 * mm)


def _draw_footer(c, doc, practice: Practice, spec: DocSpec):
    width, _ = doc.pagesize
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN_X, 15 * mm, width - MARGIN_X, 15 * mm)
    c.setFont(SANS, 7.2)
    c.setFillColor(MUTED)
    if spec.confidential:
        text = ("Confidential: health information about the person named. Not to be shared "
                "without their consent.")
    else:
        text = spec.footer_note or " · ".join(
            p for p in (practice.practice_name or practice.name, practice.phone,
                        practice.email) if p)
    c.drawString(MARGIN_X, 11 * mm, text[:140])


def build_pdf(story: list[Flowable], spec: DocSpec, practice: Practice,
              password: str | None = None) -> bytes:
    """Lay the story out on letterhead pages and return the PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    size = page_size(practice.page_size)
    encrypt = None
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption
        encrypt = StandardEncryption(password, canPrint=1, strength=256)
    doc = BaseDocTemplate(buffer, pagesize=size, title=spec.title,
                          author=practice.name or practice.practice_name,
                          creator="IPT Desktop", subject=spec.subject or spec.title,
                          leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, encrypt=encrypt, invariant=0)
    width, height = size
    first = Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X,
                  height - MARGIN_TOP_FIRST - MARGIN_BOTTOM, id="first", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X,
                  height - MARGIN_TOP - MARGIN_BOTTOM, id="later", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)

    def on_first(c, d):
        _draw_letterhead(c, d, practice, spec)
        _draw_footer(c, d, practice, spec)

    def on_later(c, d):
        _draw_running_header(c, d, practice, spec)
        _draw_footer(c, d, practice, spec)
    doc.addPageTemplates([PageTemplate("first", [first], onPage=on_first,
                                       autoNextPageTemplate="later"),
                          PageTemplate("later", [later], onPage=on_later)])
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def frame_width(practice: Practice) -> float:
    return page_size(practice.page_size)[0] - 2 * MARGIN_X
