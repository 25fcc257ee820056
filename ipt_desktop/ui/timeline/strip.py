"""The timeline strip: phase bands, one marker per session, today, contract limit, renegotiations."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...services import phases
from . import scale as sc

RADIUS = 12
BAND_TOP, BAND_HEIGHT = 22, 58
LEGEND_Y = 100


@dataclass
class Marker:
    """One session on the strip, as drawn (tests and tooltips read these)."""
    session_id: int
    number: int
    attendance: str
    colour: str
    center: QPointF
    risk: bool
    tooltip: str


class TimelineStrip(QWidget):
    """A horizontal strip across the treatment contract; click a marker to open its session."""

    session_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sessionTimeline")
        self.setAccessibleName("Session timeline")
        self.setMouseTracking(True)
        self.setMinimumHeight(122)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._sessions: list[dict] = []
        self._agreed = 16
        self._amendments: list[dict] = []
        self._maintenance = False
        self._today = dt.date.today()
        self._selected: int | None = None
        self._markers: list[Marker] = []

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, 122)

    # -- data ---------------------------------------------------------------------------
    def set_data(self, sessions: list[dict], agreed: int, amendments: list[dict] = (),
                 maintenance: bool = False, today: dt.date | None = None) -> None:
        self._sessions = list(sessions)
        self._agreed = agreed
        self._amendments = list(amendments)
        self._maintenance = maintenance
        self._today = today or dt.date.today()
        self._layout()
        self.update()

    def set_selected(self, session_id: int | None) -> None:
        self._selected = session_id
        self.update()

    def markers(self) -> list[Marker]:
        return list(self._markers)

    def scale(self) -> sc.SessionScale:
        last = self._sessions[-1]["number"] if self._sessions else 0
        return sc.SessionScale(sc.slot_count(self._agreed, last), self.width())

    def _layout(self) -> None:
        scale = self.scale()
        y = BAND_TOP + BAND_HEIGHT / 2 + 6
        self._markers = []
        for s in self._sessions:
            risk = any(m.get("risk") for m in s.get("measures", []))
            self._markers.append(Marker(s["id"], s["number"], s["attendance"],
                                        sc.ATTENDANCE_COLOURS.get(s["attendance"], "#9e9e9e"),
                                        QPointF(scale.x(s["number"]), y), risk,
                                        _tooltip(s, risk)))

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        self._layout()
        super().resizeEvent(event)

    # -- input --------------------------------------------------------------------------
    def marker_at(self, pos: QPointF) -> Marker | None:
        reach = max(RADIUS + 3, min(self.scale().slot / 2, 22))
        best = None
        for m in self._markers:
            d = abs(m.center.x() - pos.x())
            if d <= reach and abs(m.center.y() - pos.y()) <= RADIUS + 14:
                if best is None or d < abs(best.center.x() - pos.x()):
                    best = m
        return best

    def mousePressEvent(self, event):  # noqa: N802 - Qt's name
        marker = self.marker_at(event.position())
        if marker is not None and event.button() == Qt.LeftButton:
            self.session_clicked.emit(marker.session_id)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt's name
        marker = self.marker_at(event.position())
        self.setCursor(Qt.PointingHandCursor if marker else Qt.ArrowCursor)
        if marker:
            QToolTip.showText(event.globalPosition().toPoint(), marker.tooltip, self)
        else:
            QToolTip.hideText()

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event):  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        scale = self.scale()
        self._paint_bands(p, scale)
        self._paint_amendments(p, scale)
        self._paint_limit(p, scale)
        self._paint_today(p, scale)
        self._paint_markers(p)
        self._paint_legend(p)
        p.end()

    def _bands(self, slots: int) -> list[tuple[str, int, int]]:
        """(phase, first number, last number) for each band along the scale."""
        agreed = self._agreed
        first_middle = phases.initial_count(agreed) + 1
        first_concluding = agreed - phases.concluding_count(agreed) + 1
        bands = [("initial", 1, first_middle - 1)]
        if first_concluding > first_middle:
            bands.append(("middle", first_middle, first_concluding - 1))
        bands.append(("concluding", max(first_middle, first_concluding), agreed))
        if slots > agreed:
            bands.append(("maintenance" if self._maintenance else "over", agreed + 1, slots))
        return [b for b in bands if b[2] >= b[1]]

    def _paint_bands(self, p: QPainter, scale: sc.SessionScale) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        font.setBold(True)
        p.setFont(font)
        for phase, first, last in self._bands(scale.slots):
            rect = QRectF(scale.edge(first - 1) + 1, BAND_TOP, scale.edge(last) -
                          scale.edge(first - 1) - 2, BAND_HEIGHT)
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(sc.PHASE_COLOURS[phase]))
            p.drawRoundedRect(rect, 6, 6)
            p.setPen(sc.MUTED if phase != "over" else QColor(sc.RISK_COLOUR))
            label = sc.PHASE_LABELS[phase]
            if p.fontMetrics().horizontalAdvance(label) > rect.width() - 8:
                label = label[0]
            p.drawText(rect.adjusted(6, 3, -4, 0), Qt.AlignLeft | Qt.AlignTop, label)
        p.setPen(sc.MUTED)
        p.setFont(self.font())
        p.drawText(QRectF(0, BAND_TOP, sc.LEFT - 8, BAND_HEIGHT),
                   Qt.AlignRight | Qt.AlignVCenter, "Sessions")

    def _paint_limit(self, p: QPainter, scale: sc.SessionScale) -> None:
        x = scale.edge(self._agreed)
        p.setPen(QPen(sc.INK, 2))
        p.drawLine(QPointF(x, BAND_TOP - 4), QPointF(x, BAND_TOP + BAND_HEIGHT + 4))
        p.setFont(self.font())
        text = f"Contract: {self._agreed}"
        w = p.fontMetrics().horizontalAdvance(text)
        left = min(x - w / 2, self.width() - w - 2)
        p.drawText(QRectF(left, 2, w + 2, 18), Qt.AlignCenter, text)

    def _paint_amendments(self, p: QPainter, scale: sc.SessionScale) -> None:
        p.setFont(self.font())
        for a in self._amendments:
            if a["old_count"] == self._agreed:
                continue
            x = scale.edge(a["old_count"])
            p.setPen(QPen(QColor("#8e24aa"), 1.5, Qt.DashLine))
            p.drawLine(QPointF(x, BAND_TOP - 4), QPointF(x, BAND_TOP + BAND_HEIGHT + 4))
            text = f"was {a['old_count']}"
            p.setPen(QColor("#8e24aa"))
            w = p.fontMetrics().horizontalAdvance(text)
            p.drawText(QRectF(x - w / 2, 2, w + 2, 18), Qt.AlignCenter, text)

    def _paint_today(self, p: QPainter, scale: sc.SessionScale) -> None:
        pos = sc.today_position(self._sessions, self._today)
        if pos is None or not 0 <= pos <= scale.slots + 0.5:
            return
        x = scale.x(pos)
        p.setPen(QPen(QColor("#1565c0"), 2))
        p.drawLine(QPointF(x, BAND_TOP + 2), QPointF(x, BAND_TOP + BAND_HEIGHT + 10))
        p.setBrush(QColor("#1565c0"))
        p.drawEllipse(QPointF(x, BAND_TOP + BAND_HEIGHT + 10), 3, 3)
        p.setPen(QColor("#1565c0"))
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(x + 5, BAND_TOP + BAND_HEIGHT - 2, 60, 16),
                   Qt.AlignLeft | Qt.AlignVCenter, "Today")

    def _paint_markers(self, p: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        radius = min(RADIUS, max(7.0, self.scale().slot / 2 - 2))
        for m in self._markers:
            planned = m.attendance == "planned"
            if m.session_id == self._selected:
                p.setPen(QPen(QColor("#1565c0"), 3))
                p.setBrush(Qt.NoBrush)
                p.drawEllipse(m.center, radius + 4, radius + 4)
            pen = QPen(QColor(sc.PLANNED_OUTLINE), 1.6, Qt.DashLine) if planned \
                else QPen(QColor(m.colour).darker(130), 1.2)
            p.setPen(pen)
            p.setBrush(QColor(m.colour))
            p.drawEllipse(m.center, radius, radius)
            p.setFont(font)
            p.setPen(QColor(sc.PLANNED_OUTLINE) if planned else QColor("#ffffff"))
            p.drawText(QRectF(m.center.x() - radius, m.center.y() - radius, 2 * radius,
                              2 * radius), Qt.AlignCenter, str(m.number))
            if m.attendance in ("missed", "cancelled"):
                p.setPen(QPen(QColor("#ffffff"), 1.5))
                p.drawLine(m.center + QPointF(-radius * .6, radius * .6),
                           m.center + QPointF(radius * .6, -radius * .6))
            if m.risk:
                _risk_badge(p, m.center + QPointF(radius * .8, -radius * .9))

    def _paint_legend(self, p: QPainter) -> None:
        p.setFont(self.font())
        x = float(sc.LEFT)
        metrics = p.fontMetrics()
        for key in ("attended", "late", "missed", "cancelled", "planned"):
            centre = QPointF(x + 6, LEGEND_Y + 8)
            planned = key == "planned"
            p.setPen(QPen(QColor(sc.PLANNED_OUTLINE), 1.2, Qt.DashLine) if planned
                     else Qt.NoPen)
            p.setBrush(sc.attendance_colour(key))
            p.drawEllipse(centre, 6, 6)
            p.setPen(sc.INK)
            label = sc.ATTENDANCE_LABELS[key]
            p.drawText(QPointF(x + 16, LEGEND_Y + 8 + metrics.ascent() / 2 - 1), label)
            x += 16 + metrics.horizontalAdvance(label) + 16
        _risk_badge(p, QPointF(x + 6, LEGEND_Y + 8))
        p.setFont(self.font())
        p.setPen(sc.INK)
        p.drawText(QPointF(x + 16, LEGEND_Y + 8 + metrics.ascent() / 2 - 1),
                   "Risk (PHQ-9 item 9)")


def _risk_badge(p: QPainter, centre: QPointF) -> None:
    """A red warning triangle with '!': the same sign on strip, chart and legend."""
    path = QPainterPath()
    path.moveTo(centre + QPointF(0, -8))
    path.lineTo(centre + QPointF(8, 6))
    path.lineTo(centre + QPointF(-8, 6))
    path.closeSubpath()
    p.setPen(QPen(QColor("#ffffff"), 1.5))
    p.setBrush(QColor(sc.RISK_COLOUR))
    p.drawPath(path)
    font = QFont(p.font())
    font.setBold(True)
    font.setPointSizeF(7)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(centre.x() - 4, centre.y() - 5, 8, 11), Qt.AlignCenter, "!")


def _tooltip(s: dict, risk: bool) -> str:
    parts = [f"Session {s['number']} · {s['date']:%d %b %Y}",
             sc.ATTENDANCE_LABELS.get(s["attendance"], s["attendance"]),
             f"{s['phase']} phase"]
    for m in s.get("measures", []):
        total = m["total"] if m["total"] is not None else "incomplete"
        parts.append(f"{m['instrument']} {total}" + (f" ({m['band']})" if m.get("band") else ""))
    if risk:
        parts.append("RISK: PHQ-9 item 9 answered above 0")
    return "\n".join(parts)
