"""The Interpersonal Circle as a QGraphicsScene: rings, the client, people and a legend.

The scene only draws and reports intents (moved, add here, edit, remove); the view
that owns it turns them into document commands and feeds back the saved rows.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene

from ... import geometry as g
from . import drawing
from .items import DETAILS, MARK_COLOURS, PersonItem

OUTER = 300.0  # scene units; the view scales the whole picture to the window
BAND_EDGE = 42.0  # how far a ring's band reaches beyond its ring line
MARGIN = 42.0
BAND_FILLS = {1: QColor("#dcebeb"), 2: QColor("#e8f1f1"), 3: QColor("#f3f7f7")}
RING_LINE = QColor("#a9c2c5")
CENTRE_FILL = drawing.CENTRE_FILL
CAPTIONS = {1: "INNER  ·  MOST INTIMATE", 2: "MIDDLE  ·  CLOSE",
            3: "OUTER  ·  IMPORTANT, NOT CLOSE"}
KEY_STEP_DEG = 10  # one arrow press moves a node this far along its ring
MARK_WORDS = {"added": "new since", "moved": "moved ring", "removed": "no longer on it"}


def band_limits(ring: int, outer: float = OUTER) -> tuple[float, float]:
    """Inner and outer radius of the zone that snaps to `ring`."""
    radii = [g.ring_radius(r, outer) for r in g.RINGS]
    i = ring - 1
    low = g.CENTRE_FRACTION * outer if i == 0 else (radii[i - 1] + radii[i]) / 2
    high = radii[i] + BAND_EDGE if i == 2 else (radii[i] + radii[i + 1]) / 2
    return low, high


def _annulus(low: float, high: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(0, 0), high, high)
    path.addEllipse(QPointF(0, 0), low, low)
    return path


class CircleScene(QGraphicsScene):
    """One client's circle; `editable` False shows a past session (read-only)."""

    person_moved = Signal(int, int, float)  # person id, ring, angle
    add_requested = Signal(int, float)  # ring, angle
    edit_requested = Signal(int)
    remove_requested = Signal(int)
    person_focused = Signal(int, str)  # person id, accessible name
    selected_person_changed = Signal(int)  # person id, -1 for none

    def __init__(self, parent=None, outer: float = OUTER):
        super().__init__(parent)
        # A few dozen items: a linear scan beats rebuilding a BSP tree after every load.
        self.setItemIndexMethod(QGraphicsScene.NoIndex)
        self.outer = outer
        self.editable = True
        self.client_name = ""
        self.items_by_id: dict[int, PersonItem] = {}
        self._extras: list[QGraphicsItem] = []
        self.show_mark_legend = False
        self._legend_rows = 2
        self._update_rect()
        self._highlight = QGraphicsPathItem()
        self._highlight.setPen(Qt.NoPen)
        self._highlight.setBrush(QColor(44, 110, 116, 38))
        self._highlight.setZValue(-1)
        self._highlight.setVisible(False)
        self.addItem(self._highlight)
        self._ghost = _AddGhost(g.node_radius(outer))
        self._ghost.setVisible(False)
        self.addItem(self._ghost)
        self.selectionChanged.connect(self._selection_changed)

    # -- content ------------------------------------------------------------------
    def _update_rect(self) -> None:
        half = self.outer + MARGIN
        legend = 26 + 22 * self._legend_rows
        rect = QRectF(-half, -half, 2 * half, 2 * half + legend)
        if rect != self.sceneRect():  # an unchanged rect would still refit the view
            self.setSceneRect(rect)

    def set_client_name(self, name: str) -> None:
        self.client_name = name
        self.invalidate(self.sceneRect(), QGraphicsScene.BackgroundLayer)

    def set_people(self, people: list[dict], editable: bool = True,
                   marks: dict[int, tuple[str, str]] | None = None,
                   moved_from: dict[int, tuple[int, float]] | None = None,
                   mark_legend: bool | None = None) -> None:
        """Replace everyone; `marks` tag people in first-vs-now, `moved_from` draws arrows."""
        self.editable = editable
        self._ghost.setVisible(False)
        for item in list(self.items_by_id.values()) + self._extras:
            self.removeItem(item)
        self.items_by_id.clear()
        self._extras.clear()
        radius = g.node_radius(self.outer)
        for person in people:  # already in ring, angle order: that is the Tab order
            item = PersonItem(person, radius, editable)
            item.setZValue(1)
            if marks and person["id"] in marks:
                item.set_mark(*marks[person["id"]])
            self.items_by_id[person["id"]] = item
            self.addItem(item)
        legend = bool(marks) if mark_legend is None else mark_legend
        redraw = legend != self.show_mark_legend
        self.show_mark_legend = legend
        self._legend_rows = 3 if legend else 2
        self._update_rect()
        self.relayout()
        for pid, (ring, angle) in (moved_from or {}).items():
            if pid in self.items_by_id:
                self._add_trail(self.items_by_id[pid], ring, angle)
        if redraw:  # the background (rings, legend) is cached by the view: keep it if same
            self.invalidate(self.sceneRect(), QGraphicsScene.BackgroundLayer)

    def _add_trail(self, item: PersonItem, ring: int, angle: float) -> None:
        """A faint dashed trace from where the person was to where they are now."""
        x, y = g.point(ring, angle, self.outer)
        path = QPainterPath()
        path.addEllipse(QPointF(x, y), item.radius * 0.55, item.radius * 0.55)
        path.moveTo(x, y)
        path.lineTo(item.pos())
        trail = QGraphicsPathItem(path)
        trail.setPen(QPen(MARK_COLOURS["moved"], 1.4, Qt.DashLine))
        trail.setZValue(0.5)
        self.addItem(trail)
        self._extras.append(trail)

    def upsert_person(self, person: dict) -> None:
        """Add or refresh one person and re-space the rings they left or joined."""
        item = self.items_by_id.get(person["id"])
        rings = {person["ring"]}
        if item is None:
            item = PersonItem(person, g.node_radius(self.outer), self.editable)
            item.setZValue(1)
            self.items_by_id[person["id"]] = item
            self.addItem(item)
        else:
            rings.add(item.person["ring"])
            item.set_person(person)
        self.relayout(rings)

    def remove_person(self, pid: int) -> None:
        item = self.items_by_id.pop(pid, None)
        if item is not None:
            ring = item.person["ring"]
            self.removeItem(item)
            self.relayout({ring})

    def relayout(self, rings=None) -> None:
        """Place nodes with as much label as each ring has room for, never overlapping."""
        base = g.node_radius(self.outer)
        for ring in rings or g.RINGS:
            on_ring = [i for i in self.items_by_id.values() if i.person["ring"] == ring]
            if not on_ring:
                continue
            room = g.room_per_person(ring, len(on_ring), self.outer)
            radius, chosen, width = base, "none", None
            for detail in DETAILS:
                need = max(i.footprint(detail, base) for i in on_ring)
                if need <= room:
                    chosen, width = detail, need
                    break
            if width is None:  # even bare nodes do not fit: shrink them to the room left
                radius = max(2.0, (room - 4) / 2)
                width = max(room, 1.0)
            placements = g.layout([{"id": i.pid, "ring": ring, "angle": i.person["angle"]}
                                   for i in on_ring], self.outer,
                                  {i.pid: width for i in on_ring})
            for item in on_ring:
                item.set_detail(chosen, radius)
                spot = placements[item.pid]
                item.setPos(spot.x, spot.y)
                item.shown_angle = spot.angle
        self.place_labels()

    def place_labels(self) -> None:
        """Put every label where it touches nothing (any ring), dropping detail if needed."""
        ordered = sorted(self.items_by_id.values(),
                         key=lambda i: (i.person["ring"], getattr(i, "shown_angle", 0)))
        nodes = {i.pid: (i.pos().x(), i.pos().y(), i.radius + 3) for i in ordered}
        # A crowded ring spaces bare nodes, but a first name still goes wherever it fits.
        details = {i.pid: [d for d in DETAILS[DETAILS.index(i.room_detail):] if d != "none"]
                   or ["name"] for i in ordered}
        options = {pid: [self.items_by_id[pid].label_size(d) for d in ds]
                   for pid, ds in details.items()}
        half = self.outer + MARGIN
        spots = g.place_labels(nodes, options, g.CENTRE_FRACTION * self.outer + 3,
                               (-half, -half, half, half))
        for item in ordered:
            spot = spots.get(item.pid)
            if spot is None:
                item.set_label("none", None)
            else:
                item.set_label(details[item.pid][spot[0]], spot[2])

    # -- selection ----------------------------------------------------------------
    def selected_person(self) -> int | None:
        for item in self.selectedItems():
            if isinstance(item, PersonItem):
                return item.pid
        return None

    def select_person(self, pid: int | None) -> None:
        if pid == self.selected_person():
            return
        self.clearSelection()
        item = self.items_by_id.get(pid) if pid is not None else None
        if item is not None:
            item.setSelected(True)

    def _selection_changed(self) -> None:
        for item in self.items_by_id.values():
            if item.zValue() != 10:
                item.setZValue(5 if item.isSelected() else 1)
        pid = self.selected_person()
        self.selected_person_changed.emit(-1 if pid is None else pid)

    def tab_order(self) -> list[PersonItem]:
        """Inner ring first, each ring clockwise from 12 o'clock, as one reads the picture."""
        return sorted(self.items_by_id.values(), key=lambda i: (
            i.person["ring"], (90 - getattr(i, "shown_angle", i.person["angle"])) % 360))

    def focus_next(self, forward: bool = True) -> bool:
        """Move keyboard focus to the next person; False when there is none left."""
        order = self.tab_order()
        if not forward:
            order.reverse()
        current = self.focusItem()
        index = order.index(current) + 1 if current in order else 0
        if index >= len(order):
            self.clearFocus()
            return False
        order[index].setFocus(Qt.TabFocusReason)
        return True

    # -- intents from items -------------------------------------------------------
    def drag_hover(self, item: PersonItem, ring: int | None) -> None:
        """Shade the band a dragged node would land in."""
        if ring is None:
            self._highlight.setVisible(False)
            return
        self._highlight.setPath(_annulus(*band_limits(ring, self.outer)))
        self._highlight.setVisible(True)

    def item_dropped(self, item: PersonItem, ring: int, angle: float) -> None:
        if (ring, round(angle) % 360) == (item.person["ring"], item.person["angle"]):
            return
        self.person_moved.emit(item.pid, ring, angle)

    def key_on_item(self, item: PersonItem, key) -> bool:
        """Arrow keys move, Delete removes, Enter edits; True when the key was used."""
        if key in (Qt.Key_Return, Qt.Key_Enter):
            self.edit_requested.emit(item.pid)
            return True
        if not self.editable:
            return False
        ring = item.person["ring"]
        angle = getattr(item, "shown_angle", item.person["angle"])
        if key == Qt.Key_Up and ring > 1:
            self.person_moved.emit(item.pid, ring - 1, angle)
        elif key == Qt.Key_Down and ring < 3:
            self.person_moved.emit(item.pid, ring + 1, angle)
        elif key == Qt.Key_Left:
            self.person_moved.emit(item.pid, ring, (angle + KEY_STEP_DEG) % 360)
        elif key == Qt.Key_Right:
            self.person_moved.emit(item.pid, ring, (angle - KEY_STEP_DEG) % 360)
        elif key in (Qt.Key_Delete, Qt.Key_Backspace):
            self.remove_requested.emit(item.pid)
        elif key in (Qt.Key_Up, Qt.Key_Down):
            return True  # already at the innermost / outermost ring: nothing to do
        else:
            return False
        return True

    def ring_at(self, pos: QPointF) -> int | None:
        """The ring whose line `pos` is on (within a node's reach), for click-to-add."""
        d = math.hypot(pos.x(), pos.y())
        reach = g.node_radius(self.outer) * 1.4
        for ring in g.RINGS:
            if abs(d - g.ring_radius(ring, self.outer)) <= reach:
                return ring
        return None

    def _person_at(self, pos: QPointF) -> PersonItem | None:
        for item in self.items(pos):
            if isinstance(item, PersonItem):
                return item
        return None

    def mouseMoveEvent(self, event):  # noqa: N802
        super().mouseMoveEvent(event)
        pos = event.scenePos()
        ring = self.ring_at(pos) if self.editable and not event.buttons() else None
        if ring is not None and self._person_at(pos) is None:
            self._ghost.setPos(*g.point(ring, g.angle_of(pos.x(), pos.y()), self.outer))
            self._ghost.setVisible(True)
        else:
            self._ghost.setVisible(False)

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        if not self.editable or event.button() != Qt.LeftButton:
            return
        pos, down = event.scenePos(), event.buttonDownScenePos(Qt.LeftButton)
        if (pos - down).manhattanLength() > 4 or self._person_at(down) is not None:
            return
        ring = self.ring_at(pos)
        if ring is not None:
            self._ghost.setVisible(False)
            self.add_requested.emit(ring, g.angle_of(pos.x(), pos.y()))

    # -- background: bands, rings, captions, the client, the legend -----------------
    def drawBackground(self, painter, rect) -> None:  # noqa: N802
        painter.fillRect(rect, QColor("white"))
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setRenderHint(painter.RenderHint.TextAntialiasing)
        for ring in reversed(g.RINGS):
            low, high = band_limits(ring, self.outer)
            painter.setPen(QPen(QColor("#cfdcde"), 1.0))
            painter.setBrush(BAND_FILLS[ring])
            painter.drawEllipse(QPointF(0, 0), high, high)
        painter.setBrush(Qt.NoBrush)
        for ring in g.RINGS:
            painter.setPen(QPen(RING_LINE, 1.6))
            r = g.ring_radius(ring, self.outer)
            painter.drawEllipse(QPointF(0, 0), r, r)
            drawing.caption(painter, CAPTIONS[ring], band_limits(ring, self.outer)[1] - 13)
        drawing.centre(painter, g.CENTRE_FRACTION * self.outer, self.client_name)
        drawing.legend(painter, self.outer + MARGIN + 14, self.show_mark_legend)

class _AddGhost(QGraphicsItem):
    """The dashed '+' that shows where a click on a ring would add someone."""

    def __init__(self, radius: float):
        super().__init__()
        self.radius = radius
        self.setZValue(0.8)
        self.setAcceptedMouseButtons(Qt.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = self.radius + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(QPen(CENTRE_FILL, 1.5, Qt.DashLine))
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawEllipse(QPointF(0, 0), self.radius, self.radius)
        s = self.radius * 0.45
        painter.setPen(QPen(CENTRE_FILL, 2))
        painter.drawLine(QPointF(-s, 0), QPointF(s, 0))
        painter.drawLine(QPointF(0, -s), QPointF(0, s))
