"""Drawing shared by the circle's scene: ring captions, the client's disc, the legend."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from ... import geometry as g
from .items import INK, MARK_COLOURS, MUTED

CENTRE_FILL = QColor("#2c6e74")


def caption(painter, text: str, radius: float) -> None:
    """Ring caption set along the arc at the top, like lettering on a target."""
    font = QFont()
    font.setPixelSize(10)
    font.setBold(True)
    font.setLetterSpacing(QFont.AbsoluteSpacing, 0.6)
    fm = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor("#6f8f93"))
    total = fm.horizontalAdvance(text)
    angle = math.pi / 2 + (total / 2) / radius  # start left of 12 o'clock
    for ch in text:
        w = fm.horizontalAdvance(ch)
        mid = angle - (w / 2) / radius
        x, y = radius * math.cos(mid), -radius * math.sin(mid)
        painter.save()
        painter.translate(x, y)
        painter.rotate(90 - math.degrees(mid))
        painter.drawText(QPointF(-w / 2, 0), ch)
        painter.restore()
        angle -= w / radius


def centre(painter, r: float, client_name: str) -> None:
    """The client's disc with their first name."""
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(0, 0, 0, 30))
    painter.drawEllipse(QPointF(1, 2), r, r)
    painter.setBrush(CENTRE_FILL)
    painter.setPen(QPen(QColor("white"), 2))
    painter.drawEllipse(QPointF(0, 0), r, r)
    font = QFont()
    font.setPixelSize(14)
    font.setBold(True)
    name = QFontMetricsF(font).elidedText(client_name or "Client", Qt.ElideRight,
                                          2 * r - 8)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignCenter, name)


def legend(painter, top: float, marks: bool) -> None:
    """What the colours and letters mean, centred under the circle."""
    font = QFont()
    font.setPixelSize(11)
    fm = QFontMetricsF(font)
    painter.setFont(font)
    short = {"dispute": "dispute", "transition": "role transition", "grief": "grief",
             "sensitivity": "sensitivity"}
    rows = [[("dot", colour, feeling) for feeling, colour in g.FEELING_COLOURS.items()]
            + [("cross", None, "deceased")],
            [("badge", None, f"{mark}  {short[a]}") for a, mark in g.AREA_MARKS.items()]]
    if marks:
        rows.append([("ring", MARK_COLOURS[k], w) for k, w in
                     (("added", "added"), ("moved", "moved to another ring"),
                      ("removed", "removed"))])
    titles = ["Feels:", "Problem area:", "Since first:"]
    y = top
    for title, row in zip(titles, rows):
        widths = [fm.horizontalAdvance(t.split("  ", 1)[-1]) + 34 for _, _, t in row]
        x = -(sum(widths) + fm.horizontalAdvance(title) + 10) / 2
        painter.setPen(MUTED)
        painter.drawText(QPointF(x, y + 4), title)
        x += fm.horizontalAdvance(title) + 10
        for (kind, colour, text), w in zip(row, widths):
            _legend_symbol(painter, kind, colour, QPointF(x + 7, y), text)
            painter.setPen(INK)
            painter.setFont(font)
            shown = text.split("  ", 1)[-1]
            painter.drawText(QPointF(x + 18, y + 4), shown)
            x += w
        y += 22


def _legend_symbol(painter, kind, colour, at: QPointF, text: str) -> None:
    if kind == "dot":
        painter.setPen(QPen(QColor("white"), 1))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(at, 6.5, 6.5)
    elif kind == "ring":
        painter.setPen(QPen(colour, 2, Qt.DashLine if "removed" in text else Qt.SolidLine))
        painter.setBrush(Qt.NoBrush)
        painter.drawEllipse(at, 6, 6)
    else:
        painter.setPen(QPen(INK, 1))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(at, 6.5, 6.5)
        if kind == "cross":
            painter.setPen(QPen(INK, 1.3))
            painter.drawLine(QPointF(at.x(), at.y() - 4), QPointF(at.x(), at.y() + 4))
            painter.drawLine(QPointF(at.x() - 2.6, at.y() - 1.2),
                             QPointF(at.x() + 2.6, at.y() - 1.2))
        else:
            f = QFont()
            f.setPixelSize(9)
            f.setBold(True)
            painter.setFont(f)
            painter.drawText(QRectF(at.x() - 6.5, at.y() - 6.5, 13, 13), Qt.AlignCenter,
                             text.split()[0])
