"""The plan view as the pilot uses it: a datum clicked on the map gives an expanding square with its
legs, swath and figures; the plan goes up to the built-in simulator with a progress bar, comes back
down unchanged, is flown, and the item being flown is highlighted in the list and on the map. A bad
file is refused with a clear message and changes nothing."""

from __future__ import annotations

import json
import math

from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QPoint, QPointF, Qt

from groundstation.ui.plan_item_list import ALTITUDE_COLUMN, command_name
from missions.area import SearchArea
from missions.geodesy import LatLon
from missions.items import plan_to_items, to_e7

from .conftest import clear_point

ORCHARD = [LatLon(49.4694, 6.3683), LatLon(49.4694, 6.3717), LatLon(49.4707, 6.3717), LatLon(49.4707, 6.3683)]


def test_plan_upload_and_fly_an_expanding_square(qtbot, window, pilot):
    panel = window.plan
    assert not window.plan_dock.isVisible()  # closed until the pilot opens it
    window.plan_dock.toggleViewAction().trigger()
    assert window.plan_dock.isVisible()
    assert panel.pattern.currentData() == "expanding-square"
    panel.legs.setValue(4)
    panel.altitude.setValue(20)

    assert not panel.upload_plan()  # nothing planned yet: said, nothing sent
    assert "no plan yet" in panel.status.text() and not panel.outcomes

    panel.datum_button.click()
    assert panel.mode == "datum"
    spot = clear_point(window)
    before = window.map.grab().toImage()
    selected = window.selected_id
    qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=spot)
    lat, lon = window.map.ground_point(QPointF(spot))
    assert panel.mode == "" and not panel.datum_button.isChecked()
    assert (panel.datum.lat, panel.datum.lon) == (lat, lon)
    assert window.selected_id == selected  # the click set the datum, nothing else

    plan = panel.plan
    assert plan is not None and plan.pattern == "expanding-square" and len(plan.legs) == 4
    assert plan.waypoints[0].position == LatLon(lat, lon) and plan.altitude_m == 20
    # The camera sized the spacing: a 32 degree thermal core at 20 m sees 11.5 m; 20 % side overlap.
    assert math.isclose(plan.spacing_m, 2 * 20 * math.tan(math.radians(16)) * 0.8, rel_tol=1e-6)
    assert panel.layer.route()[0] == LatLon(to_e7(lat) / 1e7, to_e7(lon) / 1e7)
    assert len(panel.layer.swaths) >= 1  # the footprint swath is drawn
    after = window.map.grab().toImage()
    around = [(spot.x() + dx, spot.y() + dy) for dx in range(-12, 13, 3) for dy in range(-12, 13, 3)]
    assert sum(before.pixel(x, y) != after.pixel(x, y) for x, y in around) > len(around) // 3  # legs, swath, datum
    text = panel.figures.text()
    assert "20 m up" in text and f"{plan.track_length_m / 1000:.2f} km" in text and "battery" in text
    assert "Ground seen" in text
    assert panel.list.rowCount() == plan.mission_item_count  # takeoff, speed, 5 waypoints, camera on/off, RTL
    assert panel.list.item(0, 1).text() == "TAKEOFF" and panel.list.item(panel.list.rowCount() - 1, 1).text() \
        == "RETURN_TO_LAUNCH"

    # Upload to the selected vehicle, with progress.
    seen: list[tuple[int, int]] = []
    panel.transferProgress.connect(lambda done, total: seen.append((done, total)))
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 1, timeout=15_000)
    assert panel.outcomes[-1].error == "" and panel.outcomes[-1].action == "upload"
    total = plan.mission_item_count
    assert seen[-1] == (total, total) and len(seen) >= total // 2
    assert panel.progress.value() == panel.progress.maximum() == total
    assert panel.items_vehicle == selected and "done" in panel.status.text()

    # Download gives back what was sent.
    uploaded = list(panel.layer.items)
    assert panel.download_mission()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 2, timeout=15_000)
    assert panel.outcomes[-1].error == ""
    assert [(i.command, i.x, i.y, round(i.z)) for i in panel.layer.items] == \
        [(i.command, i.x, i.y, round(i.z)) for i in uploaded]
    assert panel.figures.text() == f"Vehicle {selected}'s mission: {total} items"

    # Start (the pilot is asked), then watch the current item advance in the list and on the map.
    assert panel.start_mission()
    assert "Arm vehicle" in pilot.questions[-1][1]
    qtbot.waitUntil(lambda: len(panel.outcomes) == 3, timeout=15_000)
    assert panel.outcomes[-1].error == "", panel.outcomes[-1].error
    first_waypoint = next(i.seq for i in uploaded if i.command == mavlink.MAV_CMD_NAV_WAYPOINT)
    qtbot.waitUntil(lambda: panel.layer.current > first_waypoint, timeout=30_000)
    row = panel.current_row
    assert row is not None and panel.list.item(row, 0).font().bold()
    assert all(not panel.list.item(r, 0).font().bold() for r in range(panel.list.rowCount()) if r != row)
    flying = panel.layer.items[row]
    if flying.position is not None:
        assert panel.layer.current_position() == flying.position
    state = window.shown_snapshot.vehicles[selected].state
    assert state.armed and state.mission_current >= panel.layer.current - 1

    assert panel.pause_mission()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 4, timeout=15_000)
    assert panel.outcomes[-1].action == "pause" and panel.outcomes[-1].error == ""


def test_upload_to_a_vehicle_that_is_not_there_says_why(qtbot, window):
    panel = window.plan
    panel.set_datum(LatLon(49.4712, 6.3688))
    panel.selected = lambda: 42
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 1, timeout=10_000)
    assert panel.status.text().startswith("vehicle 42: mission upload FAILED:")
    assert "no vehicle with system id 42" in panel.status.text()
    assert panel.plan is not None and panel.items_vehicle is None  # the plan is kept for another try


def test_bad_import_file_is_refused_and_keeps_the_plan(qtbot, window, tmp_path):
    panel = window.plan
    panel.set_datum(LatLon(49.4712, 6.3688))
    before = panel.plan
    assert before is not None

    broken = tmp_path / "sector-b.kml"
    broken.write_text("<kml><Document><Placemark><Polygon><outerBoundaryIs>", encoding="utf-8")
    assert not panel.import_file(broken)
    assert panel.status.text().startswith("Cannot import sector-b.kml:")
    assert "#b71c1c" in panel.status.styleSheet()  # shown as an error
    assert panel.datum == LatLon(49.4712, 6.3688) and panel.area is None
    assert panel.plan == before

    unknown = tmp_path / "area.txt"
    unknown.write_text("49,6\n", encoding="utf-8")
    assert not panel.import_file(unknown)
    assert "unknown file type" in panel.status.text()

    # A good GeoJSON area switches to parallel track over it and shows its coverage.
    area = tmp_path / "meadow.geojson"
    ring = [[6.3680, 49.4700], [6.3720, 49.4700], [6.3720, 49.4725], [6.3680, 49.4725], [6.3680, 49.4700]]
    area.write_text(json.dumps({"type": "Feature", "properties": {"name": "meadow"},
                                "geometry": {"type": "Polygon", "coordinates": [ring]}}), encoding="utf-8")
    assert panel.import_file(area)
    assert panel.pattern.currentData() == "parallel" and panel.plan.pattern == "parallel"
    assert panel.where.text().startswith("Area: meadow (")
    assert "Coverage" in panel.figures.text() and panel.layer.area


def test_area_drawn_on_the_map_and_exported(qtbot, window, tmp_path):
    panel = window.plan
    panel.pattern.setCurrentIndex(panel.pattern.findData("creeping-line"))
    panel.area_button.click()
    assert panel.mode == "area"
    start = clear_point(window)
    # Two corners only: not an area; the pilot is told and nothing is planned.
    for dx, dy in ((0, 0), (60, 0)):
        qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, dy))
    assert len(panel.layer.drawing) == 2
    panel.area_button.click()
    assert panel.area is None and panel.plan is None and "Area not used" in panel.status.text()

    panel.area_button.click()
    corners = ((0, 0), (60, 0), (60, 60), (0, 60))
    for dx, dy in corners:
        qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, dy))
    panel.area_button.click()
    assert panel.area is not None and len(panel.area.boundary) == 4
    assert panel.plan is not None and panel.plan.pattern == "creeping-line"
    assert "Coverage" in panel.figures.text()

    out = tmp_path / "creeping.plan"
    assert panel.export_to(out)
    assert json.loads(out.read_text())["fileType"] == "Plan"
    assert not panel.export_to(tmp_path / "creeping.docx")
    assert "unknown file type" in panel.status.text() and not (tmp_path / "creeping.docx").exists()


def near(colour, rgb: int, tolerance: int = 40) -> bool:
    r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return abs(r - colour.red()) + abs(g - colour.green()) + abs(b - colour.blue()) <= tolerance


def listed(panel) -> list[tuple[str, str, str]]:
    """What the item list shows: command, latitude and longitude of each row."""
    return [tuple(panel.list.item(r, c).text() for c in (1, 2, 3)) for r in range(panel.list.rowCount())]


def positions(items) -> list[tuple[str, str, str]]:
    return [(command_name(i.command), f"{i.position.lat:.6f}" if i.position else "",
             f"{i.position.lon:.6f}" if i.position else "") for i in items]


def test_area_split_between_two_vehicles_each_holds_its_part(qtbot, window, tmp_path):
    from groundstation.ui.plan_layer import PART_COLOURS

    panel = window.plan
    window.plan_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: list(panel.picks) == [1, 2, 3], timeout=5000)
    assert panel.drones.maximum() == 3  # one drone per vehicle online
    panel.set_area(SearchArea(ORCHARD, name="orchard"))
    whole = panel.plan
    assert whole is not None and not panel.split
    before = window.map.grab().toImage()

    panel.drones.setValue(2)
    assert panel.plan is None and [d.drone for d in panel.split] == [1, 2]
    first, second = (d.plan for d in panel.split)
    # Every track of the one-drone plan is flown by exactly one of the two.
    assert math.isclose(first.search_length_m + second.search_length_m, whole.search_length_m, rel_tol=0.02)
    # The list shows the items of the part chosen, part 1 first, read-only: an edit would undo the split.
    assert panel.part.isVisible() and [panel.part.itemText(i) for i in range(2)] == ["part 1", "part 2"]
    assert not panel.insert_waypoint.isVisible() and not panel.delete_item.isVisible()
    assert listed(panel) == positions(plan_to_items(first))
    assert not any(panel.list.item(r, ALTITUDE_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable
                   for r in range(panel.list.rowCount()))
    panel.part.setCurrentIndex(1)
    assert listed(panel) == positions(plan_to_items(second)) and listed(panel) != positions(plan_to_items(first))
    panel.part.setCurrentIndex(0)
    assert [p.colour for p in panel.layer.parts] == list(PART_COLOURS[:2])
    image = window.map.grab().toImage()
    for colour in PART_COLOURS[:2]:
        drawn = sum(near(colour, image.pixel(x, y)) and not near(colour, before.pixel(x, y))
                    for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
        assert drawn > 50, f"part in {colour.name()} not drawn ({drawn} px)"
    figures = panel.part_figures.text()
    for d in panel.split:
        assert f"{d.plan.track_length_m / 1000:.2f} km" in figures and f"{d.plan.flight_time_s / 60:.1f} min" in figures
        assert f"{d.plan.battery_fraction * 100:.0f} %" in figures
    assert "area shared among 2 drones" in panel.figures.text() and figures.count("none picked") == 2

    # Exported like `python -m missions --drones 2`: one file per part.
    assert panel.export_to(tmp_path / "orchard.plan")
    for n in (1, 2):
        assert json.loads((tmp_path / f"orchard-drone{n}.plan").read_text())["fileType"] == "Plan"

    # Fewer vehicles picked than parts: refused, said, nothing sent.
    panel.pick_vehicles([2])
    assert "none picked" in panel.part_figures.text()
    assert not panel.upload_plan()
    assert panel.status.text() == "Upload refused: 2 parts but 1 vehicles picked; pick one vehicle per part"
    assert "#b71c1c" in panel.status.styleSheet() and not panel.outcomes

    panel.pick_vehicles([2, 3])
    assert "none picked" not in panel.part_figures.text()
    expected = {2: plan_to_items(first), 3: plan_to_items(second)}
    assert window.selected_id == 1  # the parts go to the picked vehicles, not the selected one
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: panel.parts_upload is None and len(panel.outcomes) == 2, timeout=30_000)
    assert [(o.action, o.part, o.system_id, o.error) for o in panel.outcomes] == [
        ("upload part", 1, 2, ""), ("upload part", 2, 3, "")]
    assert panel.status.text() == "Parts uploaded: part 1 to vehicle 2; part 2 to vehicle 3"
    total = sum(len(items) for items in expected.values())
    assert panel.progress.value() == panel.progress.maximum() == total

    # Each vehicle holds its own part: download it and compare.
    for sid, items in expected.items():
        panel.selected = lambda sid=sid: sid
        asked = len(panel.outcomes)
        assert panel.download_mission()
        qtbot.waitUntil(lambda asked=asked: len(panel.outcomes) == asked + 1, timeout=15_000)
        assert panel.outcomes[-1].error == "" and panel.items_vehicle == sid
        assert [(i.command, i.x, i.y, round(i.z)) for i in panel.layer.items] == \
            [(i.command, i.x, i.y, round(i.z)) for i in items]
    assert not panel.split and not panel.layer.parts  # the list and map now show vehicle 3's mission


def test_start_all_parts_flies_each_part_and_says_which_vehicle_failed(qtbot, window, demo, pilot):
    panel = window.plan
    window.plan_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: list(panel.picks) == [1, 2, 3], timeout=5000)
    assert not panel.start_parts.isVisible()  # one drone: nothing to start all together
    panel.set_area(SearchArea(ORCHARD, name="orchard"))
    panel.drones.setValue(2)
    assert panel.start_parts.isVisible() and not panel.start_parts.isEnabled()  # no part is up yet
    assert not panel.start_all_parts() and panel.status.text() == "Start all parts: upload every part first"
    assert not pilot.questions and not panel.outcomes

    panel.pick_vehicles([2, 3])
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: panel.parts_upload is None and len(panel.outcomes) == 2, timeout=30_000)
    assert panel.start_parts.isEnabled() and panel.items_vehicle == 2  # part 1, listed, is vehicle 2's

    # The pilot is asked, since several drones take off; a no sends nothing.
    pilot.accept = False
    assert not panel.start_all_parts()
    question = "Arm the vehicles holding a part (2, 3) and fly each its part? They take off at once."
    assert pilot.questions[-1] == ("Start all parts", question)
    assert len(panel.outcomes) == 2
    pilot.accept = True

    # Vehicle 3 refuses to arm: vehicle 2 flies part 1 all the same, and the pilot reads who failed and why.
    demo.fleet.vehicles[2].faults.deny_arming = "battery too cold"
    assert panel.start_all_parts()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 4, timeout=15_000)
    assert sorted((o.action, o.part, o.system_id, bool(o.error)) for o in panel.outcomes[2:]) == [
        ("start part", 1, 2, False), ("start part", 2, 3, True)]
    text = panel.status.text()
    assert text.startswith("Not all parts started: part 1 on vehicle 2; part 2 on vehicle 3: mission start FAILED: ")
    assert "battery too cold" in text and "#b71c1c" in panel.status.styleSheet()
    qtbot.waitUntil(lambda: panel.layer.current > 1, timeout=30_000)  # vehicle 2 flies part 1's items
    row = panel.current_row
    assert row is not None and panel.list.item(row, 0).font().bold()
    vehicles = window.shown_snapshot.vehicles
    assert vehicles[2].state.armed and not vehicles[3].state.armed

    # Started again once the fault is gone: only part 2 goes; vehicle 2 is not sent back to its first item.
    demo.fleet.vehicles[2].faults.deny_arming = None
    flying = vehicles[2].state.mission_current
    assert panel.start_all_parts()
    assert pilot.questions[-1][1].startswith("Arm the vehicles holding a part (3) ")
    qtbot.waitUntil(lambda: len(panel.outcomes) == 5, timeout=15_000)
    assert (panel.outcomes[-1].part, panel.outcomes[-1].error) == (2, "")
    assert panel.status.text() == "Parts started: part 2 on vehicle 3"
    qtbot.waitUntil(lambda: window.shown_snapshot.vehicles[3].state.mission_current > 1, timeout=30_000)
    assert window.shown_snapshot.vehicles[2].state.mission_current >= flying
    assert not panel.start_all_parts() and panel.status.text() == "Every part is started already"


def test_track_line_along_a_route_drawn_on_the_map_or_imported(qtbot, window, tmp_path):
    panel = window.plan
    panel.pattern.setCurrentIndex(panel.pattern.findData("track-line"))
    assert panel.route_button.isEnabled() and not panel.datum_button.isVisibleTo(panel)
    start = clear_point(window)

    # One point is no route: said, nothing planned.
    panel.route_button.click()
    assert panel.mode == "route"
    qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=start)
    panel.route_button.click()
    assert panel.route is None and panel.plan is None
    assert panel.status.text() == "Route not used: a route needs at least 2 points, got 1"

    panel.route_button.click()
    clicks = [start, start + QPoint(80, 0), start + QPoint(80, 60)]
    for spot in clicks:
        qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=spot)
    assert len(panel.layer.drawing) == 3
    panel.route_button.click()
    points = [LatLon(*window.map.ground_point(QPointF(spot))) for spot in clicks]
    assert panel.mode == "" and panel.route is not None and panel.route.points == points
    plan = panel.plan
    assert plan is not None and plan.pattern == "track-line" and plan.route.points == points
    assert panel.layer.route_line == points and panel.where.text().startswith("Route: drawn route (")
    # Returning (TSR): out on one side, back on the other, each side half a spacing off the route.
    assert len(plan.waypoints) == 6 and "track" in panel.figures.text()
    assert panel.list.rowCount() == plan.mission_item_count

    panel.returning.setChecked(False)  # once along the route itself (TSN)
    assert [w.position for w in panel.plan.waypoints] == points

    # A route from a file: GeoJSON LineString.
    walk = tmp_path / "walk.geojson"
    line = [[6.3690, 49.4700], [6.3710, 49.4705], [6.3730, 49.4702]]
    walk.write_text(json.dumps({"type": "Feature", "properties": {"name": "planned walk"},
                                "geometry": {"type": "LineString", "coordinates": line}}), encoding="utf-8")
    panel.pattern.setCurrentIndex(panel.pattern.findData("expanding-square"))
    assert panel.import_file(walk)  # a file with only a route switches to track line
    assert panel.pattern.currentData() == "track-line" and panel.route.name == "planned walk"
    assert [(p.lon, p.lat) for p in panel.plan.route.points] == [tuple(c) for c in line]
    assert panel.where.text().startswith("Route: planned walk (")


def test_a_plan_split_among_three_drones_fits_the_dock_at_1366x768(qtbot, window):
    from .test_field_window import assert_nothing_cut_off, in_sight

    panel = window.plan
    window.plan_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: in_sight(window.plan_dock) and list(panel.picks) == [1, 2, 3], timeout=5000)
    panel.set_area(SearchArea(ORCHARD, name="orchard"))
    panel.drones.setValue(3)
    panel.pick_vehicles([1, 2, 3])
    scroll = window.plan_dock.widget()
    try:
        for language in ("en", "fr", "de"):
            window.field.set_language(language)
            qtbot.wait(250)
            assert panel.start_parts.isVisible() and panel.part.isVisible() and panel.list.rowCount() > 0
            assert not scroll.verticalScrollBar().isVisible() and not scroll.horizontalScrollBar().isVisible(), \
                f"{language}: the panel needs {scroll.widget().minimumSizeHint().toTuple()}"
            status = panel.status.mapTo(scroll.viewport(), QPoint(0, 0))
            assert panel.status.text() and status.y() + panel.status.height() <= scroll.viewport().height(), language
            assert_nothing_cut_off(window, f"{language}/split plan")
    finally:
        window.field.set_language("en")
