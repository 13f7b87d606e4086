"""The geofence on the map: a fence uploaded to the built-in simulator is read back by the engine and drawn
(exclusion shaded red, inclusion outlined green); a failed download says why and keeps the fence shown. Rally
points another ground station left on the vehicle are drawn after a refresh; a vehicle that does not answer the
rally download keeps its fence drawn and the pilot reads why. A fence and rally points imported with a .plan are
drawn at once, dotted and hatched while no vehicle holds them."""

from __future__ import annotations

from fence_items import fence_item, rally_item
from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QPointF

from drivers.mavlink.state import Position
from groundstation.core.geofence import Fence
from missions.items import MissionItem
from sitl.vehicle.link import MissionFault

from .conftest import (
    clear_point,
    map_action,
    pixels_around,
    qgc_fence_plan,
    rally_purple,
    red_excess,
    ring,
    square_around,
)


def purple_marks(image, spot: QPointF) -> int:
    """Pixels of a rally point's purple marker around `spot`."""
    return sum(rally_purple(image.pixelColor(int(spot.x()) + x, int(spot.y()) + y))
               for x in range(-9, 10) for y in range(-9, 10))


def green_outline(image, centre: QPointF, radius_px: float) -> int:
    """Points on a circle of `radius_px` around `centre` drawn green: an inclusion circle's outline."""
    return sum((c := image.pixelColor(int(p.x()), int(p.y()))).green() > c.red() + 40
               for p in ring(centre, radius_px, 72))


def square_and_circle(square: list[tuple[float, float]], centre: Position, radius_m: float) -> list[MissionItem]:
    """A fence of an exclusion square (its corners) and an inclusion circle, as a vehicle holds it."""
    exclusion = mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION
    items = [fence_item(i, exclusion, 4, lat, lon) for i, (lat, lon) in enumerate(square)]
    return items + [fence_item(4, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, radius_m, centre.lat, centre.lon)]


def test_uploaded_fence_is_read_back_and_drawn(qtbot, window, fences_read):
    layer = fences_read
    sid = window.selected_id
    assert layer.fences[sid] == Fence()  # downloaded when the vehicles appeared: the simulator starts with none

    spot = QPointF(clear_point(window, margin=80))
    square = square_around(window, spot, 20)  # 40 px a side
    home = window.shown_snapshot.vehicles[sid].state.home
    radius_m = 60 * window.map.viewport.m_per_px
    before = window.map.grab().toImage()
    window.engine.upload_mission(sid, square_and_circle(square, home, radius_m), "fence").result(timeout=15)

    qtbot.waitUntil(lambda: layer.fences[sid] != Fence(), timeout=15_000)  # no refresh needed
    fence = layer.fences[sid]
    assert [p.inclusion for p in fence.polygons] == [False] and len(fence.polygons[0].points) == 4
    assert [(c.inclusion, round(c.radius_m, 1)) for c in fence.circles] == [(True, round(radius_m, 1))]

    after = window.map.grab().toImage()
    assert red_excess(after, spot) - red_excess(before, spot) > 20  # the exclusion area is shaded red
    assert green_outline(after, window.map.screen_point(home.lat, home.lon), 60) >= 10  # the inclusion circle, dashed


def test_a_failed_download_says_why_and_keeps_the_fence(qtbot, window, fences_read):
    layer = fences_read
    shown = dict(layer.fences)
    assert layer.refresh(99)  # no such vehicle
    qtbot.waitUntil(lambda: "Fence of vehicle 99 not read" in window.statusBar().currentMessage(), timeout=15_000)
    assert "no vehicle with system id 99" in window.statusBar().currentMessage()
    assert layer.fences == shown and 99 not in layer.fences


def test_rally_points_uploaded_elsewhere_are_drawn_after_refresh_and_go_when_cleared(qtbot, window, demo, pilot,
                                                                                    fences_read):
    layer = fences_read
    sid = window.selected_id
    assert layer.rally[sid] == ()  # the simulator starts with none
    spots = [QPointF(clear_point(window, margin=80)), QPointF(clear_point(window, margin=80)) + QPointF(40, 0)]
    points = [window.map.ground_point(p) for p in spots]
    before = window.map.grab().toImage()
    assert all(purple_marks(before, p) < 10 for p in spots)
    # As another ground station leaves them on the vehicle, behind this station's back.
    vehicle = demo.fleet.vehicles[sid - 1]
    vehicle.autopilot.store.rally = [rally_item(i, lat, lon) for i, (lat, lon) in enumerate(points)]
    qtbot.wait(300)
    assert layer.rally[sid] == ()  # not known until read
    map_action(window, "Refresh fence and rally points")(*points[0])
    qtbot.waitUntil(lambda: len(layer.rally[sid]) == 2, timeout=15_000)
    window.map.repaint()
    shown = window.map.grab().toImage()
    assert all(purple_marks(shown, p) >= 10 for p in spots)

    # A vehicle that does not answer the rally download: the fence stays drawn, the rally points too, and why.
    fence = [fence_item(0, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, 500.0, *points[0])]
    window.engine.upload_mission(sid, fence, "fence").result(timeout=15)
    vehicle.faults.mission = MissionFault("download_count", "no_response", mission_type=mavlink.MAV_MISSION_TYPE_RALLY)
    map_action(window, "Refresh fence and rally points")(*points[0])
    qtbot.waitUntil(lambda: "Rally points of vehicle" in window.statusBar().currentMessage(), timeout=30_000)
    assert window.statusBar().currentMessage().startswith(f"Rally points of vehicle {sid} not read: ")
    assert [c.radius_m for c in layer.fences[sid].circles] == [500.0] and len(layer.rally[sid]) == 2
    vehicle.faults.mission = None

    # Cleared from the window: once confirmed, the markers go.
    pilot.accept = True
    map_action(window, "Clear fence and rally points")(*points[0])
    qtbot.waitUntil(lambda: layer.rally[sid] == () and layer.fences[sid] == Fence(), timeout=15_000)
    assert vehicle.autopilot.store.rally == []
    window.map.repaint()
    assert all(purple_marks(window.map.grab().toImage(), p) < 10 for p in spots)


def shaded_share(before, after, spot: QPointF, half_px: int) -> float:
    """The share of the pixels in a square around `spot` that turned red."""
    pixels = pixels_around(spot, half_px)
    return sum(red_excess(after, p) - red_excess(before, p) > 20 for p in pixels) / len(pixels)


def test_fence_imported_with_a_plan_is_drawn_at_once_dotted_until_the_vehicle_holds_it(qtbot, window, tmp_path,
                                                                                       fences_read):
    layer, panel = fences_read, window.plan
    sid = window.selected_id
    spot = QPointF(clear_point(window, margin=110))
    square = square_around(window, spot, 20)  # 40 px a side
    home = window.shown_snapshot.vehicles[sid].state.home
    radius_m = 60 * window.map.viewport.m_per_px
    rally_spot = spot + QPointF(0, 50)
    rally = window.map.ground_point(rally_spot)
    fenced = tmp_path / "sector-fence.plan"
    qgc_fence_plan(fenced, [(square, False)], [(home.lat, home.lon, radius_m, True)], [rally])

    before = window.map.grab().toImage()
    assert panel.import_file(fenced)
    assert panel.status.text() == ("sector-fence.plan: its geofence (2 shapes) and 1 rally points are drawn dotted: "
                                   "not on any vehicle yet; Upload sends them")
    assert layer.fences[sid] == Fence()  # the vehicle holds no fence: it was only imported
    after = window.map.grab().toImage()
    hatched = shaded_share(before, after, spot, 15)
    assert 0.05 < hatched < 0.6, hatched  # the exclusion square hatched, not shaded
    assert green_outline(after, window.map.screen_point(home.lat, home.lon), 60) >= 10  # the inclusion circle, dotted
    assert purple_marks(after, rally_spot) >= 10  # the rally point's marker

    # A broken .plan is refused and the imported fence stays drawn.
    broken = tmp_path / "broken.plan"
    broken.write_text(fenced.read_text().replace(f'"radius": {radius_m}', '"radius": -4'), encoding="utf-8")
    assert not panel.import_file(broken)
    assert panel.status.text().startswith("Cannot import broken.plan: geoFence circle 1: radius")
    assert panel.layer.planned_fence.circles
    assert 0.05 < shaded_share(before, window.map.grab().toImage(), spot, 15) < 0.6

    # Once on the vehicle (uploaded, then read back from it) the square is shaded as the vehicle's fence.
    window.engine.upload_mission(sid, square_and_circle(square, home, radius_m), "fence").result(timeout=15)
    map_action(window, "Refresh fence and rally points")(*square[0])
    qtbot.waitUntil(lambda: layer.fences[sid] != Fence(), timeout=15_000)
    assert shaded_share(before, window.map.grab().toImage(), spot, 15) > 0.9
