"""The Interpersonal Circle on paper, drawn from the same geometry as the screen."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import geometry as geo
from .data import CircleData
from .styles import ACCENT, INK, MUTED, RULE, SANS, SANS_BOLD

RING_FILLS = {3: colors.HexColor("#f4f7f8"), 2: colors.HexColor("#e9f0f1"),
              1: colors.HexColor("#dce8ea")}
LABEL_SIZE = 7.2
FEELING_WORDS = {"supportive": "Supportive", "mixed": "Mixed", "conflictual": "Conflict",
                 "unknown": "Not yet known"}


def _label(name: str, compact: bool = False) -> str:
    """The name printed under a node: short enough to sit between neighbours."""
    name = " ".join(name.split())
    if compact and " " in name:
        first = name.split()[0]
        # Titles ("Dr", "Mrs") say little on their own: keep the surname with them.
        name = name if first.rstrip(".").lower() in ("dr", "mr", "mrs", "ms", "mx") \
            else first
    limit = 12 if compact else 18
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


class CircleDrawing(Flowable):
    """The rings, the client at the centre and each person placed by geometry.layout."""

    def __init__(self, data: CircleData | None, size: float, centre: str = "Me",
                 marks: dict[int, str] | None = None, ring_names: bool = True):
        super().__init__()
        self.data = data or CircleData()
        self.size = size
        self.centre = centre
        self.marks = marks or {}
        self.ring_names = ring_names
        self.width = self.height = size

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self):
        c = self.canv
        outer = self.size / 2 - 4 * mm  # keep labels of the outer ring on the paper
        cx = cy = self.size / 2
        c.saveState()
        c.translate(cx, cy)
        for ring in (3, 2, 1):
            r = geo.ring_radius(ring, outer)
            band = r + (geo.ring_radius(ring + 1, outer) - r) / 2 if ring < 3 else r + 0.07 * outer
            c.setFillColor(RING_FILLS[ring])
            c.setStrokeColor(RING_FILLS[ring])
            c.circle(0, 0, band, stroke=0, fill=1)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.setDash(2, 2)
        for ring in geo.RINGS:
            c.circle(0, 0, geo.ring_radius(ring, outer), stroke=1, fill=0)
        c.setDash()
        if self.ring_names:
            c.setFont(SANS, 6.4)
            c.setFillColor(MUTED)
            for ring in geo.RINGS:
                r = geo.ring_radius(ring, outer)
                c.drawCentredString(0, -r - 8.5, geo.RING_SHORT[ring].upper())
        # The client at the centre.
        rc = geo.CENTRE_FRACTION * outer
        c.setFillColor(ACCENT)
        c.circle(0, 0, rc, stroke=0, fill=1)
        c.setFillColor(colors.white)
        size = 9 if len(self.centre) <= 8 else 7
        text = self.centre if stringWidth(self.centre, SANS_BOLD, size) < 2 * rc - 4 \
            else geo.initials(self.centre)
        c.setFont(SANS_BOLD, size)
        c.drawCentredString(0, -size / 3, text)
        self._draw_people(c, outer)
        c.restoreState()

    def _draw_people(self, c, outer):
        people = self.data.people
        if not people:
            return
        nr = geo.node_radius(outer)
        compact = self.size < 100 * mm  # side-by-side circles: first names, smaller type
        font = LABEL_SIZE * (0.86 if compact else 1.0)
        labels = {p.id: _label(p.name, compact) + (" †" if p.deceased else "") for p in people}
        footprints = {p.id: max(2 * nr, stringWidth(labels[p.id], SANS, font)) + 4
                      for p in people}
        places = geo.layout([{"id": p.id, "ring": p.ring, "angle": p.angle} for p in people],
                            outer, footprints)
        for p in people:
            place = places[p.id]
            x, y = place.x, -place.y  # geometry has y down; the page has y up
            colour = colors.HexColor(geo.FEELING_COLOURS.get(p.feeling, "#8a94a6"))
            mark = self.marks.get(p.id)
            if mark == "added":
                c.setStrokeColor(ACCENT)
                c.setLineWidth(1.4)
                c.circle(x, y, nr + 2.2, stroke=1, fill=0)
            if p.deceased:
                c.setFillColor(colors.white)
                c.setStrokeColor(colour)
                c.setLineWidth(1.6)
                c.circle(x, y, nr, stroke=1, fill=1)
                c.setFillColor(colour)
            else:
                c.setFillColor(colour)
                c.setStrokeColor(colors.white)
                c.setLineWidth(0.8)
                c.circle(x, y, nr, stroke=1, fill=1)
                c.setFillColor(colors.white)
            c.setFont(SANS_BOLD, max(6.0, nr * 0.78))
            c.drawCentredString(x, y - nr * 0.28, geo.initials(p.name))
            c.setFillColor(INK)
            c.setFont(SANS, font)
            c.drawCentredString(x, y - nr - font - 1, labels[p.id])
            if p.problem_area in geo.AREA_MARKS:
                c.setFont(SANS_BOLD, 6.2)
                c.setFillColor(ACCENT)
                c.drawString(x + nr * 0.75, y + nr * 0.55, geo.AREA_MARKS[p.problem_area])
            if mark == "moved":
                c.setFont(SANS, 6)
                c.setFillColor(MUTED)
                c.drawCentredString(x, y + nr + 2.5, "moved")


class CircleLegend(Flowable):
    """The key to colours and marks, in one compact line or two."""

    def __init__(self, width: float, with_marks: bool = True, compare: bool = False):
        super().__init__()
        self.width, self.with_marks, self.compare = width, with_marks, compare
        self.height = 11 * mm if (with_marks or compare) else 6 * mm

    def wrap(self, avail_width, avail_height):
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self):
        c = self.canv
        y = self.height - 4 * mm
        x = 0
        c.setFont(SANS, 7.4)
        for feeling, colour in geo.FEELING_COLOURS.items():
            c.setFillColor(colors.HexColor(colour))
            c.circle(x + 2.2 * mm, y + 1.0 * mm, 1.8 * mm, stroke=0, fill=1)
            c.setFillColor(INK)
            word = FEELING_WORDS[feeling]
            c.drawString(x + 5.2 * mm, y, word)
            x += 5.2 * mm + stringWidth(word, SANS, 7.4) + 6 * mm
        if not (self.with_marks or self.compare):
            return
        y -= 5 * mm
        parts = [f"{m} = {geo.AREA_NAMES[a].lower()}" for a, m in geo.AREA_MARKS.items()]
        text = "Letters: " + ", ".join(parts) + ".  † died."
        if self.compare:
            text += "  Ringed: new since the start; \"moved\": changed ring."
        c.setFillColor(MUTED)
        c.setFont(SANS, 6.9)
        c.drawString(0, y, text)
