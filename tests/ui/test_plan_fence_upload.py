"""An imported .plan's geofence and rally points go up with the mission from the Plan dock, as
QGroundControl's Upload sends them, under one progress bar over all the items: the simulator then holds
them, the fence is read back and drawn as the vehicle's own (shaded, dashed) and the dotted planned copy is
no longer drawn over it; a plan shared among drones takes them to each part's vehicle. A vehicle that
refuses (too many fence items) keeps its old fence, the pilot reads why, said once, and the planned fence
stays dotted; "Clear fence and rally points" on the map's menu, once confirmed, empties both."""

from __future__ import annotations

import math

from fence_items import fence_item
from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QPointF

from drivers.mavlink.plan_items import fence_items, rally_items
from groundstation.core.geofence import Fence, same_fence
from groundstation.ui.plan_transfers import UploadBar
from missions.geodesy import LatLon
from missions.qgc_plan import read_plan
from sitl.vehicle import MissionLimits

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


def fenced_plan(window, tmp_path):
    """The .plan around a clear spot: the exclusion circle (20 px) on it, the inclusion square 100 px a side
    around it, the rally points 45 px to its sides. Returns the file, the spot and the rally points on screen."""
    spot = QPointF(clear_point(window, margin=110))
    lat, lon = window.map.ground_point(spot)
    square = square_around(window, spot, 50)
    rally_spots = [spot + QPointF(-45, 0), spot + QPointF(45, 0)]
    path = tmp_path / "sector-c.plan"
    qgc_fence_plan(path, [(square, True)], [(lat, lon, 20 * window.map.viewport.m_per_px, False)],
                   [window.map.ground_point(p) for p in rally_spots])
    return path, spot, rally_spots


def hatch_pixels(image, spot: QPointF, half_px: int = 10) -> int:
    """Pixels around `spot` in a strong red: the hatching of a planned exclusion area (a vehicle's is only a
    translucent shade)."""
    return sum(red_excess(image, p) > 60 for p in pixels_around(spot, half_px))


def shaded_share(image, spot: QPointF, half_px: int = 10) -> float:
    pixels = pixels_around(spot, half_px)
    return sum(red_excess(image, p) > 20 for p in pixels) / len(pixels)


def rally_ring(image, spot: QPointF) -> int:
    """Purple pixels on a rally point marker's ring: a dotted ring has fewer than a solid one."""
    return len({(int(p.x()), int(p.y())) for p in ring(spot, 8, 180)
                if rally_purple(image.pixelColor(int(p.x()), int(p.y())))})


def bar_readings(panel) -> list[tuple[int, int]]:
    """What the Plan dock's progress bar shows from now on, as (value, maximum) each time its value moves."""
    seen: list[tuple[int, int]] = []
    panel.progress.valueChanged.connect(lambda value: seen.append((value, panel.progress.maximum())))
    return seen


def assert_one_bar(seen: list[tuple[int, int]], items: int) -> None:
    """The bar filled once over all `items`, never going back: one bar for the whole upload."""
    values = [value for value, _ in seen]
    assert {maximum for _, maximum in seen} == {items}, seen
    assert values == sorted(values) and values[-1] == items, seen
    assert len(set(values)) > 3, seen  # it moved along the way, not only at the end


def test_upload_sends_the_imported_fence_and_rally_points_with_the_mission(qtbot, window, demo, tmp_path,
                                                                           fences_read):
    panel, layer = window.plan, fences_read
    sid = window.selected_id
    path, spot, rally_spots = fenced_plan(window, tmp_path)
    assert panel.import_file(path)
    planned = panel.layer.planned_fence
    imported = window.map.grab().toImage()
    assert hatch_pixels(imported, spot) > 20  # the exclusion circle hatched: planned
    dotted = [rally_ring(imported, p) for p in rally_spots]

    panel.legs.setValue(2)  # and a small search planned away from the fence's circle
    panel.altitude.setValue(10)
    panel.set_datum(LatLon(*window.map.ground_point(QPointF(clear_point(window, margin=150, avoid=[spot])))))
    bar = bar_readings(panel)
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 3, timeout=30_000)
    assert [(o.action, o.system_id, o.error) for o in panel.outcomes] == [
        ("upload", sid, ""), ("upload fence", sid, ""), ("upload rally", sid, "")]
    assert panel.status.text() == f"Uploaded to vehicle {sid}: mission, geofence, rally points"
    assert_one_bar(bar, len(panel.outcomes[0].result) + 5 + 2)  # the mission, 5 fence items, 2 rally points

    # The simulated vehicle holds them as QGroundControl would have sent them.
    store = demo.fleet.vehicles[sid - 1].autopilot.store
    plan_file = read_plan(path)
    sent = fence_items(plan_file)
    assert [(i.command, i.x, i.y) for i in store.fence] == [(i.command, i.x, i.y) for i in sent]
    assert all(math.isclose(a.param1, b.param1, rel_tol=1e-6) for a, b in zip(store.fence, sent))
    assert [(i.x, i.y) for i in store.rally] == [(i.x, i.y) for i in rally_items(plan_file)]
    assert len(store.mission) > 0

    # Read back from the vehicle and drawn as its own: shaded, and no hatched planned copy over it.
    qtbot.waitUntil(lambda: same_fence(layer.fences[sid], planned), timeout=15_000)
    assert panel.layer.fence_on_vehicle()
    qtbot.waitUntil(panel.layer.rally_on_vehicle, timeout=15_000)  # read back too: drawn as the vehicle's
    window.map.repaint()
    uploaded = window.map.grab().toImage()
    assert shaded_share(uploaded, spot) > 0.9 and hatch_pixels(uploaded, spot) == 0
    assert all(rally_ring(uploaded, p) > d for p, d in zip(rally_spots, dotted))  # the rally points drawn solid


def test_a_vehicle_refusing_the_fence_keeps_its_own_and_says_why_then_it_is_cleared(qtbot, window, demo, pilot,
                                                                                    tmp_path, fences_read):
    panel, layer = window.plan, fences_read
    sid = window.selected_id
    # The vehicle already holds a fence: one inclusion circle around its home.
    home = window.shown_snapshot.vehicles[sid].state.home
    old = [fence_item(0, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, 500.0, home.lat, home.lon)]
    window.engine.upload_mission(sid, old, "fence").result(timeout=15)
    map_action(window, "Refresh fence and rally points")(home.lat, home.lon)
    qtbot.waitUntil(lambda: bool(layer.fences[sid].circles), timeout=15_000)
    held = layer.fences[sid]
    vehicle = demo.fleet.vehicles[sid - 1]
    vehicle.missions.limits = MissionLimits(fence=4)  # the imported fence has 5 items

    path, spot, _rally = fenced_plan(window, tmp_path)
    assert panel.import_file(path)
    panel.pattern.setCurrentIndex(panel.pattern.findData("sector"))  # no datum: nothing planned
    assert panel.plan is None  # Upload sends just the fence and rally points
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 1, timeout=15_000)  # answered once the fence is read back
    assert panel.status.text() == (f"vehicle {sid}: geofence upload refused by the vehicle: no space "
                                   "(the vehicle keeps what it held before)")
    assert "#b71c1c" in panel.status.styleSheet()
    assert [(i.command, i.x, i.y) for i in vehicle.autopilot.store.fence] == [(i.command, i.x, i.y) for i in old]
    assert vehicle.autopilot.store.rally == []  # nothing more sent after the refusal
    assert layer.fences[sid] == held and not panel.layer.fence_on_vehicle()
    assert hatch_pixels(window.map.grab().toImage(), spot) > 20  # still only planned: hatched

    # With room for it, the same Upload goes through.
    vehicle.missions.limits = MissionLimits()
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 3, timeout=15_000)
    assert panel.status.text() == f"Uploaded to vehicle {sid}: geofence, rally points"
    qtbot.waitUntil(lambda: panel.layer.fence_on_vehicle(), timeout=15_000)
    assert len(vehicle.autopilot.store.rally) == 2

    # Clear: asked first; a no leaves them, a yes empties fence and rally points and the planned copy is dotted again.
    clear = map_action(window, "Clear fence and rally points")
    pilot.accept = False
    clear(home.lat, home.lon)
    assert pilot.questions[-1] == (f"Clear fence and rally points: vehicle {sid}",
                                   (f"Remove every geofence area and rally point from vehicle {sid}? "
                                    "It then flies without them."))
    qtbot.wait(300)
    assert len(vehicle.autopilot.store.fence) == 5
    pilot.accept = True
    clear(home.lat, home.lon)
    qtbot.waitUntil(lambda: layer.fences[sid] == Fence() and layer.rally[sid] == (), timeout=15_000)
    assert vehicle.autopilot.store.fence == [] and vehicle.autopilot.store.rally == []
    assert not panel.layer.fence_on_vehicle() and not panel.layer.rally_on_vehicle()
    assert window.statusBar().currentMessage() == f"Fence and rally points of vehicle {sid} cleared"
    assert hatch_pixels(window.map.grab().toImage(), spot) > 20


def test_a_split_plan_takes_the_fence_and_rally_points_to_each_part_vehicle(qtbot, window, demo, tmp_path,
                                                                           fences_read):
    panel, layer = window.plan, fences_read
    window.plan_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: list(panel.picks) == [1, 2, 3], timeout=5000)
    panel.altitude.setValue(10)
    path, _spot, _rally = fenced_plan(window, tmp_path)
    assert panel.import_file(path)
    assert panel.pattern.currentData() == "parallel"  # the fence's inclusion square is the area searched
    panel.drones.setValue(2)
    panel.pick_vehicles([2, 3])
    assert len(panel.split) == 2
    bar = bar_readings(panel)
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 6 and panel.fence_upload is None, timeout=30_000)
    assert [(o.action, o.system_id, o.error) for o in panel.outcomes] == [
        ("upload part", 2, ""), ("upload part", 3, ""), ("upload fence", 2, ""), ("upload rally", 2, ""),
        ("upload fence", 3, ""), ("upload rally", 3, "")]
    assert panel.status.text() == "Uploaded to vehicle 2, 3: mission, geofence, rally points"
    stores = [v.autopilot.store for v in demo.fleet.vehicles]
    assert [(len(s.fence), len(s.rally)) for s in stores] == [(0, 0), (5, 2), (5, 2)]  # vehicle 1 took no part
    assert_one_bar(bar, len(stores[1].mission) + len(stores[2].mission) + 2 * (5 + 2))
    planned = panel.layer.planned_fence
    qtbot.waitUntil(lambda: all(same_fence(layer.fences[sid], planned) for sid in (2, 3)), timeout=15_000)


def test_an_ardupilot_mission_counting_home_keeps_to_its_share_of_the_bar():
    """ArduPilot's mission holds home as one more item: its transfer counts 11 of 11 for a 10-item plan, and
    the bar must not run into the fence's share (or past its end, where Qt would ignore the value)."""
    shown: list[tuple[int, int]] = []
    bar = UploadBar(10 + 5)
    mission = bar.next_transfer(10, lambda done, total: shown.append((done, total)))
    fence = bar.next_transfer(5, lambda done, total: shown.append((done, total)))
    for done in range(12):
        mission(done, 11)
    for done in range(1, 6):
        fence(done, 5)
    assert [done for done, _ in shown] == list(range(11)) + [10] + list(range(11, 16))
    assert {total for _, total in shown} == {15}


def test_a_refused_geofence_upload_reads_in_french_and_the_vehicle_keeps_its_own(qtbot, window, demo, tmp_path,
                                                                                 fences_read):
    panel, layer = window.plan, fences_read
    sid = window.selected_id
    vehicle = demo.fleet.vehicles[sid - 1]
    vehicle.missions.limits = MissionLimits(fence=4)  # the imported fence has 5 items
    held = layer.fences[sid]
    path, _spot, _rally = fenced_plan(window, tmp_path)
    window.field.set_language("fr")
    try:
        assert panel.import_file(path)
        panel.pattern.setCurrentIndex(panel.pattern.findData("sector"))  # no datum: just the fence and rally points
        assert panel.upload_plan()
        qtbot.waitUntil(lambda: len(panel.outcomes) == 1, timeout=15_000)
        assert panel.status.text() == (f"vecteur {sid} : géobarrière : envoi refusé par le vecteur : plus de place "
                                       "(le vecteur garde ce qu’il avait avant)")
    finally:
        window.field.set_language("en")
    assert vehicle.autopilot.store.fence == [] and layer.fences[sid] == held  # nothing lost, nothing half-sent
