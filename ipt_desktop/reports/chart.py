"""A questionnaire's totals across sessions, drawn over its severity bands."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..services import scoring
from .data import MeasureSeries
from .styles import ACCENT, INK, MUTED, RULE, SANS, SANS_BOLD

# Lightest for the mildest band, warmer as severity rises; calm enough for print.
TOPIC = {"PHQ-9": "depression", "GAD-7": "anxiety", "EPDS": "perinatal depression"}
BAND_FILLS = ["#eef5ef", "#f3f4e6", "#f8f0df", "#f8e6da", "#f5dcd9"]


class SymptomChart(Flowable):
    """Totals by session number over the instrument's bands, first and last labelled."""

    def __init__(self, series: MeasureSeries, width: float, height: float = 52 * mm):
        super().__init__()
        self.series, self.width, self.height = series, width, height

    def wrap(self, avail_width, avail_height):
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self):
        c = self.canv
        inst = scoring.instrument(self.series.instrument)
        left, bottom, top_pad, right_pad = 9 * mm, 8 * mm, 7 * mm, 22 * mm
        w = self.width - left - right_pad
        h = self.height - bottom - top_pad
        top = inst.maximum
        points = self.series.points
        last_n = max([p.session_number for p in points] + [2])
        first_n = min([p.session_number for p in points] + [1])

        def X(n):
            return left + (n - first_n) / max(1, last_n - first_n) * w

        def Y(v):
            return bottom + v / top * h
        c.setFont(SANS_BOLD, 8.4)
        c.setFillColor(INK)
        c.drawString(0, self.height - 3.5 * mm, f"{inst.name} ({TOPIC.get(inst.name, '')})")
        bands = list(inst.bands) + [(top + 1, "")]
        for i, (low, name) in enumerate(inst.bands):
            high = bands[i + 1][0] - 1
            y0, y1 = Y(max(0, low - 0.5) if low else 0), Y(min(top, high + 0.5))
            c.setFillColor(colors.HexColor(BAND_FILLS[min(i, len(BAND_FILLS) - 1)]))
            c.rect(left, y0, w, y1 - y0, stroke=0, fill=1)
            c.setFillColor(MUTED)
            c.setFont(SANS, 6.2)
            c.drawString(left + w + 2, (y0 + y1) / 2 - 2, name)
        if inst.caseness is not None:
            c.setStrokeColor(colors.HexColor("#b06a5b"))
            c.setDash(3, 2)
            c.setLineWidth(0.6)
            c.line(left, Y(inst.caseness - 0.5), left + w, Y(inst.caseness - 0.5))
            c.setDash()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.rect(left, bottom, w, h, stroke=1, fill=0)
        c.setFont(SANS, 6.4)
        c.setFillColor(MUTED)
        for v in range(0, top + 1, 5 if top > 21 else 3 if top <= 21 else 5):
            c.drawRightString(left - 2, Y(v) - 2, str(v))
        step = max(1, (last_n - first_n) // 10 + 1)
        for n in range(first_n, last_n + 1, step):
            c.drawCentredString(X(n), bottom - 9, str(n))
        c.drawCentredString(left + w / 2, 0.5, "session")
        if not points:
            c.setFont(SANS, 8)
            c.drawCentredString(left + w / 2, bottom + h / 2, "No complete questionnaires yet")
            return
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.5)
        path = c.beginPath()
        for i, p in enumerate(points):
            (path.moveTo if i == 0 else path.lineTo)(X(p.session_number), Y(p.total))
        c.drawPath(path, stroke=1, fill=0)
        for i, p in enumerate(points):
            c.setFillColor(colors.white)
            c.setStrokeColor(ACCENT)
            c.setLineWidth(1.1)
            c.circle(X(p.session_number), Y(p.total), 1.6, stroke=1, fill=1)
        c.setFont(SANS_BOLD, 7)
        c.setFillColor(INK)
        for p in {id(points[0]): points[0], id(points[-1]): points[-1]}.values():
            c.drawCentredString(X(p.session_number), Y(p.total) + 4, str(p.total))
