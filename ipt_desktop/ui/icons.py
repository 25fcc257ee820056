"""The bundled SVG icons (resources/icons), tinted for the palette and drawn when first shown."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPixmap

from .style import DISABLED_TEXT, ICONS

ICON_DIR = Path(ICONS)
_DEFAULT_STROKE = "#3d4852"
_CLEAR = QColor(0, 0, 0, 0)


def icon_path(name: str) -> Path:
    return ICON_DIR / f"{name}.svg"


class _SvgEngine(QIconEngine):
    """Draws one tinted SVG at the size asked for, once per size and mode.

    Most icons (menu entries) are never shown in a session, and the rest are needed
    at one or two sizes: rendering them only then keeps the start of the app quick.
    """

    def __init__(self, svg: str, colour: str):
        super().__init__()
        self._svg, self._colour = svg, colour
        self._renderers: dict[bool, object] = {}
        self._cache: dict[tuple, QPixmap] = {}

    def _pixmap(self, width: int, height: int, mode) -> QPixmap:
        # A disabled icon is the same drawing in the palette's disabled grey.
        disabled = mode == QIcon.Mode.Disabled
        width, height = max(1, width), max(1, height)
        key = (width, height, disabled)
        if key not in self._cache:
            if disabled not in self._renderers:
                from PySide6.QtSvg import QSvgRenderer  # the SVG module only once needed
                svg = self._svg.replace(_DEFAULT_STROKE, DISABLED_TEXT if disabled
                                        else self._colour)
                self._renderers[disabled] = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            pix = QPixmap(QSize(width, height))
            pix.fill(_CLEAR)
            painter = QPainter(pix)
            side = min(width, height)  # square drawings stay square in any box
            self._renderers[disabled].render(
                painter, QRectF((width - side) / 2, (height - side) / 2, side, side))
            painter.end()
            self._cache[key] = pix
        return self._cache[key]

    def pixmap(self, size, mode, state):
        return QPixmap(self._pixmap(size.width(), size.height(), mode))

    def scaledPixmap(self, size, mode, state, scale):  # noqa: N802 - Qt's name
        pix = QPixmap(self._pixmap(round(size.width() * scale), round(size.height() * scale),
                                   mode))
        pix.setDevicePixelRatio(scale)
        return pix

    def paint(self, painter, rect, mode, state):
        # The system's highest pixel ratio, not painter.device()'s: asking the device
        # makes PySide build a wrapper class for it, slow on the first paint.
        scale = QGuiApplication.instance().devicePixelRatio()
        side = min(rect.width(), rect.height())
        pix = self._pixmap(round(side * scale), round(side * scale), mode)
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2,
                           rect.y() + (rect.height() - side) // 2, side, side, pix)

    def actualSize(self, size, mode, state):  # noqa: N802 - Qt's name
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode=QIcon.Mode.Normal, state=QIcon.State.Off):  # noqa: N802
        return [QSize(s, s) for s in (16, 20, 24, 32, 48)]

    def isNull(self):  # noqa: N802 - Qt's name
        return False

    def key(self):
        return "ipt-svg"

    def clone(self):
        copy = _SvgEngine(self._svg, self._colour)
        _CLONES.append(copy)  # Qt owns the copy; Python must not free it first
        return copy


_CLONES: list[_SvgEngine] = []


@lru_cache(maxsize=None)
def icon(name: str, colour: str = _DEFAULT_STROKE) -> QIcon:
    """The named icon drawn in `colour`; an empty icon if the file is missing."""
    path = icon_path(name)
    if not path.exists():
        return QIcon()
    return QIcon(_SvgEngine(path.read_text(encoding="utf-8"), colour))
