"""The map's projection and viewport: what keeps distances true and the view where the pilot put it."""

from __future__ import annotations

import math

import pytest
from pyproj import Geod

from groundstation.ui.map_geometry import LocalProjection, Viewport, format_distance, nice_step

SCHENGEN = (49.47, 6.37)


def test_local_metres_match_geodesic_distances():
    proj = LocalProjection(*SCHENGEN)
    lon, lat, _ = Geod(ellps="WGS84").fwd(SCHENGEN[1], SCHENGEN[0], 60.0, 1000.0)
    east, north = proj.to_local(lat, lon)
    assert math.hypot(east, north) == pytest.approx(1000.0, abs=0.5)
    assert math.degrees(math.atan2(east, north)) == pytest.approx(60.0, abs=0.1)
    assert proj.to_geodetic(east, north) == pytest.approx((lat, lon), abs=1e-8)


def test_viewport_round_trip_zoom_about_cursor_and_pan():
    vp = Viewport(800, 600, center_e=100.0, center_n=-50.0, m_per_px=0.5)
    assert vp.to_local(*map(float, vp.to_screen(130.0, -20.0))) == pytest.approx((130.0, -20.0))
    x, y = 600.0, 150.0
    ground = vp.to_local(x, y)
    vp.zoom_at(x, y, 2.0)
    assert vp.m_per_px == 0.25 and vp.to_local(x, y) == pytest.approx(ground)
    vp.pan(40, -20)  # dragging right and up moves the ground with the mouse
    assert tuple(map(float, vp.to_screen(*ground))) == pytest.approx((x + 40, y - 20))
    for _ in range(100):
        vp.zoom_at(x, y, 10.0)
    assert vp.m_per_px == Viewport.MIN_M_PER_PX


def test_fit_shows_every_point_with_a_margin():
    vp = Viewport(800, 600)
    points = [(-300.0, 20.0), (500.0, -100.0), (0.0, 250.0)]
    vp.fit(points, margin_px=50)
    for e, n in points:
        x, y = vp.to_screen(e, n)
        assert 50 - 1e-6 <= x <= 750 + 1e-6 and 50 - 1e-6 <= y <= 550 + 1e-6
    vp.fit([(10.0, 10.0)], margin_px=50, min_span_m=100.0)
    assert vp.to_screen(10.0, 10.0) == pytest.approx((400, 300)) and vp.m_per_px == pytest.approx(100 / 500)


def test_grid_steps_and_distances_read_naturally():
    assert [nice_step(v) for v in (0.7, 1.0, 1.3, 3.0, 7.0, 42.0, 180.0)] == [1, 1, 2, 5, 10, 50, 200]
    assert [format_distance(v) for v in (0.5, 50.0, 1000.0, 2500.0)] == ["50 cm", "50 m", "1 km", "2.5 km"]
    with pytest.raises(ValueError, match="positive distance"):
        nice_step(0.0)
    with pytest.raises(ValueError, match="positive distance"):
        nice_step(float("nan"))
