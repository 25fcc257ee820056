"""The circle's geometry: snapping, and a layout whose nodes never overlap."""
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from ipt_desktop import geometry as g


def test_point_and_snap_round_trip():
    for ring in g.RINGS:
        for angle in (0, 45, 90, 181, 359):
            x, y = g.point(ring, angle, 300)
            got_ring, got_angle = g.snap(x, y, 300)
            assert got_ring == ring
            assert math.isclose(got_angle, angle, abs_tol=1e-6)
    assert g.point(1, 90, 100)[1] < 0  # 90 degrees is up on screen (y down)


def test_snap_boundaries_half_way_between_rings():
    r1, r2 = g.ring_radius(1, 100), g.ring_radius(2, 100)
    assert g.nearest_ring((r1 + r2) / 2 - 0.1, 0, 100) == 1
    assert g.nearest_ring((r1 + r2) / 2 + 0.1, 0, 100) == 2
    assert g.nearest_ring(500, 0, 100) == 3 and g.nearest_ring(0, 0, 100) == 1


def test_initials():
    assert g.initials("Maria Lopez") == "ML"
    assert g.initials("mum") == "Mu"
    assert g.initials("Jean-Luc Picard") == "JP"
    assert g.initials("") == "?"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(0, 359)), min_size=1, max_size=60))
def test_layout_never_overlaps_when_there_is_room(people):
    rows = [{"id": i, "ring": r, "angle": a} for i, (r, a) in enumerate(people)]
    outer = 400
    placed = g.layout(rows, outer)
    assert set(placed) == {p["id"] for p in rows}
    for ring in g.RINGS:
        on_ring = sorted(p.angle for p in placed.values() if p.ring == ring)
        if len(on_ring) < 2:
            continue
        sep = g.min_separation(ring, outer)
        want = min(sep, 360 / len(on_ring)) - 1e-3
        gaps = [b - a for a, b in zip(on_ring, on_ring[1:])] + [on_ring[0] + 360 - on_ring[-1]]
        assert min(gaps) >= want


def test_layout_keeps_uncrowded_angles():
    rows = [{"id": 1, "ring": 2, "angle": 10}, {"id": 2, "ring": 2, "angle": 200}]
    placed = g.layout(rows, 300)
    assert placed[1].angle == 10 and placed[2].angle == 200


def test_room_per_person_is_the_inverse_of_min_separation():
    for ring in g.RINGS:
        for count in (2, 5, 12):
            room = g.room_per_person(ring, count, 300)
            if room > 0:
                assert math.isclose(g.min_separation(ring, 300, room) * count, 360)
    assert g.room_per_person(3, 12, 300) > g.room_per_person(1, 12, 300)
    assert g.room_per_person(1, 20, 300) < g.room_per_person(1, 5, 300)


def test_place_labels_prefers_below_and_never_overlaps():
    import random
    alone = g.place_labels({1: (0, 200, 16)}, {1: [(80, 30)]}, centre_r=40)
    assert alone[1][:2] == (0, "below")
    rng = random.Random(4)
    people = [{"id": i, "ring": rng.choice(g.RINGS), "angle": rng.randrange(360)}
              for i in range(60)]
    placed = g.layout(people, 300)
    nodes = {p.person_id: (p.x, p.y, 8.0) for p in sorted(placed.values(), key=lambda p: p.ring)}
    labels = g.place_labels(nodes, {i: [(70, 28), (40, 14)] for i in nodes}, centre_r=39)
    assert len(labels) > 20
    boxes = [spot[2] for spot in labels.values()]
    for i, a in enumerate(boxes):
        assert not g.disc_meets_box(0, 0, 39, a)
        assert not any(g.boxes_meet(a, b) for b in boxes[i + 1:])
        assert not any(g.disc_meets_box(x, y, r, a) for x, y, r in nodes.values())


def _place_labels_by_definition(nodes, options, centre_r=0.0, bounds=None):
    """The rule place_labels follows, checked against every disc and every label."""
    placed, result = [], {}
    for pid, (x, y, r) in nodes.items():
        for index, (w, h) in enumerate(options.get(pid, [])):
            for side in g.LABEL_SIDES:
                box = g.label_box(x, y, r, w, h, side)
                if bounds and not (bounds[0] <= box[0] and bounds[1] <= box[1] and
                                   box[0] + box[2] <= bounds[2] and
                                   box[1] + box[3] <= bounds[3]):
                    continue
                if centre_r and g.disc_meets_box(0.0, 0.0, centre_r, box):
                    continue
                if any(g.disc_meets_box(nx, ny, nr, box) for other, (nx, ny, nr)
                       in nodes.items() if other != pid):
                    continue
                if any(g.boxes_meet(box, b) for b in placed):
                    continue
                result[pid] = (index, side, box)
                placed.append(box)
                break
            if pid in result:
                break
    return result


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-330, 330), st.floats(-330, 330), st.floats(3, 24),
                          st.lists(st.tuples(st.floats(4, 110), st.floats(4, 40)),
                                   max_size=3)), max_size=70),
       st.sampled_from([0.0, 42.0]), st.booleans())
def test_place_labels_finds_the_same_spots_as_checking_everything(spec, centre_r, bounded):
    nodes = {i: (x, y, r) for i, (x, y, r, _) in enumerate(spec)}
    options = {i: opts for i, (_, _, _, opts) in enumerate(spec)}
    bounds = (-342, -342, 342, 342) if bounded else None
    assert g.place_labels(nodes, options, centre_r, bounds) == \
        _place_labels_by_definition(nodes, options, centre_r, bounds)


def test_a_tight_stack_is_fully_spread_even_when_relaxing_runs_out_of_rounds():
    # Fourteen people saved at the same angle: 200 rounds of pushing left them 0.0001°
    # short of the separation; the final sweep closes the gap.
    placed = g.layout([{"id": i, "ring": 2, "angle": 0} for i in range(14)], 400)
    angles = sorted(p.angle for p in placed.values())
    gaps = [b - a for a, b in zip(angles, angles[1:])] + [angles[0] + 360 - angles[-1]]
    assert min(gaps) >= g.min_separation(2, 400) - 1e-9
