import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import LineString

from missions.area import Route
from missions.coverage import coverage
from missions.errors import MissionError
from missions.geodesy import LatLon, LocalFrame, destination, inverse, turn_angle
from missions.items import plan_to_items
from missions.patterns import (creeping_line, creeping_line_box, expanding_square, parallel_track, sector_search,
                               track_line)
from missions.plan import FlightLimits

from .conftest import COMB_HOLES, DATUM, area_from_metres, star

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _turns(plan):
    return [turn_angle(inverse(a.start.position, a.end.position)[1], b.azimuth_deg)
            for a, b in zip(plan.legs, plan.legs[1:])]


# --- expanding square ---------------------------------------------------------------------

@FAST
@given(lat=st.floats(-70, 70), lon=st.floats(-179, 179), spacing=st.floats(5, 500), legs=st.integers(1, 30),
       heading=st.floats(0, 359.9), turn=st.sampled_from(["right", "left"]))
def test_expanding_square_legs_grow_by_spacing_every_second_leg_with_square_turns(lat, lon, spacing, legs, heading,
                                                                                   turn):
    plan = expanding_square(LatLon(lat, lon), spacing, legs, 60, first_heading_deg=heading, turn=turn)
    assert len(plan.legs) == legs
    for k, leg in enumerate(plan.legs):
        assert leg.length_m == pytest.approx((k // 2 + 1) * spacing, abs=1e-6)
    assert plan.legs[0].azimuth_deg == pytest.approx(heading % 360, abs=1e-7)
    for angle in _turns(plan):
        assert angle == pytest.approx(90.0 if turn == "right" else -90.0, abs=1e-6)
    assert plan.track_length_m == pytest.approx(sum((k // 2 + 1) * spacing for k in range(legs)), rel=1e-9)


def test_expanding_square_first_leg_into_the_wind():
    plan = expanding_square(DATUM, 40, 4, 60, wind_from_deg=250)
    assert plan.legs[0].azimuth_deg == pytest.approx(250)
    assert plan.waypoints[0].position == DATUM
    assert all(w.alt == 60 for w in plan.waypoints)


@pytest.mark.parametrize("kwargs,fragment", [
    ({"spacing_m": 0}, "track spacing 0 m must be a positive"),
    ({"spacing_m": float("nan")}, "track spacing nan"),
    ({"legs": 0}, "number of legs 0"),
    ({"altitude_m": -5}, "altitude -5 m"),
    ({"turn": "up"}, "turn direction 'up'"),
])
def test_expanding_square_refuses_degenerate_input(kwargs, fragment):
    args = {"datum": DATUM, "spacing_m": 40, "legs": 8, "altitude_m": 60} | kwargs
    with pytest.raises(MissionError, match=fragment):
        expanding_square(**args)


# --- sector -------------------------------------------------------------------------------

@FAST
@given(lat=st.floats(-70, 70), lon=st.floats(-179, 179), radius=st.floats(50, 5000), heading=st.floats(0, 359.9),
       turn=st.sampled_from(["right", "left"]))
def test_sector_legs_are_one_radius_with_120_degree_turns(lat, lon, radius, heading, turn):
    datum = LatLon(lat, lon)
    plan = sector_search(datum, radius, 60, first_heading_deg=heading, turn=turn)
    assert len(plan.legs) == 9
    for leg in plan.legs:
        assert leg.length_m == pytest.approx(radius, rel=1e-4)
    sign = 1 if turn == "right" else -1
    # outer corners turn 120 degrees, the datum is crossed straight
    expected = [120, 120, 0, 120, 120, 0, 120, 120]
    assert [round(a, 1) for a in _turns(plan)] == pytest.approx([sign * e for e in expected], abs=0.2)
    assert plan.waypoints[-1].position == datum


def test_sector_second_pass_is_rotated_between_the_first_legs():
    plan = sector_search(DATUM, 800, 60, first_heading_deg=10, second_pass=True)
    assert len(plan.legs) == 18
    assert plan.legs[0].azimuth_deg == pytest.approx(10, abs=1e-6)
    assert plan.legs[9].azimuth_deg == pytest.approx(40, abs=1e-6)


# --- parallel track -----------------------------------------------------------------------

def _local_legs(plan, area):
    frame = area.frame()
    out = []
    for leg in plan.legs:
        e, n = frame.to_local([leg.start.lat, leg.end.lat], [leg.start.lon, leg.end.lon])
        out.append((LineString(list(zip(e, n))), leg))
    return frame, out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(radii=st.lists(st.floats(300, 900), min_size=5, max_size=12), spacing=st.floats(30, 80),
       overlap=st.floats(0.1, 0.5), azimuth=st.one_of(st.none(), st.floats(0, 179.9)),
       hole=st.one_of(st.none(), st.floats(40, 150)))
def test_parallel_track_covers_the_area_and_stays_on_it(radii, spacing, overlap, azimuth, hole):
    area = star(radii, hole=hole)
    margin = 10.0
    plan = parallel_track(area, spacing, 60, track_azimuth_deg=azimuth, turn_margin_m=margin)
    footprint = spacing / (1 - overlap)
    assert coverage(plan, area, footprint) >= 0.99

    frame, legs = _local_legs(plan, area)
    region = area.to_local(frame)
    allowed = region.buffer(margin + spacing / 2 + 0.5)
    for w in plan.waypoints:
        x, y = frame.point(w.position)
        assert allowed.contains(shapely.Point(x, y)), "waypoint outside the area and its turn margin"
    holes = [shapely.Polygon(r) for r in region.interiors]
    for line, leg in legs:
        assert not any(line.intersects(h) for h in holes), "a leg crosses the no-fly hole"

    # search legs are parallel, exactly spacing apart, the outer ones at most S/2 inside
    first = np.asarray(next(line for line, leg in legs if leg.searching).coords)
    d = (first[1] - first[0]) / np.linalg.norm(first[1] - first[0])
    normal = np.array([-d[1], d[0]])
    offsets = sorted({round(float(np.dot(np.asarray(line.coords[0]), normal)), 3) for line, leg in legs
                      if leg.searching})
    steps = np.diff(offsets)
    assert np.all(np.abs(steps / spacing - np.round(steps / spacing)) < 1e-3)
    across = shapely.get_coordinates(region.exterior) @ normal
    assert offsets[0] - across.min() <= spacing / 2 * 1.01
    assert across.max() - offsets[-1] <= spacing / 2 * 1.01


def test_parallel_track_over_a_concave_area_with_holes(comb_area):
    plan = parallel_track(comb_area, 40, 60)
    assert coverage(plan, comb_area, 50) >= 0.99
    assert any(not leg.searching and leg.length_m > 100 for leg in plan.legs)  # transits between cells
    frame, legs = _local_legs(plan, comb_area)
    holes = [shapely.Polygon(r) for r in comb_area.to_local(frame).interiors]
    assert len(holes) == len(COMB_HOLES)
    for h in holes:
        assert not any(line.intersects(h) for line, _ in legs)


def test_parallel_track_runs_along_the_long_axis():
    # 2 km east-west, 600 m north-south
    plan = parallel_track(area_from_metres([(-1000, -300), (1000, -300), (1000, 300), (-1000, 300)]), 50, 60)
    assert min(abs(plan.legs[0].azimuth_deg - 90), abs(plan.legs[0].azimuth_deg - 270)) < 1.0


def test_parallel_track_starts_near_the_given_start():
    area = star([800] * 4)
    ne = destination(DATUM, 45, 2000)[0]
    sw = destination(DATUM, 225, 2000)[0]
    first_ne = parallel_track(area, 50, 60, start=ne).waypoints[0].position
    first_sw = parallel_track(area, 50, 60, start=sw).waypoints[0].position
    assert inverse(ne, first_ne)[2] < inverse(ne, first_sw)[2] - 500
    assert inverse(sw, first_sw)[2] < inverse(sw, first_ne)[2] - 500


def test_parallel_track_refuses_absurd_spacing():
    with pytest.raises(MissionError, match="spacing is far too small"):
        parallel_track(star([1000] * 6), 0.01, 60)


# --- creeping line ------------------------------------------------------------------------

def test_creeping_line_legs_cross_the_advance_and_start_upstream():
    plan = creeping_line_box(DATUM, 30.0, 2000, 600, 50, 60)
    search = [leg for leg in plan.legs if leg.searching]
    for leg in search:
        assert turn_angle(30.0, leg.azimuth_deg) == pytest.approx(90, abs=0.5) or \
            turn_angle(30.0, leg.azimuth_deg) == pytest.approx(-90, abs=0.5)
        assert leg.length_m == pytest.approx(600 + 2 * 10, abs=1.0)  # plus the turn margins
    assert len(search) == 40
    # the first leg is S/2 into the area from the start edge
    mid_first = destination(search[0].start.position, search[0].azimuth_deg, search[0].length_m / 2)[0]
    assert inverse(DATUM, mid_first)[2] == pytest.approx(25, abs=1.0)


def test_creeping_line_over_an_area_advances_along_the_azimuth():
    plan = creeping_line(star([900, 700, 900, 700, 900]), 0.0, 60, 60)
    lats = [leg.start.lat for leg in plan.legs if leg.searching]
    assert lats == sorted(lats)


# --- track line ---------------------------------------------------------------------------

def test_track_line_returning_flies_both_sides_of_the_route():
    b = destination(DATUM, 60, 3000)[0]
    c = destination(b, 120, 2000)[0]
    route = Route([DATUM, b, c])
    plan = track_line(route, 100, 80)
    frame = LocalFrame(DATUM)
    line = route.to_local(frame)
    mids = [destination(leg.start.position, leg.azimuth_deg, leg.length_m / 2)[0] for leg in plan.legs if leg.searching]
    dists = [line.distance(shapely.Point(frame.point(m))) for m in mids]
    assert dists == pytest.approx([50] * len(dists), abs=0.5)
    sides = {line.offset_curve(1).distance(shapely.Point(frame.point(m))) < 50 for m in mids}
    assert sides == {True, False}  # out on one side, back on the other
    assert plan.search_length_m == pytest.approx(2 * 5000, rel=0.02)
    assert [leg.searching for leg in plan.legs].count(False) == 1


def test_track_line_without_return_follows_the_route():
    b = destination(DATUM, 60, 3000)[0]
    plan = track_line(Route([DATUM, b]), 100, 80, returning=False)
    assert [w.position for w in plan.waypoints] == [DATUM, b]
    assert plan.track_length_m == pytest.approx(3000, abs=1e-6)


# --- warnings and limits ------------------------------------------------------------------

def test_plan_warns_when_the_battery_cannot_fly_it():
    plan = expanding_square(DATUM, 100, 40, 60, limits=FlightLimits(cruise_speed_mps=10, endurance_s=600))
    assert plan.flight_time_s == pytest.approx(plan.track_length_m / 10)
    assert plan.battery_fraction > 1
    assert any("battery gives 7.5 min" in w for w in plan.warnings)


def test_plan_warns_about_legs_shorter_than_the_turn_radius():
    plan = expanding_square(DATUM, 40, 8, 60, limits=FlightLimits(turn_radius_m=90))
    assert any("4 legs are shorter than the 90 m turn radius" in w for w in plan.warnings)
    assert not expanding_square(DATUM, 40, 8, 60).warnings


def test_plan_over_the_mission_item_limit_warns_and_items_are_refused():
    plan = expanding_square(DATUM, 40, 60, 60, limits=FlightLimits(max_mission_items=50))
    assert any("exceed the autopilot limit of 50" in w for w in plan.warnings)
    with pytest.raises(MissionError, match="exceed the autopilot limit of 50"):
        plan_to_items(plan)
