"""The people on the circle: one node item per person, drawn in a single paint call."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from ... import geometry as g
from .look import (  # noqa: F401 - colours and fonts are imported from here by others
    BADGE_PX,
    INITIALS_PX,
    INK,
    MARK_COLOURS,
    MUTED,
    NAME_PX,
    ROLE_PX,
    SELECT,
    WHITE,
    draw_centred,
    fonts,
    metrics,
    paint_disc,
    text_colour,
)

LABEL_MAX = 92.0  # widest label in scene units: keeps it clear of the next ring
DETAILS = ("full", "name", "none")  # how much label a node shows, richest first


def accessible_name(person: dict) -> str:
    """What a screen reader says for a node: 'Maria, parent, inner circle'."""
    parts = [person["name"], person.get("role") or "other",
             f"{g.RING_SHORT[person['ring']]} circle"]
    if person.get("deceased"):
        parts.append("deceased")
    if person.get("problem_area"):
        parts.append(g.AREA_NAMES[person["problem_area"]].lower())
    return ", ".join(parts)


class PersonItem(QGraphicsItem):
    """A person's node: disc in the feeling's colour, initials, badges and a label below."""

    def __init__(self, person: dict, radius: float, editable: bool = True):
        super().__init__()
        self.radius = radius
        self.base_radius = radius
        self.detail = self.room_detail = "full"
        self._label_box: QRectF | None = None
        self._sizes: dict[str, tuple[float, float]] = {}  # label size by detail
        self.mark: tuple[str, str] | None = None  # (kind, short text) in first-vs-now
        self.editable = editable
        self.dragging = False
        self.drag_target: tuple[int, float] | None = None
        self._press_pos: QPointF | None = None
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsFocusable)
        if editable:
            self.setCursor(Qt.OpenHandCursor)
        self.set_person(person)

    # -- data ---------------------------------------------------------------------
    @property
    def pid(self) -> int:
        return self.person["id"]

    def set_person(self, person: dict) -> None:
        self.prepareGeometryChange()
        self.person = dict(person)
        self.initials = g.initials(person["name"])
        self.fill = QColor(g.FEELING_COLOURS.get(person.get("feeling") or "unknown",
                                                 g.FEELING_COLOURS["unknown"]))
        if person.get("deceased"):
            self.fill = QColor.fromRgbF(*(0.55 * c + 0.45 for c in self.fill.getRgbF()[:3]))
        self.area_mark = g.AREA_MARKS.get(person.get("problem_area") or "")
        self._sizes.clear()
        self._widths = {}
        words = person["name"].split()
        self.name_text = self._fit("name", person["name"])
        self.first_text = self._fit("name", words[0] if words else person["name"])
        self.role_text = self._fit("role", (person.get("role") or "other")
                                   + (", deceased" if person.get("deceased") else ""))
        self.setToolTip(self.tooltip())
        self._update_shape()

    def _fit(self, key: str, text: str) -> str:
        """`text` shortened with an ellipsis to LABEL_MAX, its width kept for layout."""
        fm = metrics(key)
        width = fm.horizontalAdvance(text)
        if width > LABEL_MAX:  # eliding measures again: only for text that needs it
            text = fm.elidedText(text, Qt.ElideRight, LABEL_MAX)
            width = fm.horizontalAdvance(text)
        self._widths[key, text] = width
        return text

    def _width(self, key: str, text: str) -> float:
        width = self._widths.get((key, text))
        if width is None:
            width = self._widths[key, text] = metrics(key).horizontalAdvance(text)
        return width

    def tooltip(self) -> str:
        p = self.person
        lines = [f"<b>{_esc(p['name'])}</b> ({_esc(p.get('role') or 'other')})",
                 g.RING_NAMES[p["ring"]], f"Feels: {p.get('feeling') or 'unknown'}"]
        if p.get("problem_area"):
            lines.append(f"Problem area: {g.AREA_NAMES[p['problem_area']]}")
        if p.get("deceased"):
            lines.append("Deceased")
        if self.mark:
            lines.append(f"<i>{_esc(self.mark[1])}</i>")
        return "<br>".join(lines)

    def accessible_name(self) -> str:
        return accessible_name(self.person)

    def set_mark(self, kind: str | None, text: str = "") -> None:
        self.prepareGeometryChange()
        self.mark = (kind, text) if kind else None
        self._sizes.clear()
        self.setToolTip(self.tooltip())
        self._update_shape()

    def label_lines(self, detail: str | None = None) -> list[tuple[str, str]]:
        """(font key, text) of each label line at a level of detail."""
        detail = detail or self.detail
        if detail == "none":
            lines = []
        elif detail == "name":
            lines = [("name", self.first_text)]
        else:
            lines = [("name", self.name_text), ("role", self.role_text)]
        if self.mark and detail != "none":
            lines.append(("role", self.mark[1]))
        return lines

    def label_size(self, detail: str) -> tuple[float, float]:
        """Width and height of the label plate at `detail` (0, 0 for none)."""
        size = self._sizes.get(detail)
        if size is None:  # measured once: layout asks for every detail of every node
            lines = self.label_lines(detail)
            if not lines:
                size = 0.0, 0.0
            else:
                size = (max(self._width(k, t) + 6 for k, t in lines),
                        sum(metrics(k).height() for k, _ in lines) + 2)
            self._sizes[detail] = size
        return size

    def footprint(self, detail: str, radius: float) -> float:
        """Room this node needs along its ring at `detail`: the diagonal of node plus label."""
        w, h = self.label_size(detail)
        if not w:
            return 2 * radius + 4
        return math.hypot(max(w, 2 * radius), 2 * radius + h + 2)

    def set_detail(self, detail: str, radius: float) -> None:
        """Node size and the label level the ring has room for (before label placement)."""
        self.room_detail = detail
        if (detail, radius) != (self.detail, self.radius):
            self.prepareGeometryChange()
            self.detail, self.radius = detail, radius
            self._update_shape()

    def set_label(self, detail: str, box: tuple | None) -> None:
        """Where the label goes: `box` (left, top, w, h) in scene units, or None for none."""
        rect = QRectF(*box).translated(-self.pos()) if box else None
        if detail != self.detail or rect != self._label_box:
            self.prepareGeometryChange()
            self.detail = detail if box else "none"
            self._label_box = rect
            self._update_shape()

    def _update_shape(self) -> None:
        r = self.radius
        node = QRectF(-r - 8, -r - 8, 2 * r + 16, 2 * r + 16)
        if self._label_box is None or not self.label_lines():
            self._bounds = node
        else:
            self._bounds = node.united(self._label_box)

    def label_rect(self) -> QRectF:
        """The label's box in scene coordinates (empty when the label is hidden)."""
        if self._label_box is None or not self.label_lines():
            return QRectF()
        return self._label_box.translated(self.pos())

    def node_rect(self) -> QRectF:
        r = self.radius
        return QRectF(-r, -r, 2 * r, 2 * r).translated(self.pos())

    # -- drawing ------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        r = self.radius
        path.addEllipse(QPointF(0, 0), r + 2, r + 2)
        return path

    def paint(self, painter, option, widget=None) -> None:
        r = self.radius
        p = self.person
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        if self.mark:
            painter.setPen(QPen(MARK_COLOURS[self.mark[0]], 2.2,
                                Qt.DashLine if self.mark[0] == "removed" else Qt.SolidLine))
            painter.setBrush(Qt.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r + 4.5, r + 4.5)
        if self.isSelected() or self.dragging:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(44, 110, 116, 70))
            painter.drawEllipse(QPointF(0, 0), r + 5, r + 5)
        paint_disc(painter, self.fill, r, bool(p.get("deceased")))
        if self.hasFocus():
            painter.setPen(QPen(SELECT, 1.5, Qt.DotLine))
            painter.setBrush(Qt.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r + 7, r + 7)
        if r >= 9:
            painter.setPen(text_colour(self.fill))
            draw_centred(painter, "initials", max(7, round(
                INITIALS_PX * min(1.0, r / self.base_radius))), QPointF(0, 0), self.initials)
        badge = max(5.0, r * 0.42)
        if self.area_mark:
            self._badge(painter, QPointF(r * 0.78, -r * 0.78), badge, self.area_mark)
        if p.get("deceased"):
            self._cross(painter, QPointF(-r * 0.8, -r * 0.8), badge)
        self._paint_label(painter)

    def _badge(self, painter, at: QPointF, size: float, letter: str) -> None:
        painter.setPen(Qt.NoPen)
        painter.setBrush(INK)
        painter.drawEllipse(at, size, size)
        painter.setBrush(WHITE)
        painter.drawEllipse(at, size - 1.1, size - 1.1)
        painter.setPen(INK)
        draw_centred(painter, "badge", max(6, round(size * 1.35)), at, letter)

    def _cross(self, painter, at: QPointF, size: float) -> None:
        painter.setPen(QPen(INK, 1.0))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(at, size, size)
        painter.setPen(QPen(INK, 1.4))
        s = size * 0.6
        painter.drawLine(QPointF(at.x(), at.y() - s), QPointF(at.x(), at.y() + s))
        painter.drawLine(QPointF(at.x() - s * 0.65, at.y() - s * 0.3),
                         QPointF(at.x() + s * 0.65, at.y() - s * 0.3))

    def _paint_label(self, painter) -> None:
        lines = self.label_lines()
        if not lines or self._label_box is None:
            return
        box = self._label_box
        # A translucent plate keeps the words readable over ring lines and captions.
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 3, 3)
        y, mid = box.top() + 1, box.center().x()
        for i, (key, text) in enumerate(lines):
            height = metrics(key).height()
            colour = INK if key == "name" else MUTED
            if self.mark and i == len(lines) - 1:
                colour = MARK_COLOURS[self.mark[0]]
            painter.setPen(colour)
            draw_centred(painter, key, None, QPointF(mid, y + height / 2), text,
                         self._width(key, text))
            y += height

    # -- interaction --------------------------------------------------------------
    # The drag is done here rather than through ItemIsMovable + itemChange: an itemChange
    # override is called from C++ for every flag, cursor and position change, which
    # made building 60 nodes several times slower.
    def mousePressEvent(self, event):  # noqa: N802
        if event.button() != Qt.LeftButton:
            return super().mousePressEvent(event)
        scene = self.scene()
        if scene is not None:
            for other in scene.selectedItems():
                if other is not self:
                    other.setSelected(False)
        self.setSelected(True)
        self.setFocus(Qt.MouseFocusReason)
        self._press_pos = QPointF(self.pos())
        self._grab = event.scenePos() - self.pos()
        if self.editable:
            self.setCursor(Qt.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event):  # noqa: N802
        scene = self.scene()
        if not (self.editable and event.buttons() & Qt.LeftButton and scene is not None
                and self._press_pos is not None):
            return
        if not self.dragging:
            self.dragging = True
            self.setZValue(10)
        target = event.scenePos() - self._grab
        ring, angle = g.snap(target.x(), target.y(), scene.outer)
        self.drag_target = (ring, angle)
        scene.drag_hover(self, ring)
        self.setPos(*g.point(ring, angle, scene.outer))

    def mouseReleaseEvent(self, event):  # noqa: N802
        was_dragging, self.dragging = self.dragging, False
        self.setZValue(5)
        if self.editable:
            self.setCursor(Qt.OpenHandCursor)
        scene = self.scene()
        if scene is not None:
            scene.drag_hover(self, None)
        if was_dragging and self.drag_target and self._press_pos is not None \
                and (self.pos() - self._press_pos).manhattanLength() > 0.5 and scene:
            ring, angle = self.drag_target
            scene.item_dropped(self, ring, angle)
        self.drag_target = None
        self._press_pos = None
        event.accept()

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        scene = self.scene()
        if scene is not None:
            scene.edit_requested.emit(self.pid)
        event.accept()

    def keyPressEvent(self, event):  # noqa: N802
        scene = self.scene()
        if scene is None or not scene.key_on_item(self, event.key()):
            super().keyPressEvent(event)

    def focusInEvent(self, event):  # noqa: N802
        super().focusInEvent(event)
        self.update()
        scene = self.scene()
        if scene is not None:
            if not self.isSelected():
                scene.clearSelection()
                self.setSelected(True)
            scene.person_focused.emit(self.pid, self.accessible_name())

    def focusOutEvent(self, event):  # noqa: N802
        super().focusOutEvent(event)
        self.update()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
