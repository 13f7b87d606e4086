"""The main window over the demo fleet (engine + simulated PX4 quadcopters at 10x), as a pilot uses it."""

from __future__ import annotations

import re
import sys
import threading
import time

import pymap3d
import pytest
from pymavlink import mavutil
from pymavlink.dialects.v20 import ardupilotmega as mavlink
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLabel, QMessageBox

from groundstation.ui.map_view import LOST, vehicle_colour


def alt_rel(win) -> float:
    """The relative altitude as the telemetry panel shows it ("12.3 m / 212.3 m")."""
    match = re.match(r"([-\d.]+) m /", win.telemetry.values["Alt rel / AMSL"].text())
    return float(match.group(1)) if match else float("nan")


def outcome(win, label):
    return next((o for o in reversed(win.outcomes) if o.label == label), None)


def sent_commands(engine, command: int) -> list:
    """COMMAND_LONGs of one kind that the station put on the wire, read back from its tlog."""
    engine.tlog.flush()
    log = mavutil.mavlink_connection(str(engine.tlog.path))
    found = []
    while (msg := log.recv_match(type="COMMAND_LONG")) is not None:
        if msg.get_srcSystem() == engine.system_id and msg.command == command:
            found.append(msg)
    return found


def arm_and_take_off(qtbot, win, altitude: float) -> None:
    win.commands.altitude.setValue(altitude)
    qtbot.mouseClick(win.commands.arm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outcome(win, "arm") is not None, timeout=5000)
    # PX4 disarms an idle armed vehicle after a few (simulated) seconds: take off straight away.
    qtbot.mouseClick(win.commands.takeoff, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outcome(win, "take off") is not None, timeout=5000)


def test_fleet_appears_in_list_and_on_map(window, demo_engine):
    win = window
    list_ids = [win.vehicle_list.fleet.index(r, 0).data() for r in range(3)]
    assert list_ids == ["1", "2", "3"]
    row = [win.vehicle_list.fleet.index(0, c).data() for c in range(8)]
    assert row[1:4] == ["Quad", "Hold", "disarmed"] and row[4].endswith("%") and row[5].startswith("3D")
    assert row[7] == "OK"
    assert win.selected_id == 1 and win.telemetry.values["Vehicle"].text().startswith("1 ·")

    # Every vehicle is drawn in its own colour where its position projects on the map.
    win.map.fit_fleet()
    image = win.map.grab().toImage()
    for sid, view in demo_engine.snapshot().vehicles.items():
        pt = win.map.screen_point(view.state.lat, view.state.lon)
        assert win.map.rect().contains(pt.toPoint())
        assert icon_fill(image, pt) == vehicle_colour(sid), f"vehicle {sid} not drawn"


def icon_fill(image: QImage, at: QPointF) -> QColor:
    """The colour in the middle of a vehicle icon (its arrow covers a few pixels round its position)."""
    x, y = round(at.x()), round(at.y())
    colours = {image.pixelColor(x + dx, y + dy).name() for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    assert len(colours) == 1, f"no solid icon at {x},{y}: {colours}"
    return QColor(colours.pop())


def test_arm_and_take_off_through_the_buttons(qtbot, window, pilot):
    win = window
    assert win.commands.arm.isEnabled() and not win.commands.disarm.isEnabled()
    arm_and_take_off(qtbot, win, 15)
    assert outcome(win, "arm").error == "" and outcome(win, "take off").error == ""
    assert [title for title, _ in pilot.questions] == ["Arm: vehicle 1", "Take off: vehicle 1"]
    assert "15 m above home" in pilot.questions[1][1]

    readings = []
    qtbot.waitUntil(lambda: readings.append(alt_rel(win)) or readings[-1] >= 12.0, timeout=8000)
    assert readings[-1] > readings[0]  # seen climbing in the panel, not just arriving
    assert win.vehicle_list.fleet.index(0, 3).data() == "ARMED"
    assert not win.commands.arm.isEnabled() and win.commands.disarm.isEnabled()
    log = "\n".join(win.event_log.lines())
    assert "vehicle 1: ARMED" in log and "vehicle 1: take off accepted" in log
    assert "accepted" in win.command_status.text()


def test_refused_confirmation_sends_nothing(qtbot, window, pilot, demo_engine):
    win = window
    pilot.accept = False
    qtbot.mouseClick(win.commands.arm, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.commands.takeoff, Qt.MouseButton.LeftButton)
    assert win.set_mode("Position") is False
    assert len(pilot.questions) == 3
    assert "cancelled" in win.command_status.text()
    qtbot.wait(1500)  # 15 simulated seconds: anything sent would have been acted on
    state = demo_engine.snapshot().vehicles[1].state
    assert not state.armed and state.mode == "Hold" and state.landed_state == "ON_GROUND"
    assert win.outcomes == []
    for command in (mavlink.MAV_CMD_COMPONENT_ARM_DISARM, mavlink.MAV_CMD_NAV_TAKEOFF,
                    mavlink.MAV_CMD_DO_SET_MODE):
        assert sent_commands(demo_engine, command) == []
    assert win.commands.mode.currentText() == "Hold"  # the combo went back to the real mode


def test_without_a_test_pilot_a_message_box_asks_and_defaults_to_no(qtbot, window, demo_engine):
    win = window
    win.confirm = None  # what a pilot gets
    seen = []

    def answer(button) -> None:
        box = QApplication.activeModalWidget()
        seen.append((box.windowTitle(), box.text(), box.defaultButton() is box.button(QMessageBox.StandardButton.No)))
        box.button(button).click()

    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(win.commands.arm, Qt.MouseButton.LeftButton)
    assert seen == [("Arm: vehicle 1", "Arm vehicle 1? Its motors will start.", True)]
    assert win.outcomes == [] and "cancelled" in win.command_status.text()

    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(win.commands.arm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outcome(win, "arm") is not None, timeout=5000)
    assert outcome(win, "arm").error == "" and len(sent_commands(demo_engine, mavlink.MAV_CMD_COMPONENT_ARM_DISARM)) == 1


def test_go_to_by_clicking_the_map(qtbot, window, pilot, demo_engine):
    win = window
    arm_and_take_off(qtbot, win, 12)
    qtbot.waitUntil(lambda: alt_rel(win) >= 10.0, timeout=8000)
    here = demo_engine.snapshot().vehicles[1].state
    lat, lon, _ = pymap3d.enu2geodetic(40.0, 45.0, 0.0, here.lat, here.lon, 0.0)

    qtbot.mouseClick(win.commands.goto, Qt.MouseButton.LeftButton)
    assert win.map.picking and win.commands.goto.isChecked()
    target = win.map.screen_point(lat, lon)
    assert win.map.rect().contains(target.toPoint())
    qtbot.mouseClick(win.map, Qt.MouseButton.LeftButton, pos=target.toPoint())
    assert not win.map.picking and not win.commands.goto.isChecked()

    title, question = pilot.questions[-1]
    assert title == "Go to: vehicle 1" and "m away" in question and "12 m above home" in question
    asked = [float(v) for v in re.findall(r"(\d+\.\d{6})", question)]
    assert asked == pytest.approx([lat, lon], abs=3e-6)  # within a pixel of where the pilot clicked
    assert 1 in win.map.targets
    qtbot.waitUntil(lambda: outcome(win, "go to") is not None, timeout=5000)
    assert outcome(win, "go to").error == ""

    def arrived() -> bool:
        st = demo_engine.snapshot().vehicles[1].state
        e, n, _ = pymap3d.geodetic2enu(st.lat, st.lon, 0.0, lat, lon, 0.0)
        return (e * e + n * n) ** 0.5 < 5.0
    qtbot.waitUntil(arrived, timeout=10_000)


def test_refused_go_to_clears_the_target_and_sends_nothing(qtbot, window, pilot, demo_engine):
    win = window
    pilot.accept = False
    win.commands.keep_altitude.setChecked(True)
    qtbot.mouseClick(win.commands.goto, Qt.MouseButton.LeftButton)
    qtbot.keyClick(win.map, Qt.Key.Key_Escape)  # changed their mind: the next click selects again
    assert not win.map.picking and not win.commands.goto.isChecked()
    qtbot.mouseClick(win.commands.goto, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.map, Qt.MouseButton.LeftButton, pos=QPoint(win.map.width() // 3, win.map.height() // 3))
    assert len(pilot.questions) == 1 and pilot.questions[0][1].endswith("at its current altitude?")
    assert win.map.targets == {}
    qtbot.wait(300)
    assert sent_commands(demo_engine, mavlink.MAV_CMD_DO_REPOSITION) == []


def test_refusals_show_their_reason_and_the_window_carries_on(qtbot, window, demo):
    win = window
    demo.fleet.vehicles[0].faults.deny_arming = "battery too cold"
    qtbot.mouseClick(win.commands.arm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outcome(win, "arm") is not None, timeout=5000)
    text = win.command_status.text()
    assert text.startswith("vehicle 1: arm FAILED") and "battery too cold" in text
    assert "bold" in win.command_status.styleSheet()
    assert any("arm FAILED" in line for line in win.event_log.lines())

    assert win.set_mode("Bogus") is True  # an unlisted mode, as a vehicle might report one
    qtbot.waitUntil(lambda: outcome(win, "mode Bogus") is not None, timeout=5000)
    assert "mode Bogus FAILED" in win.command_status.text()
    assert "unknown flight mode 'Bogus'" in win.command_status.text()

    # Nothing is lost: the fleet is still shown and the next command goes through.
    demo.fleet.vehicles[0].faults.deny_arming = None
    qtbot.mouseClick(win.commands.arm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len([o for o in win.outcomes if o.label == "arm"]) == 2, timeout=5000)
    assert outcome(win, "arm").error == "" and win.vehicle_list.fleet.rowCount() == 3


def test_lost_link_shows_in_red_and_recovers(qtbot, window, demo):
    win = window
    fleet = win.vehicle_list.fleet
    demo.fleet.vehicles[2].faults.link_cut = True
    qtbot.waitUntil(lambda: fleet.index(2, 6).data() == "LOST", timeout=8000)
    assert fleet.index(2, 6).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#b71c1c")
    assert fleet.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # the whole row stands out
    assert fleet.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert any("vehicle 3: LINK LOST" in line for line in win.event_log.lines())
    st = win.shown_snapshot.vehicles[3].state
    pt = win.map.screen_point(st.lat, st.lon)
    assert icon_fill(win.map.grab().toImage(), pt) == LOST  # greyed out on the map
    demo.fleet.vehicles[2].faults.link_cut = False
    qtbot.waitUntil(lambda: fleet.index(2, 6).data() != "LOST", timeout=5000)
    assert any("vehicle 3: link recovered" in line for line in win.event_log.lines())


def test_select_by_map_click_after_zooming_and_panning(qtbot, window, demo_engine):
    win = window
    st = demo_engine.snapshot().vehicles[2].state
    before = win.map.screen_point(st.lat, st.lon)
    scale = win.map.viewport.m_per_px
    wheel = QWheelEvent(before, win.map.mapToGlobal(before), QPoint(0, 0), QPoint(0, 120 * 4),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(win.map, wheel)
    assert win.map.viewport.m_per_px == pytest.approx(scale / 1.25 ** 4)
    after = win.map.screen_point(st.lat, st.lon)
    assert (after - before).manhattanLength() < 1.0  # zoomed about the cursor

    start = QPoint(win.map.width() // 2, win.map.height() // 2)
    qtbot.mousePress(win.map, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(win.map, start + QPoint(60, 40))
    qtbot.mouseRelease(win.map, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))
    panned = win.map.screen_point(st.lat, st.lon)
    assert panned.x() - after.x() == pytest.approx(60, abs=1) and panned.y() - after.y() == pytest.approx(40, abs=1)
    assert win.selected_id == 1  # a drag is not a click

    qtbot.mouseClick(win.map, Qt.MouseButton.LeftButton, pos=panned.toPoint())
    assert win.selected_id == 2
    assert win.vehicle_list.currentIndex().row() == 1
    assert win.telemetry.values["Vehicle"].text().startswith("2 ·")
    # The view stays where the pilot put it while the fleet updates.
    qtbot.wait(500)
    assert (win.map.screen_point(st.lat, st.lon) - panned).manhattanLength() < 3.0


def test_screenshot_and_layout_at_1366x768(qtbot, window, tmp_path):
    win = window
    qtbot.wait(300)
    path = tmp_path / "main-window.png"
    assert win.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
    assert len(colours) > 30, "screenshot is (nearly) blank"

    # On a 1366x768 laptop the title bar and task bar take about 60 px: the window must fit what is left.
    smallest = win.minimumSizeHint()
    assert smallest.width() <= 1366 and smallest.height() <= 700, f"window needs {smallest}"

    table = win.vehicle_list
    assert table.horizontalHeader().length() <= table.viewport().width(), "vehicle list would scroll sideways"
    bounds = win.rect()
    for widget in win.findChildren(QLabel) + win.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text():
            continue
        where = widget.mapTo(win, QPoint(0, 0))
        assert bounds.contains(where) and bounds.contains(where + QPoint(widget.width() - 1, widget.height() - 1)), \
            f"{widget.text()!r} is outside the window"
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        needed = widget.fontMetrics().horizontalAdvance(widget.text())
        if isinstance(widget, (QAbstractButton, QCheckBox)):
            needed = widget.minimumSizeHint().width()
        assert widget.width() >= needed, f"{widget.text()!r} is cut off ({widget.width()} < {needed} px)"


def test_demo_window_runs_and_stops_the_fleet(qtbot, tmp_path):
    from groundstation.core.datadir import DataDir
    from groundstation.ui.app import run_demo_window

    assert run_demo_window(DataDir.open(tmp_path / "data"), speedup=10.0, duration=1.0) == 0
    alive = {t.name for t in threading.enumerate()}
    assert not alive & {"engine", "sitl-fleet"}
    assert list((tmp_path / "data" / "logs").glob("*.tlog")), "the demo's telemetry log is missing"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_rendering_does_not_wear_down_none(window):
    """PySide6 6.12.0 drops a reference to None on every void call: the window dies within minutes."""
    # The engine's thread holds and lets go of None too: compare the lowest count before with the highest after.
    before = min(_none_counts())
    for _ in range(50):
        window.refresh()
        window.map.repaint()
        window.telemetry.repaint()
    assert max(_none_counts()) - before > -500


def _none_counts(samples: int = 20) -> list[int]:
    counts = []
    for _ in range(samples):
        counts.append(sys.getrefcount(None))
        time.sleep(0.01)
    return counts


def test_the_view_menu_opens_every_panel(qtbot, demo_engine, pilot):
    from groundstation.ui.main_window import MainWindow

    win = MainWindow(demo_engine, robots=demo_engine.robots)
    win.confirm = pilot
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    listed = [a.text() for a in win.field.view_menu.actions()]
    for title in ("Findings:", "Robots", "Plan", "Video", "Parameters"):  # Findings with its count, as in the status bar
        assert any(text.startswith(title) for text in listed), f"View lists {listed}, not {title}"
    (findings,) = [a for a in win.field.view_menu.actions() if a.text().startswith("Findings")]
    findings.trigger()  # as the status-bar button does: one and the same switch
    qtbot.waitUntil(lambda: win.findings_dock.isVisible(), timeout=3000)
    assert findings.isChecked()
    findings.trigger()
    qtbot.waitUntil(lambda: not win.findings_dock.isVisible(), timeout=3000)
    win.close()


def test_the_demo_map_source_is_named_in_the_windows_language(qtbot, demo_engine):
    from groundstation.core.tiles import TileService
    from groundstation.core.tiles_scenario import SCENARIO_SOURCE_ID, install_scenario_tiles
    from groundstation.demo import SCENARIO_FILE
    from groundstation.ui.main_window import MainWindow
    from sitl.camera.scenario import load_scenario

    install_scenario_tiles(TileService.in_data_dir(demo_engine.data_dir), load_scenario(SCENARIO_FILE),
                           zooms=range(14, 15))  # one zoom level: the name is what counts here
    win = MainWindow(demo_engine)
    qtbot.addWidget(win)
    sources = win.field.pane.source
    assert sources.itemText(sources.findData(SCENARIO_SOURCE_ID)) == "Demo scenario"
    try:
        for language, name in (("fr", "Scénario de démonstration"), ("de", "Demo-Szenario"), ("en", "Demo scenario")):
            win.field.set_language(language)
            qtbot.waitUntil(lambda name=name: sources.itemText(sources.findData(SCENARIO_SOURCE_ID)) == name,
                            timeout=3000)
    finally:
        win.field.set_language("en")
        win.close()
