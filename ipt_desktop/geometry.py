"""Geometry of the Interpersonal Circle, shared by the screen and the printed page.

Pure functions in a unit square-free coordinate system: the diagram has outer
radius R (any unit: pixels on screen, points on paper), the client at (0, 0), y
pointing down as on screen (the PDF renderer flips it). Angles are degrees,
0 = right (3 o'clock), increasing counter-clockwise, as stored on Person.angle.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

RINGS = (1, 2, 3)
RING_NAMES = {1: "Inner circle: most intimate", 2: "Middle circle: close",
              3: "Outer circle: important, not close"}
RING_SHORT = {1: "inner", 2: "middle", 3: "outer"}
# Radius of each ring as a fraction of R; the client's disc sits inside the first.
RING_FRACTION = {1: 0.34, 2: 0.62, 3: 0.90}
CENTRE_FRACTION = 0.13
NODE_FRACTION = 0.055  # node radius / R
LABEL_GAP_DEG = 4.0  # breathing room between neighbouring footprints on a ring

FEELING_COLOURS = {  # calm, print-safe colours with a clear difference in lightness
    "supportive": "#3b8f6b",
    "mixed": "#d09a2c",
    "conflictual": "#c0504d",
    "unknown": "#8a94a6",
}
AREA_MARKS = {"dispute": "D", "transition": "T", "grief": "G", "sensitivity": "S"}
AREA_NAMES = {"dispute": "Interpersonal dispute", "transition": "Role transition",
              "grief": "Grief and loss", "sensitivity": "Interpersonal sensitivity"}


def ring_radius(ring: int, outer: float) -> float:
    return RING_FRACTION[ring] * outer


def node_radius(outer: float) -> float:
    return NODE_FRACTION * outer


def point(ring: int, angle: float, outer: float) -> tuple[float, float]:
    """Centre of a node on `ring` at `angle` (y down)."""
    r = ring_radius(ring, outer)
    a = math.radians(angle)
    return r * math.cos(a), -r * math.sin(a)


def angle_of(x: float, y: float) -> float:
    """The stored angle (degrees, counter-clockwise from 3 o'clock) of a point, y down."""
    return math.degrees(math.atan2(-y, x)) % 360


def nearest_ring(x: float, y: float, outer: float) -> int:
    """The ring a dropped point snaps to: boundaries half-way between rings."""
    d = math.hypot(x, y)
    best = min(RINGS, key=lambda ring: abs(ring_radius(ring, outer) - d))
    return best


def snap(x: float, y: float, outer: float) -> tuple[int, float]:
    """Ring and angle for a point dragged to (x, y)."""
    return nearest_ring(x, y, outer), angle_of(x, y)


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalnum()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].capitalize()
    return (parts[0][0] + parts[-1][0]).upper()


@dataclass(frozen=True)
class Placement:
    """Where a person is drawn: ring, the displayed angle and the node centre."""
    person_id: int
    ring: int
    angle: float
    x: float
    y: float


def min_separation(ring: int, outer: float, footprint: float | None = None) -> float:
    """Smallest angle (degrees) between two neighbours on `ring` so footprints never touch.

    `footprint` is the width a node and its label take along the ring (same unit as
    `outer`); by default a node's diameter plus a label a little wider than it.
    """
    width = footprint if footprint is not None else node_radius(outer) * 3.4
    r = ring_radius(ring, outer)
    return math.degrees(width / r) + LABEL_GAP_DEG


def spread(angles: list[float], separation: float) -> list[float]:
    """Angles moved as little as possible so that neighbours are `separation` apart.

    Keeps the order around the ring; if the ring is too full for the separation,
    people are spaced evenly instead (the best that can be done on that ring).
    """
    n = len(angles)
    if n <= 1:
        return [a % 360 for a in angles]
    if separation * n >= 360:
        order = sorted(range(n), key=lambda i: angles[i] % 360)
        start = angles[order[0]] % 360
        out = [0.0] * n
        for k, i in enumerate(order):
            out[i] = (start + k * 360 / n) % 360
        return out
    order = sorted(range(n), key=lambda i: angles[i] % 360)
    pos = [angles[i] % 360 for i in order]
    # Relax: push overlapping neighbours apart symmetrically, wrapping around 360.
    for _ in range(200):
        moved = False
        for k in range(n):
            gap = pos[0] + 360 - pos[-1] if k == n - 1 else pos[k + 1] - pos[k]
            if gap < separation - 1e-6:
                push = (separation - gap) / 2
                pos[k] -= push
                if k == n - 1:
                    pos[0] += push
                else:
                    pos[k + 1] += push
                moved = True
        if not moved:
            break
    else:
        pos = _settle(pos, separation)
    out = [0.0] * n
    for k, i in enumerate(order):
        out[i] = pos[k] % 360
    return out


def _settle(pos: list[float], separation: float) -> list[float]:
    """Finish a relaxation that ran out of rounds (a tight cluster converges slowly).

    Sweeps once round the ring from just after its widest gap, pushing each neighbour
    to exactly `separation`; if that would still crowd the wrap, spaces evenly instead.
    """
    n = len(pos)
    gaps = [pos[k + 1] - pos[k] for k in range(n - 1)] + [pos[0] + 360 - pos[-1]]
    start = (gaps.index(max(gaps)) + 1) % n
    ring = [pos[(start + k) % n] + (360 if start + k >= n else 0) for k in range(n)]
    for k in range(1, n):
        ring[k] = max(ring[k], ring[k - 1] + separation)
    if ring[0] + 360 - ring[-1] < separation:
        ring = [ring[0] + k * 360 / n for k in range(n)]
    out = [0.0] * n
    for k in range(n):
        out[(start + k) % n] = ring[k]
    return out


def layout(people: list[dict], outer: float, footprints: dict[int, float] | None = None
           ) -> dict[int, Placement]:
    """Placements of every person (dicts with id, ring, angle) with no overlaps.

    Stored angles are kept where there is room; crowded neighbours are nudged apart
    only for drawing, so screen and paper show the same picture.
    """
    footprints = footprints or {}
    result: dict[int, Placement] = {}
    for ring in RINGS:
        on_ring = [p for p in people if p["ring"] == ring]
        if not on_ring:
            continue
        width = max((footprints.get(p["id"], 0) for p in on_ring), default=0) or None
        sep = min_separation(ring, outer, width)
        angles = spread([float(p["angle"]) for p in on_ring], sep)
        for p, a in zip(on_ring, angles):
            x, y = point(ring, a, outer)
            result[p["id"]] = Placement(p["id"], ring, a, x, y)
    return result


def overlaps(placements: dict[int, Placement], radius: float) -> list[tuple[int, int]]:
    """Pairs of people whose discs of `radius` intersect (a check for tests)."""
    items = list(placements.values())
    pairs = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if math.hypot(a.x - b.x, a.y - b.y) < 2 * radius:
                pairs.append((a.person_id, b.person_id))
    return pairs


def room_per_person(ring: int, count: int, outer: float) -> float:
    """The widest footprint each of `count` people on `ring` can have without touching.

    The inverse of min_separation: screen and paper use it to choose how much label
    a crowded ring can show (name and role, name only, or the node alone).
    """
    if count <= 1:
        return 2 * ring_radius(ring, outer)
    return ring_radius(ring, outer) * math.radians(360 / count - LABEL_GAP_DEG)


LABEL_SIDES = ("below", "above", "right", "left")  # tried in this order


def label_box(x: float, y: float, node_r: float, w: float, h: float, side: str,
              gap: float = 2.0) -> tuple[float, float, float, float]:
    """The (left, top, width, height) of a w x h label on `side` of a node at (x, y)."""
    if side == "below":
        return x - w / 2, y + node_r + gap, w, h
    if side == "above":
        return x - w / 2, y - node_r - gap - h, w, h
    if side == "right":
        return x + node_r + gap + 2, y - h / 2, w, h
    return x - node_r - gap - 2 - w, y - h / 2, w, h


def boxes_meet(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def disc_meets_box(cx: float, cy: float, r: float, box) -> bool:
    nx = min(max(cx, box[0]), box[0] + box[2])
    ny = min(max(cy, box[1]), box[1] + box[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r


def place_labels(nodes: dict[int, tuple[float, float, float]],
                 options: dict[int, list[tuple[float, float]]], centre_r: float = 0.0,
                 bounds: tuple[float, float, float, float] | None = None
                 ) -> dict[int, tuple[int, str, tuple[float, float, float, float]]]:
    """Label boxes that touch no node, no other label, nor the client's disc.

    `nodes`: person id -> (x, y, node radius), in priority order (inner ring first);
    `options`: person id -> label sizes (w, h), richest first. Each label takes the first
    size and side (below, above, right, left) that is free. Returns person id ->
    (option index, side, box); people with no free spot are left out: their node
    alone is drawn, and the name is still in the table and the tooltip.
    """
    # Each candidate box is only tested against the discs whose x range can reach it
    # (nodes sorted by x, found by bisection) and the labels in the grid cells it covers.
    discs = sorted((x, y, r, pid) for pid, (x, y, r) in nodes.items())
    xs = [d[0] for d in discs]
    max_r = max((d[2] for d in discs), default=0.0)
    placed = _BoxGrid()
    result = {}
    for pid, (x, y, r) in nodes.items():
        for index, (w, h) in enumerate(options.get(pid, [])):
            spot = None
            for side in LABEL_SIDES:
                box = label_box(x, y, r, w, h, side)
                left, top = box[0], box[1]
                right, bottom = left + box[2], top + box[3]
                if bounds and not (bounds[0] <= left and bounds[1] <= top and
                                   right <= bounds[2] and bottom <= bounds[3]):
                    continue
                if centre_r and disc_meets_box(0.0, 0.0, centre_r, box):
                    continue
                lo, hi = bisect_left(xs, left - max_r), bisect_right(xs, right + max_r)
                # A disc can only meet the box if its centre is within its radius of the
                # box's rows (the margin keeps this a loose test whatever the rounding).
                if any(top - nr - 1e-6 < ny < bottom + nr + 1e-6 and other != pid
                       and disc_meets_box(nx, ny, nr, box) for nx, ny, nr, other in discs[lo:hi]):
                    continue
                if placed.meets(box):
                    continue
                spot = (index, side, box)
                break
            if spot:
                result[pid] = spot
                placed.add(spot[2])
                break
    return result


class _BoxGrid:
    """Boxes filed under every square cell they cover, to find the ones near a box."""

    CELL = 48.0

    def __init__(self):
        self.cells: dict[tuple[int, int], list] = {}

    def _keys(self, box):
        c = self.CELL
        for i in range(math.floor(box[0] / c), math.floor((box[0] + box[2]) / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor((box[1] + box[3]) / c) + 1):
                yield i, j

    def add(self, box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def meets(self, box) -> bool:
        # Two boxes that overlap share an inner point, so they share that point's cell.
        cells = self.cells
        return any(boxes_meet(box, other) for key in self._keys(box)
                   for other in cells.get(key, ()))
