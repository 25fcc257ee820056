"""The symptom chart: PHQ-9 and GAD-7 totals per session over their severity bands."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...services import scoring
from . import scale as sc
from .strip import _risk_badge

INSTRUMENTS = ("PHQ-9", "GAD-7")
LINE_COLOURS = {"PHQ-9": "#283593", "GAD-7": "#00695c"}
BAND_COLOURS = ("#e8f5e9", "#f1f8e9", "#fffde7", "#fff3e0", "#ffebee")
LANE_HEIGHT, LANE_GAP, TOP = 118, 14, 6


@dataclass
class Point:
    """One plotted total (tests and clicks read these)."""
    instrument: str
    session_id: int
    number: int
    total: int | None  # None: items left unanswered, drawn as a hollow mark
    risk: bool
    center: QPointF


class SymptomChart(QWidget):
    """Custom-painted chart (no QtCharts): one lane per instrument, sessions aligned with the strip."""

    session_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("symptomChart")
        self.setAccessibleName("Symptom chart")
        self.setMouseTracking(True)
        height = TOP + len(INSTRUMENTS) * (LANE_HEIGHT + LANE_GAP) + 18
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._sessions: list[dict] = []
        self._slots = 1
        self._selected: int | None = None
        self._points: list[Point] = []

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, self.minimumHeight())

    # -- data ---------------------------------------------------------------------------
    def set_data(self, sessions: list[dict], agreed: int) -> None:
        self._sessions = list(sessions)
        last = sessions[-1]["number"] if sessions else 0
        self._slots = sc.slot_count(agreed, last)
        self._layout()
        self.update()

    def set_selected(self, session_id: int | None) -> None:
        self._selected = session_id
        self.update()

    def series(self, instrument: str) -> list[tuple[int, int]]:
        """(session number, total) of every complete administration, in session order."""
        return [(p.number, p.total) for p in self._points
                if p.instrument == instrument and p.total is not None]

    def incomplete(self, instrument: str) -> list[int]:
        return [p.number for p in self._points if p.instrument == instrument and p.total is None]

    def risk_sessions(self) -> list[int]:
        return sorted({p.number for p in self._points if p.risk})

    def reliable_line(self, instrument: str) -> int | None:
        """The total a reliable improvement must reach: first score minus the change needed."""
        series = self.series(instrument)
        if not series:
            return None
        target = series[0][1] - scoring.instrument(instrument).reliable_change
        return target if target >= 0 else None

    def points(self) -> list[Point]:
        return list(self._points)

    def _lane(self, index: int) -> QRectF:
        top = TOP + index * (LANE_HEIGHT + LANE_GAP)
        return QRectF(sc.LEFT, top, max(1, self.width() - sc.LEFT - sc.RIGHT), LANE_HEIGHT)

    def _y(self, lane: QRectF, inst: scoring.Instrument, total: float) -> float:
        return lane.bottom() - lane.height() * total / inst.maximum

    def _layout(self) -> None:
        scale = sc.SessionScale(self._slots, self.width())
        self._points = []
        for index, name in enumerate(INSTRUMENTS):
            lane, inst = self._lane(index), scoring.instrument(name)
            for s in self._sessions:
                for m in s.get("measures", []):
                    if m["instrument"] != name:
                        continue
                    y = self._y(lane, inst, m["total"]) if m["total"] is not None \
                        else lane.bottom() - 8
                    self._points.append(Point(name, s["id"], s["number"], m["total"],
                                              bool(m.get("risk")),
                                              QPointF(scale.x(s["number"]), y)))

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        self._layout()
        super().resizeEvent(event)

    # -- input --------------------------------------------------------------------------
    def point_at(self, pos: QPointF) -> Point | None:
        near = [(abs(p.center.x() - pos.x()) + abs(p.center.y() - pos.y()), p)
                for p in self._points]
        near = [n for n in near if n[0] <= 16]
        return min(near, key=lambda n: n[0])[1] if near else None

    def mousePressEvent(self, event):  # noqa: N802 - Qt's name
        point = self.point_at(event.position())
        if point is not None and event.button() == Qt.LeftButton:
            self.session_clicked.emit(point.session_id)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt's name
        point = self.point_at(event.position())
        self.setCursor(Qt.PointingHandCursor if point else Qt.ArrowCursor)
        if point is None:
            QToolTip.hideText()
            return
        inst = scoring.instrument(point.instrument)
        text = (f"Session {point.number}: {point.instrument} "
                + (f"{point.total} ({scoring.band(inst, point.total)})"
                   if point.total is not None else "incomplete, no total"))
        if point.risk:
            text += "\nRISK: item 9 answered above 0"
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event):  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        scale = sc.SessionScale(self._slots, self.width())
        for index, name in enumerate(INSTRUMENTS):
            self._paint_lane(p, scale, self._lane(index), scoring.instrument(name))
        self._paint_axis(p, scale, self._lane(len(INSTRUMENTS) - 1).bottom() + 2)
        p.end()

    def _paint_lane(self, p: QPainter, scale, lane: QRectF, inst) -> None:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        bounds = [low for low, _ in inst.bands] + [inst.maximum + 1]
        for i, (low, name) in enumerate(inst.bands):
            top = self._y(lane, inst, bounds[i + 1] - 0.5 if i + 1 < len(inst.bands)
                          else inst.maximum)
            bottom = self._y(lane, inst, low - 0.5 if low else 0)
            colour = BAND_COLOURS[min(len(BAND_COLOURS) - 1,
                                      round(i * (len(BAND_COLOURS) - 1) /
                                            max(1, len(inst.bands) - 1)))]
            band = QRectF(lane.left(), top, lane.width(), bottom - top)
            p.fillRect(band, QColor(colour))
            p.setFont(small)
            p.setPen(QColor("#90a4ae"))
            p.drawText(band.adjusted(0, 0, -4, 0), Qt.AlignRight | Qt.AlignVCenter, name)
            p.setPen(sc.MUTED)
            p.drawText(QRectF(0, bottom - 7, sc.LEFT - 6, 14), Qt.AlignRight | Qt.AlignVCenter,
                       str(low))
        p.drawText(QRectF(0, lane.top() - 7, sc.LEFT - 6, 14), Qt.AlignRight | Qt.AlignVCenter,
                   str(inst.maximum))
        title = QFont(self.font())
        title.setBold(True)
        p.setFont(title)
        p.setPen(QColor(LINE_COLOURS[inst.name]))
        p.drawText(QRectF(4, lane.top() + 14, sc.LEFT - 8, 40), Qt.AlignLeft | Qt.AlignTop,
                   inst.name)
        p.setPen(QPen(QColor("#cfd8dc"), 1))
        p.setBrush(Qt.NoBrush)
        p.drawRect(lane)
        self._paint_selected(p, scale, lane)
        self._paint_reliable(p, lane, inst)
        self._paint_series(p, lane, inst)

    def _paint_selected(self, p: QPainter, scale, lane: QRectF) -> None:
        chosen = next((s for s in self._sessions if s["id"] == self._selected), None)
        if chosen is None:
            return
        x = scale.x(chosen["number"])
        p.fillRect(QRectF(x - scale.slot / 2, lane.top(), scale.slot, lane.height()),
                   QColor(21, 101, 192, 28))

    def _paint_reliable(self, p: QPainter, lane: QRectF, inst) -> None:
        target = self.reliable_line(inst.name)
        if target is None:
            return
        y = self._y(lane, inst, target)
        p.setPen(QPen(QColor("#6a1b9a"), 1.3, Qt.DashLine))
        p.drawLine(QPointF(lane.left(), y), QPointF(lane.right(), y))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        p.setFont(small)
        p.setPen(QColor("#6a1b9a"))
        p.drawText(QRectF(lane.left() + 4, y - 15, 260, 14), Qt.AlignLeft | Qt.AlignBottom,
                   f"reliable improvement at {target} or below")

    def _paint_series(self, p: QPainter, lane: QRectF, inst) -> None:
        colour = QColor(LINE_COLOURS[inst.name])
        mine = [pt for pt in self._points if pt.instrument == inst.name]
        complete = [pt for pt in mine if pt.total is not None]
        for pt in mine:
            if pt.risk:
                p.fillRect(QRectF(pt.center.x() - 2, lane.top(), 4, lane.height()),
                           QColor(213, 0, 0, 60))
        if len(complete) > 1:
            path = QPainterPath(complete[0].center)
            for pt in complete[1:]:
                path.lineTo(pt.center)
            p.setPen(QPen(colour, 2.2))
            p.setBrush(Qt.NoBrush)
            p.drawPath(path)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(max(7.0, bold.pointSizeF() - 1))
        for pt in mine:
            if pt.total is None:
                p.setPen(QPen(QColor("#90a4ae"), 1.5, Qt.DotLine))
                p.setBrush(QColor("#ffffff"))
                p.drawEllipse(pt.center, 5, 5)
                continue
            p.setPen(QPen(QColor("#ffffff"), 1.5))
            p.setBrush(colour)
            p.drawEllipse(pt.center, 5, 5)
            p.setFont(bold)
            p.setPen(colour)
            above = pt.center.y() - lane.top() > 20
            p.drawText(QRectF(pt.center.x() - 14, pt.center.y() + (-20 if above else 6), 28,
                              14), Qt.AlignCenter, str(pt.total))
            if pt.risk:
                _risk_badge(p, pt.center + QPointF(10, 10))

    def _paint_axis(self, p: QPainter, scale, y: float) -> None:
        p.setFont(self.font())
        p.setPen(sc.MUTED)
        step = 1 if scale.slot >= 22 else 2
        for n in range(1, scale.slots + 1, step):
            p.drawText(QRectF(scale.x(n) - 12, y, 24, 14), Qt.AlignCenter, str(n))
        p.drawText(QRectF(0, y, sc.LEFT - 6, 14), Qt.AlignRight | Qt.AlignVCenter, "Session")
