"""The circle scene and view: snapping drags, click-to-add, keyboard, labels, export."""
import math

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from ipt_desktop import geometry as g
from ipt_desktop.ui.circle.export import export_image, render_image
from ipt_desktop.ui.circle.view import CircleView


def person(pid, name, ring, angle, **extra):
    return {"id": pid, "name": name, "ring": ring, "angle": angle, "role": "friend",
            "feeling": "supportive", "deceased": False, "problem_area": "", **extra}


@pytest.fixture
def view(qtbot):
    v = CircleView()
    qtbot.addWidget(v)
    v.resize(700, 700)
    v.show()
    qtbot.waitExposed(v)
    v.zoom_to_fit()
    return v


def at(view, x, y) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def test_drag_snaps_to_the_ring_and_reports_one_move(view, qtbot):
    scene = view.circle_scene()
    scene.set_people([person(1, "Maria Lopez", 1, 90)])
    moves = []
    scene.person_moved.connect(lambda *args: moves.append(args))
    start = at(view, *g.point(1, 90, scene.outer))
    # Release a little off the outer ring: the node lands exactly on it.
    end = at(view, *g.point(3, 45, scene.outer * 1.03))
    QTest.mousePress(view.viewport(), Qt.LeftButton, Qt.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(view.viewport(), start + (end - start) * step / 5)
    QTest.mouseRelease(view.viewport(), Qt.LeftButton, Qt.NoModifier, end)
    assert len(moves) == 1
    pid, ring, angle = moves[0]
    assert (pid, ring) == (1, 3)
    assert angle == pytest.approx(45, abs=3)
    item = scene.items_by_id[1]
    assert math.hypot(item.pos().x(), item.pos().y()) == pytest.approx(
        g.ring_radius(3, scene.outer), abs=0.5)


def test_click_on_a_ring_asks_to_add_there_but_not_between_rings(view):
    scene = view.circle_scene()
    scene.set_people([])
    asked = []
    scene.add_requested.connect(lambda ring, angle: asked.append((ring, round(angle))))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier,
                     at(view, *g.point(2, 200, scene.outer)))
    between = (g.ring_radius(1, scene.outer) + g.ring_radius(2, scene.outer)) / 2
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, at(view, between, 0))
    assert len(asked) == 1
    assert asked[0][0] == 2 and abs(asked[0][1] - 200) <= 1


def test_read_only_circle_neither_adds_nor_moves(view):
    scene = view.circle_scene()
    scene.set_people([person(1, "Ana", 2, 0)], editable=False)
    events = []
    scene.add_requested.connect(lambda *a: events.append("add"))
    scene.person_moved.connect(lambda *a: events.append("move"))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier,
                     at(view, *g.point(3, 90, scene.outer)))
    item = scene.items_by_id[1]
    item.setFocus()
    QTest.keyClick(view.viewport(), Qt.Key_Up)
    assert events == []


def test_keyboard_tab_reaches_nodes_and_arrows_move_between_rings(view):
    scene = view.circle_scene()
    scene.set_people([person(1, "Maria", 1, 90, role="parent"), person(2, "Joe", 2, 0)])
    moves, spoken = [], []
    scene.person_moved.connect(lambda *a: moves.append(a))
    scene.person_focused.connect(lambda pid, name: spoken.append(name))
    view.setFocus()
    QTest.keyClick(view, Qt.Key_Tab)
    focused = scene.focusItem()
    assert focused is not None and focused.pid in (1, 2)
    assert spoken and spoken[-1] == focused.accessible_name()
    assert scene.items_by_id[1].accessible_name() == "Maria, parent, inner circle"
    scene.items_by_id[2].setFocus()
    QTest.keyClick(view.viewport(), Qt.Key_Down)
    QTest.keyClick(view.viewport(), Qt.Key_Up)
    QTest.keyClick(view.viewport(), Qt.Key_Left)
    assert [(m[0], m[1]) for m in moves] == [(2, 3), (2, 1), (2, 2)]
    assert moves[2][2] == pytest.approx(10, abs=0.5)


def test_sixty_people_get_labels_that_never_overlap(view):
    scene = view.circle_scene()
    rings = [1] * 8 + [2] * 20 + [3] * 32
    scene.set_people([person(i, f"Person Number{i}", ring, (i * 37) % 360,
                             problem_area="grief" if i % 7 == 0 else "")
                      for i, ring in enumerate(rings)])
    items = list(scene.items_by_id.values())
    labels = [i.label_rect() for i in items if not i.label_rect().isEmpty()]
    assert len(labels) >= 20  # crowded, yet many still carry a name
    for a, item in enumerate(items):
        box = item.label_rect()
        for other in items[a + 1:]:
            centre = other.pos()
            gap = math.hypot(centre.x() - item.pos().x(), centre.y() - item.pos().y())
            assert gap >= item.radius + other.radius, "nodes overlap"
            if not box.isEmpty():
                assert not box.intersects(other.label_rect())
        for other in items:
            if not box.isEmpty():
                assert not g.disc_meets_box(other.pos().x(), other.pos().y(), other.radius,
                                            (box.x(), box.y(), box.width(), box.height()))
        assert scene.sceneRect().contains(item.sceneBoundingRect().center())


def test_a_calm_ring_shows_name_and_role(view):
    scene = view.circle_scene()
    scene.set_people([person(1, "Maria Lopez", 2, 90, role="parent", deceased=True)])
    item = scene.items_by_id[1]
    assert [t for _, t in item.label_lines()] == ["Maria Lopez", "parent, deceased"]


def test_export_png_and_svg(view, tmp_path):
    from ipt_desktop.services.errors import ValidationError
    scene = view.circle_scene()
    scene.set_client_name("Ana")
    scene.set_people([person(1, "Maria", 1, 90, feeling="conflictual")])
    scene.select_person(1)
    png = export_image(scene, tmp_path / "circle.png")
    svg = export_image(scene, tmp_path / "circle.svg")
    from PySide6.QtGui import QColor, QImage
    image = QImage(str(png))
    assert image.width() == 1600
    x, y = g.point(1, 90, scene.outer)
    y += g.node_radius(scene.outer) * 0.75  # below the initials, inside the disc
    rect = scene.sceneRect()
    px = round((x - rect.left()) * 1600 / rect.width())
    py = round((y - rect.top()) * 1600 / rect.width())
    assert image.pixelColor(px, py).name() == QColor(g.FEELING_COLOURS["conflictual"]).name()
    text = svg.read_text()
    assert "<svg" in text and "Maria" in text
    assert scene.selected_person() == 1  # exporting leaves the selection alone
    assert render_image(scene, 400).width() == 400
    with pytest.raises(ValidationError):
        export_image(scene, tmp_path / "circle.jpg")


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_node_discs_sit_centred_at_the_screens_pixel_density(view, ratio):
    # On screen a disc is copied from a cache rendered at the device's own resolution.
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    scene = view.circle_scene()
    scene.set_people([person(1, "Maria", 3, 0, feeling="conflictual")])
    rect = scene.sceneRect()
    width = 500  # logical pixels
    scale = width / rect.width()
    image = QImage(round(width * ratio), round(rect.height() * scale * ratio),
                   QImage.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform)
    scene.render(painter, QRectF(0, 0, width, rect.height() * scale), rect)
    painter.end()
    x, y = g.point(3, 0, scene.outer)
    r = scene.items_by_id[1].radius
    fill = QColor(g.FEELING_COLOURS["conflictual"]).name()

    def colour(sx, sy):
        return image.pixelColor(round((sx - rect.left()) * scale * ratio),
                                round((sy - rect.top()) * scale * ratio)).name()
    for dx, dy in ((0, r * 0.6), (-(r - 3), 0), (r - 3, 0), (0, r - 3)):
        assert colour(x + dx, y + dy) == fill, (dx, dy)
    for dx, dy in ((-(r + 4), 0), (r + 4, 0), (0, r + 5)):
        assert colour(x + dx, y + dy) != fill, (dx, dy)


def test_a_renamed_or_marked_person_gets_a_label_plate_that_fits(view):
    scene = view.circle_scene()
    scene.set_people([person(1, "Al", 2, 90)])
    item = scene.items_by_id[1]
    short_w, short_h = item.label_size("full")
    scene.upsert_person(person(1, "Alexandra Montgomery", 2, 90))
    wide_w, wide_h = item.label_size("full")
    assert wide_w > short_w + 40 and wide_h == short_h
    assert item.label_rect().width() == wide_w
    item.set_mark("added", "new since session 2")
    assert item.label_size("full")[1] > wide_h
