import math

import pytest

from missions.area import Route, SearchArea
from missions.errors import MissionError
from missions.geodesy import LatLon, LocalFrame, destination, distance, inverse, parse_latlon, turn_angle

from .conftest import DATUM, area_from_metres


def test_parse_latlon_reads_operator_text():
    assert parse_latlon("49.47, 6.37") == LatLon(49.47, 6.37)


@pytest.mark.parametrize("text,fragment", [
    ("49.47", "expected 'lat,lon'"),
    ("north,6.3", "decimal numbers"),
    ("91,6.37", "latitude 91.0 is outside -90..90"),
    ("49,181", "longitude 181.0 is outside -180..180"),
    ("nan,6", "finite numbers"),
])
def test_bad_positions_are_refused_with_the_reason(text, fragment):
    with pytest.raises(MissionError, match=fragment):
        parse_latlon(text)


def test_destination_is_exact_on_the_ellipsoid():
    end, arrival = destination(DATUM, 37.0, 12345.0)
    az, arr2, dist = inverse(DATUM, end)
    assert dist == pytest.approx(12345.0, abs=1e-6)
    assert az == pytest.approx(37.0, abs=1e-9)
    assert arrival == pytest.approx(arr2, abs=1e-9)
    # meridians converge: heading on arrival differs from departure at 49 degrees north
    assert abs(arrival - 37.0) > 0.05


def test_a_degree_of_latitude_is_not_a_sphere_degree():
    # WGS84 meridian degree at 49.5N is ~111.2 km; a 6371 km sphere would give 111.195 km
    d = distance(LatLon(49.0, 6.0), LatLon(50.0, 6.0))
    assert d == pytest.approx(111_213, abs=30)


def test_turn_angle_signs():
    assert turn_angle(350, 80) == pytest.approx(90)
    assert turn_angle(80, 350) == pytest.approx(-90)


def test_local_frame_round_trip_is_millimetre_exact():
    frame = LocalFrame(DATUM)
    lat, lon = frame.to_latlon([1500.0, -2500.0], [2000.0, 300.0])
    e, n = frame.to_local(lat, lon)
    assert e.tolist() == pytest.approx([1500.0, -2500.0], abs=1e-3)
    assert n.tolist() == pytest.approx([2000.0, 300.0], abs=1e-3)


def test_area_accepts_closed_rings_and_measures_area():
    a = area_from_metres([(0, 0), (1000, 0), (1000, 500), (0, 500), (0, 0)])
    assert len(a.boundary) == 4
    assert a.area_m2() == pytest.approx(500_000, rel=1e-4)


def test_self_intersecting_boundary_is_refused():
    with pytest.raises(MissionError, match="not a simple polygon.*edges cross"):
        area_from_metres([(0, 0), (1000, 1000), (1000, 0), (0, 1000)])  # bow tie


@pytest.mark.parametrize("outer,holes,fragment", [
    ([(0, 0), (10, 0)], [], "at least 3 distinct corners"),
    ([(0, 0), (100, 0), (200, 0)], [], "encloses no area"),
    ([(0, 0), (100, 0), (100, 100), (0, 100)], [[(200, 200), (300, 200), (300, 300)]], "not inside the area"),
    ([(0, 0), (100, 0), (100, 100), (0, 100)], [[(10, 10), (90, 90), (90, 10), (10, 90)]], "hole 1 is not a simple"),
])
def test_degenerate_areas_are_refused(outer, holes, fragment):
    with pytest.raises(MissionError, match=fragment):
        area_from_metres(outer, holes)


def test_out_of_range_corner_is_refused():
    with pytest.raises(MissionError, match="latitude 95"):
        SearchArea([LatLon(49, 6), LatLon(49.1, 6), LatLon(95, 6.1)])


def test_route_needs_two_points():
    with pytest.raises(MissionError, match="at least 2 points"):
        Route([DATUM])
    assert math.isclose(Route([DATUM, destination(DATUM, 90, 500)[0]]).to_local(LocalFrame(DATUM)).length, 500,
                        rel_tol=1e-5)
