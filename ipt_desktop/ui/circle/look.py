"""How a person's node looks: colours, label fonts and the cached disc, made once each."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEngine,
    QPen,
    QPixmap,
    QTransform,
)

INK = QColor("#1f2933")
MUTED = QColor("#5f6c7b")
SELECT = QColor("#2c6e74")
WHITE = QColor("white")
SHADOW = QColor(0, 0, 0, 26)
MARK_COLOURS = {"added": QColor("#2f7d4f"), "moved": QColor("#2f5fa8"),
                "removed": QColor("#b3261e")}
NAME_PX, ROLE_PX, INITIALS_PX, BADGE_PX = 12, 10, 12, 9
IDENTITY = QTransform()
UPRIGHT = (QTransform.TxNone, QTransform.TxTranslate, QTransform.TxScale)


def fonts() -> dict[str, QFont]:
    """The label fonts (pixel sizes are scene units, so they scale with the view)."""
    out = {}
    for key, px, bold in (("name", NAME_PX, True), ("role", ROLE_PX, False),
                          ("initials", INITIALS_PX, True), ("badge", BADGE_PX, True)):
        f = QFont()
        f.setPixelSize(px)
        f.setBold(bold)
        out[key] = f
    return out


_FONTS: dict[tuple[str, int], tuple[QFont, QFontMetricsF]] = {}


def font(key: str, px: int | None = None) -> QFont:
    """A label font, at its own pixel size or another (shrunken nodes)."""
    return _entry(key, px)[0]


def metrics(key: str, px: int | None = None) -> QFontMetricsF:
    return _entry(key, px)[1]


def _entry(key: str, px: int | None) -> tuple[QFont, QFontMetricsF]:
    entry = _FONTS.get((key, px))
    if entry is None:
        if not _FONTS:
            _FONTS.update({(k, None): (f, QFontMetricsF(f)) for k, f in fonts().items()})
        if px is None:
            return _FONTS[key, None]
        f = QFont(_FONTS[key, None][0])
        f.setPixelSize(px)
        entry = _FONTS[key, px] = (f, QFontMetricsF(f))
    return entry


_ADVANCES: dict[tuple[str, int | None, str], float] = {}


def advance(key: str, px: int | None, text: str) -> float:
    """The width of a short text (initials, a badge letter), measured once per font size."""
    width = _ADVANCES.get((key, px, text))
    if width is None:
        if len(_ADVANCES) > 4000:  # many clients' initials over a long session
            _ADVANCES.clear()
        width = _ADVANCES[key, px, text] = metrics(key, px).horizontalAdvance(text)
    return width


def draw_centred(painter, key: str, px: int | None, centre: QPointF, text: str,
                 width: float | None = None) -> None:
    """Text centred on a point; `width` is its advance when the caller already knows it."""
    # The same pixels as drawText in a rect with AlignCenter, at half the cost.
    fm = metrics(key, px)
    if width is None:
        width = advance(key, px, text)
    painter.setFont(font(key, px))
    painter.drawText(QPointF(centre.x() - width / 2,
                             centre.y() - fm.height() / 2 + fm.ascent()), text)


def text_colour(fill: QColor) -> QColor:
    """Dark or white initials, whichever reads better on `fill`."""
    lum = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF()
    return INK if lum > 0.6 else QColor("white")


def draw_disc(painter, fill: QColor, r: float, deceased: bool) -> None:
    """Shadow, white rim (or a dashed one for someone who has died) and the fill."""
    painter.setPen(Qt.NoPen)
    painter.setBrush(SHADOW)
    painter.drawEllipse(QPointF(0.8, 1.6), r + 1, r + 1)
    if deceased:
        painter.setBrush(fill)
        painter.setPen(QPen(QColor("#4a5563"), 1.6, Qt.DashLine))
        painter.drawEllipse(QPointF(0, 0), r, r)
    else:
        painter.setBrush(WHITE)
        painter.drawEllipse(QPointF(0, 0), r + 1, r + 1)
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(0, 0), r - 1, r - 1)


def paint_disc(painter, fill: QColor, r: float, deceased: bool) -> None:
    """The disc at the painter's origin: copied from a cache on screen, vectors elsewhere."""
    engine = painter.paintEngine()
    world = painter.worldTransform()
    if engine is None or engine.type() != QPaintEngine.Raster or world.m11() <= 0 \
            or world.type() not in UPRIGHT or world.m11() != world.m22():
        draw_disc(painter, fill, r, deceased)  # SVG, print, rotated: real vectors
        return
    # Filling anti-aliased circles, or resampling a cached one, was most of the time of
    # painting 60 nodes: the cache holds each disc at the device's own resolution and
    # it is copied pixel for pixel, centred on the nearest device pixel.
    dpr = painter.device().devicePixelRatioF() or 1.0
    pixmap = _disc(fill, r, world.m11() * dpr, deceased, dpr)
    centre = world.map(QPointF(0, 0))
    painter.setWorldTransform(IDENTITY)
    painter.drawPixmap(QPointF(round(centre.x() * dpr - pixmap.width() / 2) / dpr,
                               round(centre.y() * dpr - pixmap.height() / 2) / dpr), pixmap)
    painter.setWorldTransform(world)


_DISCS: dict[tuple, QPixmap] = {}


def _disc(fill: QColor, r: float, scale: float, deceased: bool, dpr: float) -> QPixmap:
    """A node's disc rendered once per colour, size and device scale, centred in its pixmap."""
    key = (fill.rgba(), round(r, 2), round(scale, 3), deceased, dpr)
    pixmap = _DISCS.get(key)
    if pixmap is None:
        size = max(1, math.ceil(2 * (r + 3) * scale))
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.translate(size / 2, size / 2)
        painter.scale(scale, scale)
        draw_disc(painter, fill, r, deceased)
        painter.end()
        pixmap.setDevicePixelRatio(dpr)
        if len(_DISCS) > 200:  # zooming makes new sizes; old ones are not needed again
            _DISCS.clear()
        _DISCS[key] = pixmap
    return pixmap
