"""The page furniture of every document: letterhead, running header, footer, page x of y."""
from __future__ import annotations

import io

from .fonts import load_reportlab

load_reportlab()

from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate  # noqa: E402

from .data import Practice  # noqa: E402
from .styles import (  # noqa: E402
    ACCENT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_TOP_FIRST,
    MARGIN_X,
    MUTED,
    RULE,
    SANS,
    SERIF_BOLD,
    DocSpec,
    mm,
    page_size,
    register_fonts,
)


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
