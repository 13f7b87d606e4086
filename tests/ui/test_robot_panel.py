"""Teleop in the main window: connect the simulated robot, drive it with the keyboard, and the rules
that never leave it driving (focus lost, window in the background), the latching e-stop, the map;
the robot's camera."""

from __future__ import annotations

import functools
import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from drivers.robot.gamepad import GamepadMapper, GamepadReading
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.ui.robot_panel import ROBOT_COLOUR
from sitl.robot.simulator import RobotSimulator, ZmqEndpoint
from tests.robot import test_manager
from tests.robot.test_manager import SimRobot


@pytest.fixture
def robot(tmp_path):
    robot = SimRobot(tmp_path)
    yield robot
    robot.close()


@pytest.fixture
def window(qtbot, tmp_path, robot):
    from groundstation.ui.main_window import MainWindow

    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        win = MainWindow(engine, robots=engine.robots)
        win.robot_panel.confirm = lambda title, question: True
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        win.robots_dock.show()
        win.robots_dock.raise_()
        win.activateWindow()
        qtbot.waitActive(win)
        yield win
        win.close()


def connect(qtbot, win, robot) -> str:
    panel = win.robot_panel
    qtbot.keyClicks(panel.url, f"zmq:{robot.address.command_endpoint}")
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.alive and panel.view.has_position
                    and panel.view.name == "sim-robot", timeout=5000)
    return panel.selected_id


def hold(qtbot, seconds: float) -> None:
    qtbot.wait(int(seconds * 1000))


def test_drive_with_the_keyboard_in_speed_steps_and_see_it_move(qtbot, window, robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    assert panel.robots.currentText().startswith("sim-robot") and panel.values["link"].text().startswith("open")
    start_north = robot.model.north

    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    assert "DRIVING KEYS ACTIVE" in panel.pad.label.text()
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    hold(qtbot, 0.8)
    assert robot.model.speed == pytest.approx(0.5 * 2 / 5, abs=0.03)  # step 2 of 5 of the 0.5 m/s limit
    qtbot.keyClick(panel.pad, Qt.Key.Key_5)
    hold(qtbot, 0.6)
    assert robot.model.speed == pytest.approx(0.5, abs=0.03)
    qtbot.waitUntil(lambda: "+0.5" in panel.speed.text(), timeout=2000)  # the gauge shows what the robot says
    qtbot.keyRelease(panel.pad, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: robot.model.speed == 0.0, timeout=500)  # key up: stop at once
    assert robot.model.north > start_north + 0.3

    qtbot.keyPress(panel.pad, Qt.Key.Key_A)  # turn left on the spot
    hold(qtbot, 0.5)
    assert robot.model.turn_rate > 0.3
    qtbot.keyRelease(panel.pad, Qt.Key.Key_A)

    # On the map, in the robot colour, turned to its heading.
    qtbot.waitUntil(lambda: len(win.robots_layer.robots) == 1, timeout=2000)
    v = win.robots_layer.robots[0]
    pt = win.map.screen_point(v.lat, v.lon).toPoint()
    assert win.map.grab().toImage().pixelColor(pt) == ROBOT_COLOUR


def test_losing_focus_or_the_window_going_to_the_background_stops_the_robot(qtbot, window, robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)  # held, never released
    hold(qtbot, 0.5)
    assert robot.model.speed > 0.1
    panel.url.setFocus()  # the operator clicks into another field: the key release will never come
    qtbot.waitUntil(lambda: robot.model.speed == 0.0, timeout=500)
    assert not panel.pad.held and "Click here to drive" in panel.pad.label.text()
    hold(qtbot, 0.4)
    assert robot.model.speed == 0.0

    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    hold(qtbot, 0.5)
    assert robot.model.speed > 0.1
    win.flight_dock.raise_()  # the pilot selects the Flight tab: the panel goes behind it, the key still held
    qtbot.waitUntil(lambda: robot.model.speed == 0.0, timeout=500)
    assert not panel.pad.hasFocus() and not panel.pad.held
    win.robots_dock.raise_()

    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    hold(qtbot, 0.5)
    assert robot.model.speed > 0.1
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # another window takes over: this one goes to the background
    qtbot.waitUntil(lambda: not win.isActiveWindow(), timeout=2000)
    qtbot.waitUntil(lambda: robot.model.speed == 0.0, timeout=500)
    qtbot.waitUntil(lambda: panel.view.commanded == (0.0, 0.0), timeout=1000)


def test_space_latches_the_estop_until_the_confirmed_release(qtbot, window, robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    hold(qtbot, 0.4)
    qtbot.keyClick(panel.pad, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: robot.model.estop and robot.model.speed == 0.0, timeout=1000)
    qtbot.waitUntil(lambda: panel.estop.text() == "E-STOP LATCHED" and panel.release.isEnabled(), timeout=2000)
    assert "LATCHED" in panel.values["estop"].text()

    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)  # pushing on does nothing while latched
    hold(qtbot, 0.5)
    assert robot.model.speed == 0.0
    qtbot.keyRelease(panel.pad, Qt.Key.Key_Up)

    asked = []
    panel.confirm = lambda title, question: asked.append(question) or False  # the operator says no
    qtbot.mouseClick(panel.release, Qt.MouseButton.LeftButton)
    hold(qtbot, 0.3)
    assert robot.model.estop and asked and "sim-robot" in asked[0]
    panel.confirm = lambda title, question: True
    qtbot.mouseClick(panel.release, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not robot.model.estop, timeout=2000)
    qtbot.waitUntil(lambda: panel.estop.text() == "EMERGENCY STOP", timeout=2000)
    hold(qtbot, 0.3)
    assert robot.model.speed == 0.0  # released, still, until driven again
    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)  # the click left the focus on the release button
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    hold(qtbot, 0.5)
    assert robot.model.speed > 0.1
    qtbot.keyRelease(panel.pad, Qt.Key.Key_Up)


class FedGamepad:
    """A gamepad source the test moves by hand: raw axes and buttons go through the real mapping.
    (SdlGamepad, the SDL device path, needs a plugged-in pad and is not exercised here.)"""

    def __init__(self) -> None:
        self.mapper = GamepadMapper()
        self.plugged = True
        self.axes = [0.0, 0.0]
        self.buttons = [False] * 8
        self.polls = 0

    def poll(self) -> GamepadReading | None:
        self.polls += 1
        return self.mapper.read("Test Pad", self.axes, self.buttons) if self.plugged else None


def test_drive_with_a_gamepad_stop_on_centre_unplug_and_its_estop_button(qtbot, window, robot):
    win, panel = window, window.robot_panel
    assert panel.values["gamepad"].text() == "no gamepad"
    connect(qtbot, win, robot)
    pad = FedGamepad()
    panel.use_gamepad(pad)
    qtbot.waitUntil(lambda: panel.values["gamepad"].text().startswith("Test Pad: forward +0%"), timeout=1000)
    start_north = robot.model.north

    pad.axes = [0.0, -1.0]  # stick full up: no keyboard focus needed
    hold(qtbot, 0.8)
    assert robot.model.speed == pytest.approx(0.5, abs=0.03)  # the whole 0.5 m/s limit
    assert "forward +100%" in panel.values["gamepad"].text()
    pad.axes = [0.05, -0.1]  # let go: the stick settles inside the dead zone
    qtbot.waitUntil(lambda: robot.model.speed == 0.0, timeout=500)
    assert robot.model.north > start_north + 0.2

    pad.axes = [-1.0, 0.0]  # stick left: turn left on the spot
    hold(qtbot, 0.5)
    assert robot.model.turn_rate > 0.3
    pad.plugged = False  # the cable comes out with the stick held
    qtbot.waitUntil(lambda: robot.model.turn_rate == 0.0 and robot.model.speed == 0.0, timeout=500)
    assert panel.values["gamepad"].text() == "no gamepad"

    pad.plugged, pad.axes = True, [0.0, -1.0]  # plugged back in with the stick still up: waits for centre
    hold(qtbot, 0.4)
    assert robot.model.speed == 0.0
    pad.axes = [0.0, 0.0]
    hold(qtbot, 0.2)
    pad.axes = [0.0, -1.0]
    hold(qtbot, 0.4)
    assert robot.model.speed > 0.1
    pad.buttons[1] = True  # B: e-stop, latched even when let go
    qtbot.waitUntil(lambda: robot.model.estop and robot.model.speed == 0.0, timeout=1000)
    pad.buttons[1] = False
    qtbot.waitUntil(lambda: panel.estop.text() == "E-STOP LATCHED", timeout=2000)
    hold(qtbot, 0.4)
    assert robot.model.estop and robot.model.speed == 0.0  # the stick still up does nothing

    asked = []
    panel.confirm = lambda title, question: asked.append(question) or True
    pad.axes = [0.0, 0.0]
    pad.buttons[7] = True  # Start, held: asks once
    qtbot.waitUntil(lambda: not robot.model.estop, timeout=2000)
    hold(qtbot, 0.3)
    assert len(asked) == 1 and robot.model.speed == 0.0  # released, still, until driven again
    pad.buttons[7], pad.axes = False, [0.0, -1.0]
    hold(qtbot, 0.4)
    assert robot.model.speed > 0.1  # the stick drives again after the release


def test_the_gamepad_does_not_drive_from_the_background(qtbot, window, robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    pad = FedGamepad()
    panel.use_gamepad(pad)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not win.isActiveWindow(), timeout=2000)
    pad.axes = [0.0, -1.0]
    hold(qtbot, 0.5)
    assert pad.polls > 3 and robot.model.speed == 0.0
    assert "forward +100%" in panel.values["gamepad"].text()  # seen, shown, not sent
    panel.use_gamepad(None)
    assert panel.values["gamepad"].text() == "no gamepad"


def cut_the_uplink(robot: SimRobot) -> None:
    """The radio stops carrying the station's commands to the robot; its telemetry still comes back."""
    endpoint = next(e for e in robot.simulator.endpoints if isinstance(e, ZmqEndpoint))
    robot.loop.call_soon_threadsafe(endpoint._task.cancel)


def deadman_shown(win) -> tuple[str, bool, bool]:
    """The panel's deadman line, whether the panel shows it as a failure, and whether the map's label is an alarm."""
    label = win.robot_panel.values["deadman"]
    return label.text(), label.property("status") == "fail", win.robots_layer.label(win.robot_panel.view)[1]


def test_a_robot_nobody_drove_waits_calmly_with_its_deadman_engaged(qtbot, window, robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    assert deadman_shown(win) == ("armed (stops by itself if commands stop)", False, False)
    cut_the_uplink(robot)  # commands stop arriving while nobody drives: the robot's deadman engages
    qtbot.waitUntil(lambda: panel.view.deadman, timeout=2000)
    qtbot.waitUntil(lambda: deadman_shown(win) == ("engaged, waiting for a driver", False, False), timeout=1000)


def test_a_deadman_stopping_a_drive_is_shown_as_an_alarm_on_the_panel_and_the_map(qtbot, window, robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: panel.view.speed > 0.1, timeout=2000)
    cut_the_uplink(robot)  # the radio drops out in the middle of the drive: the robot stops itself
    qtbot.waitUntil(lambda: robot.model.deadman and robot.model.speed == 0.0, timeout=1000)
    qtbot.waitUntil(lambda: deadman_shown(win) == ("ROBOT STOPPED ITSELF: its commands stopped arriving", True,
                                                   True), timeout=2000)
    assert "DEADMAN STOP" in win.robots_layer.label(panel.view)[0]
    qtbot.keyRelease(panel.pad, Qt.Key.Key_Up)


def test_a_bad_address_is_reported_and_nothing_is_listed(qtbot, window):
    panel = window.robot_panel
    qtbot.keyClicks(panel.url, "tcp://127.0.0.1:5570")
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "FAILED" in panel.status.text(), timeout=3000)
    assert "serial:PORT" in panel.status.text() and panel.robots.count() == 0
    assert not panel.pad.isEnabled() and not panel.estop.isEnabled()
    assert panel.url.text() == "tcp://127.0.0.1:5570"  # kept, for the operator to correct


@pytest.fixture
def filming_robot(tmp_path, monkeypatch):
    """The simulated robot with its camera streaming to a loopback UDP port it announces."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        url = f"udp://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setattr(test_manager, "RobotSimulator", functools.partial(RobotSimulator, video_url=url))
    robot = test_manager.SimRobot(tmp_path)
    yield robot
    robot.close()


def test_the_selected_robots_camera_shows_in_the_panel(qtbot, window, filming_robot):
    win, panel = window, window.robot_panel
    connect(qtbot, win, filming_robot)
    qtbot.waitUntil(lambda: panel.video.image is not None, timeout=10000)
    assert (panel.video.image.width(), panel.video.image.height()) == (640, 360)
    sky, ground = panel.video.image.pixelColor(320, 2), panel.video.image.pixelColor(320, 350)
    assert sky.blue() > sky.green() > sky.red() and ground.blue() < 200  # the horizon is at the top
    url = filming_robot.simulator.video_url
    qtbot.waitUntil(lambda: panel.values["video"].text().startswith(f"{url}: live,"), timeout=3000)
    seq = panel.video_seq
    qtbot.waitUntil(lambda: panel.video_seq > seq + 2, timeout=3000)  # it keeps coming

    def stops_after(put_away) -> None:  # nobody sees the video: its feed stops
        feed = panel.video_feed
        put_away()
        qtbot.waitUntil(lambda: panel.video_feed is None and panel.video.image is None, timeout=1000)
        qtbot.waitUntil(lambda: feed.status().state == "stopped", timeout=10000)

    stops_after(win.robots_dock.hide)
    win.robots_dock.show()  # and opens again when shown
    qtbot.waitUntil(lambda: panel.video.image is not None, timeout=10000)
    stops_after(win.flight_dock.raise_)  # the Flight tab selected: the panel behind it is as good as hidden
    win.robots_dock.raise_()
    qtbot.waitUntil(lambda: panel.video.image is not None, timeout=10000)
    stops_after(win.robots_dock.hide)


def test_a_camera_address_the_station_cannot_open_is_reported_and_teleop_carries_on(qtbot, window, robot):
    robot.simulator.video_url = "gopher://robot.local/cam"  # what the robot announces
    win, panel = window, window.robot_panel
    connect(qtbot, win, robot)
    qtbot.waitUntil(lambda: panel.values["video"].text().startswith("cannot open gopher://"), timeout=2000)
    assert "unsupported video URI scheme" in panel.values["video"].text()
    assert "bold" in panel.values["video"].styleSheet() and panel.video_feed is None
    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus)
    qtbot.keyPress(panel.pad, Qt.Key.Key_Up)
    hold(qtbot, 0.5)
    assert robot.model.speed > 0.1
    qtbot.keyRelease(panel.pad, Qt.Key.Key_Up)
