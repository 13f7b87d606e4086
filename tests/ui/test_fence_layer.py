"""The geofence on the map: a fence uploaded to the built-in simulator is downloaded when the pilot
refreshes it and drawn (exclusion shaded red, inclusion outlined green); a failed download says why
and keeps the fence shown."""

from __future__ import annotations

import math

from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QPointF

from groundstation.ui.fence_layer import Fence
from missions.items import MissionItem, to_e7


def fence_item(seq: int, command: int, p1: float, lat: float, lon: float) -> MissionItem:
    return MissionItem(seq, mavlink.MAV_FRAME_GLOBAL, command, 0, 1, p1, 0.0, 0.0, 0.0, to_e7(lat), to_e7(lon), 0.0,
                       mavlink.MAV_MISSION_TYPE_FENCE)


def clear_point(window) -> QPointF:
    """A point on the map 80 px or more from every vehicle and from the map's edges."""
    vehicles = [window.map.screen_point(v.state.lat, v.state.lon) for v in window.shown_snapshot.vehicles.values()]
    for y in range(80, window.map.height() - 80, 20):
        for x in range(80, window.map.width() - 80, 20):
            if all(math.hypot(x - v.x(), y - v.y()) > 80 for v in vehicles):
                return QPointF(x, y)
    raise AssertionError("no free spot on the map")


def refresh_action(window):
    return next(action for text, action in window.map.context_actions if text() == "Refresh fence")


def red_excess(image, point: QPointF) -> int:
    colour = image.pixelColor(int(point.x()), int(point.y()))
    return colour.red() - colour.green()


def test_uploaded_fence_is_drawn_after_refresh(qtbot, window):
    layer = window.fence_layer
    sid = window.selected_id
    # Downloaded when the vehicles appeared: the simulator starts with no fence.
    qtbot.waitUntil(lambda: set(layer.fences) == {1, 2, 3}, timeout=15_000)
    assert layer.fences[sid] == Fence()

    spot = clear_point(window)
    lat, lon = window.map.ground_point(spot)
    half_m = 20 * window.map.viewport.m_per_px  # a square 40 px a side around the spot
    dlat, dlon = half_m / 111_200, half_m / (111_200 * math.cos(math.radians(lat)))
    home = window.shown_snapshot.vehicles[sid].state.home
    radius_m = 60 * window.map.viewport.m_per_px
    exclusion = mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION
    items = [fence_item(i, exclusion, 4, lat + a * dlat, lon + b * dlon)
             for i, (a, b) in enumerate(((1, -1), (1, 1), (-1, 1), (-1, -1)))]
    items.append(fence_item(4, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, radius_m, home.lat, home.lon))
    window.engine.upload_mission(sid, items, "fence").result(timeout=15)

    before = window.map.grab().toImage()
    refresh_action(window)(lat, lon)
    qtbot.waitUntil(lambda: layer.fences[sid] != Fence(), timeout=15_000)
    fence = layer.fences[sid]
    assert [p.inclusion for p in fence.polygons] == [False] and len(fence.polygons[0].points) == 4
    assert [(c.inclusion, round(c.radius_m, 1)) for c in fence.circles] == [(True, round(radius_m, 1))]

    after = window.map.grab().toImage()
    assert red_excess(after, spot) - red_excess(before, spot) > 20  # the exclusion area is shaded red
    centre = window.map.screen_point(home.lat, home.lon)
    ring = [centre + QPointF(60 * math.cos(a), 60 * math.sin(a)) for a in (i * math.pi / 36 for i in range(72))]
    green = [p for p in ring if (c := after.pixelColor(int(p.x()), int(p.y()))).green() > c.red() + 40]
    assert len(green) >= 10  # the inclusion circle's dashed outline


def test_a_failed_download_says_why_and_keeps_the_fence(qtbot, window):
    layer = window.fence_layer
    qtbot.waitUntil(lambda: set(layer.fences) == {1, 2, 3}, timeout=15_000)
    shown = dict(layer.fences)
    assert layer.refresh(99)  # no such vehicle
    qtbot.waitUntil(lambda: "Fence of vehicle 99 not read" in window.statusBar().currentMessage(), timeout=15_000)
    assert "no vehicle with system id 99" in window.statusBar().currentMessage()
    assert layer.fences == shown and 99 not in layer.fences
