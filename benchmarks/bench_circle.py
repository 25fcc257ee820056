"""Benchmark (not a test): the Interpersonal Circle with 60 people.

Goals: build the scene and render it in a 1600x1000 window within 35 ms; one drag step
(mouse move, snap, repaint) within 16 ms, i.e. one frame at 60 Hz. Each figure is the
median of at least five runs. Run: python benchmarks/bench_circle.py [--quick]
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOALS_MS = {"circle build+render, 60 people": 35.0, "circle drag repaint": 16.0}
ROLES = ("partner", "parent", "child", "sibling", "other family", "friend", "colleague",
         "professional", "other")
FEELINGS = ("supportive", "mixed", "conflictual", "unknown")
AREAS = ("", "", "", "dispute", "transition", "grief", "sensitivity")


def people(count: int = 60) -> list[dict]:
    """A crowded but plausible inventory: fewer people close in, more further out."""
    rings = [1] * (count * 2 // 15) + [2] * (count // 3)
    rings += [3] * (count - len(rings))
    return [{"id": i + 1, "name": f"Person {i + 1} Example", "role": ROLES[i % len(ROLES)],
             "ring": ring, "angle": (i * 47) % 360, "feeling": FEELINGS[i % 4],
             "problem_area": AREAS[i % len(AREAS)], "deceased": i % 17 == 0}
            for i, ring in enumerate(rings)]


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def run(quick: bool = False) -> list[dict]:
    """Measure; returns [{"name", "value", "unit", "goal", "ok"}]."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ipt_desktop import geometry as g
    from ipt_desktop.ui.circle.view import CircleView

    app = QApplication.instance() or QApplication([])
    runs = 5 if quick else 15
    crowd = people(60)
    view = CircleView()
    view.resize(1600, 1000)
    view.show()
    app.processEvents()
    view.set_people = view.circle_scene().set_people

    def build_and_render():
        view.set_people(crowd)
        view.viewport().repaint()

    build_and_render()  # warm: fonts and metrics are loaded once per process
    build = []
    for _ in range(runs):
        view.set_people([])
        app.processEvents()
        start = time.perf_counter()
        build_and_render()
        build.append((time.perf_counter() - start) * 1000)

    scene = view.circle_scene()
    app.processEvents()
    item = next(i for i in scene.items_by_id.values() if i.person["ring"] == 2)
    port = view.viewport()
    press = view.mapFromScene(item.pos())
    QTest.mousePress(port, Qt.LeftButton, Qt.NoModifier, press)
    drag = []
    steps = max(runs, 10) * 2
    for step in range(1, steps + 1):
        # Sweep along the ring and across to the next one, as a hand would.
        angle = item.person["angle"] + step * 3
        ring_r = g.ring_radius(2, scene.outer) + (step % 7) * 6
        target = view.mapFromScene(QPointF(*g.point(2, angle, scene.outer))
                                   * (ring_r / g.ring_radius(2, scene.outer)))
        start = time.perf_counter()
        QTest.mouseMove(port, target)
        app.processEvents()
        drag.append((time.perf_counter() - start) * 1000)
    QTest.mouseRelease(port, Qt.LeftButton, Qt.NoModifier, target)
    view.close()
    out = []
    for name, samples in (("circle build+render, 60 people", build),
                          ("circle drag repaint", drag[1:])):
        value = round(_median(samples), 2)
        goal = GOALS_MS[name]
        out.append({"name": name, "value": value, "unit": "ms", "goal": goal,
                    "ok": value <= goal})
    return out


def main(argv=None) -> int:
    quick = "--quick" in (argv if argv is not None else sys.argv[1:])
    results = run(quick)
    for r in results:
        verdict = "ok" if r["ok"] else "SLOWER THAN GOAL"
        print(f"{r['name']:<34} {r['value']:8.2f} {r['unit']}  (goal {r['goal']:.0f} ms)  "
              f"{verdict}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
