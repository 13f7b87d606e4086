"""Editing a mission in the plan view: altitude and speed typed in the list, an item deleted, a waypoint
inserted, a waypoint dragged on the map and one added there by right-click; the edited items (a custom
mission) go up to the built-in simulator and come back down the same. A bad cell value is refused with a
clear message and changes nothing."""

from __future__ import annotations

import math

import pytest
from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from groundstation.ui.plan_edits import (
    INSERT_STEP_M,
    waypoint_after,
    with_altitude,
    with_speed,
)
from groundstation.ui.plan_item_list import ALTITUDE_COLUMN, SPEED_COLUMN
from missions.errors import MissionError
from missions.geodesy import LatLon, distance
from missions.items import MissionItem, to_e7

from .conftest import clear_point

WAYPOINT, CHANGE_SPEED = mavlink.MAV_CMD_NAV_WAYPOINT, mavlink.MAV_CMD_DO_CHANGE_SPEED


def type_in_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """The pilot double-clicks a cell, types over it and presses Enter."""
    table.scrollToItem(table.item(row, col))
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)  # the delegate commits queued


def rows_of(panel, command: int) -> list[int]:
    return [r for r, item in enumerate(panel.layer.items) if item.command == command]


def test_edit_upload_and_download_a_custom_mission(qtbot, window):
    panel = window.plan
    window.plan_dock.toggleViewAction().trigger()
    window.plan_dock.setFloating(True)
    window.plan_dock.resize(700, 900)
    panel.legs.setValue(3)
    panel.altitude.setValue(20)
    panel.datum_button.click()
    qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=clear_point(window))
    assert panel.plan is not None
    planned = list(panel.layer.items)
    wp = rows_of(panel, WAYPOINT)
    assert len(wp) == 4

    # Altitude typed in the list.
    type_in_cell(qtbot, panel.list, wp[1], ALTITUDE_COLUMN, "35")
    assert panel.layer.items[wp[1]].z == 35.0 and panel.list.item(wp[1], ALTITUDE_COLUMN).text() == "35.0 m"
    assert panel.plan is None and panel.edited
    assert panel.figures.text() == f"Edited mission: {len(planned)} items, not uploaded yet"
    assert "altitude 35 m" in panel.status.text()

    # A bad value is refused: said, and the cell and the mission stay as they were.
    kept = list(panel.layer.items)
    type_in_cell(qtbot, panel.list, wp[2], ALTITUDE_COLUMN, "high")
    assert panel.status.text().startswith("Not changed:") and "'high' is not a number" in panel.status.text()
    assert panel.layer.items == kept and panel.list.item(wp[2], ALTITUDE_COLUMN).text() == "20.0 m"
    type_in_cell(qtbot, panel.list, wp[2], ALTITUDE_COLUMN, "20000")
    assert "out of" in panel.status.text() and panel.layer.items == kept
    # Cells without a meaning are not editable (the item's name, a speed change's altitude).
    assert not panel.list.item(wp[1], 1).flags() & Qt.ItemFlag.ItemIsEditable
    speed_row = rows_of(panel, CHANGE_SPEED)[0]
    assert not panel.list.item(speed_row, ALTITUDE_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable

    # Speed to a waypoint with no speed change before it: one is inserted before it, with a decimal comma.
    type_in_cell(qtbot, panel.list, wp[2], SPEED_COLUMN, "7,5")
    assert len(panel.layer.items) == len(kept) + 1
    change = panel.layer.items[wp[2]]
    assert change.command == CHANGE_SPEED and change.param2 == 7.5
    assert panel.list.item(wp[2] + 1, SPEED_COLUMN).text() == "7.5 m/s"
    assert [i.seq for i in panel.layer.items] == list(range(len(panel.layer.items)))

    # Delete the last waypoint; insert one after the first, halfway to the next.
    wp = rows_of(panel, WAYPOINT)
    count = len(panel.layer.items)
    panel.list.selectRow(wp[-1])
    panel.delete_item.click()
    assert len(panel.layer.items) == count - 1 and len(rows_of(panel, WAYPOINT)) == 3
    wp = rows_of(panel, WAYPOINT)
    panel.list.selectRow(wp[0])
    panel.insert_waypoint.click()
    new = panel.layer.items[wp[0] + 1]
    a = panel.layer.items[wp[0]].position
    b = next(i.position for i in panel.layer.items[wp[0] + 2:] if i.position is not None)
    assert new.command == WAYPOINT and new.z == panel.layer.items[wp[0]].z
    assert math.isclose(distance(a, new.position), distance(new.position, b), rel_tol=0.01)
    assert [i.seq for i in panel.layer.items] == list(range(len(panel.layer.items)))

    # Drag the inserted waypoint on the map.
    window.map.fit_fleet()
    markers = [window.map.screen_point(p.lat, p.lon) for p in panel.layer.route()]
    start = window.map.screen_point(new.position.lat, new.position.lon)
    end = clear_point(window, margin=25, avoid=markers)
    qtbot.mousePress(window.map, Qt.MouseButton.LeftButton, pos=start.toPoint())
    qtbot.mouseMove(window.map, pos=(start.toPoint() + end) / 2)
    qtbot.mouseMove(window.map, pos=end)
    qtbot.mouseRelease(window.map, Qt.MouseButton.LeftButton, pos=end)
    lat, lon = window.map.ground_point(QPointF(end))
    dragged = panel.layer.items[wp[0] + 1]
    assert (dragged.x, dragged.y) == (to_e7(lat), to_e7(lon)) and dragged.z == new.z
    assert panel.list.item(wp[0] + 1, 2).text() == f"{lat:.6f}" and "moved" in panel.status.text()

    # Right-click "Add waypoint here", with nothing selected: before the return to launch.
    panel.list.clearSelection()
    spot = clear_point(window, margin=25, avoid=[window.map.screen_point(p.lat, p.lon) for p in panel.layer.route()])
    QApplication.sendEvent(window.map, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, spot,
                                                         window.map.mapToGlobal(spot)))
    qtbot.waitUntil(lambda: any(m.isVisible() for m in window.findChildren(QMenu)), timeout=2000)
    (menu,) = [m for m in window.findChildren(QMenu) if m.isVisible()]
    (action,) = [a for a in menu.actions() if a.text() == "Add waypoint here"]
    action.trigger()
    menu.close()
    lat, lon = window.map.ground_point(QPointF(spot))
    added, last = panel.layer.items[-2], panel.layer.items[-1]
    assert last.command == mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH
    assert added.command == WAYPOINT and (added.x, added.y) == (to_e7(lat), to_e7(lon))

    # Upload the custom mission and download it back: the vehicle holds exactly the edits.
    edited = list(panel.layer.items)
    assert panel.upload_plan()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 1, timeout=15_000)
    assert panel.outcomes[-1].error == "" and not panel.edited
    assert panel.download_mission()
    qtbot.waitUntil(lambda: len(panel.outcomes) == 2, timeout=15_000)
    assert panel.outcomes[-1].error == ""
    def key(i):
        return i.command, i.x, i.y, round(i.z, 2), round(i.param2, 2)
    assert [key(i) for i in panel.layer.items] == [key(i) for i in edited]
    assert [key(i) for i in edited] != [key(i) for i in planned]
    assert panel.figures.text() == f"Vehicle {window.selected_id}'s mission: {len(edited)} items"

    # An edit made while an upload is under way is kept on screen when the upload ends, to upload next.
    wp = rows_of(panel, WAYPOINT)
    type_in_cell(qtbot, panel.list, wp[0], ALTITUDE_COLUMN, "40")
    assert panel.upload_plan()
    panel.list.item(wp[1], ALTITUDE_COLUMN).setText("45")  # as the cell's editor commits, before the upload ends
    assert len(panel.outcomes) == 2
    qtbot.waitUntil(lambda: len(panel.outcomes) == 3, timeout=15_000)
    assert panel.outcomes[-1].error == "" and panel.outcomes[-1].result[wp[1]].z != 45.0
    assert panel.edited and panel.layer.items[wp[0]].z == 40.0 and panel.layer.items[wp[1]].z == 45.0
    assert panel.figures.text().startswith("Edited mission:")


def test_edits_refuse_what_makes_no_sense(qtbot, window):
    panel = window.plan
    assert not panel.upload_plan()  # nothing planned or edited: said, nothing sent
    assert not panel.delete_selected() and "Select the item" in panel.status.text()
    # The first waypoint of an empty mission comes from the map, at the altitude set for planning.
    panel.altitude.setValue(25)
    panel.add_waypoint_at(49.47, 6.36)
    assert len(panel.layer.items) == 1 and panel.layer.items[0].z == 25.0 and panel.layer.items[0].current == 1
    # A waypoint inserted after the last one goes a short step north of it.
    panel.list.selectRow(0)
    panel.insert_waypoint.click()
    assert len(panel.layer.items) == 2
    assert math.isclose(distance(panel.layer.items[0].position, panel.layer.items[1].position), INSERT_STEP_M,
                        rel_tol=1e-3)
    assert panel.layer.items[1].position.lat > panel.layer.items[0].position.lat
    rtl = MissionItem(0, mavlink.MAV_FRAME_MISSION, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH, 1, 1,
                      0.0, 0.0, 0.0, 0.0, 0, 0, 0.0)
    with pytest.raises(MissionError, match="no position"):
        with_altitude([rtl], 0, 30.0)
    with pytest.raises(MissionError, match="has no speed"):
        with_speed([rtl], 0, 5.0)
    with pytest.raises(MissionError, match="no waypoint before it"):
        waypoint_after([rtl], 0, None, 30.0)
    assert waypoint_after([rtl], -1, LatLon(49.0, 6.0), 30.0)[0].position == LatLon(49.0, 6.0)
