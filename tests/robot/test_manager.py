"""The engine-side robot manager: connect the simulated robot, drive it from another thread as the
window does, stop it, latch the e-stop. The manager runs on a started engine's loop, as it will
once the engine owns it; the simulated robot runs in its own thread and loop, like its own process."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from drivers.robot.keys import generate_keypair, server_keys
from drivers.robot.link import ZmqAddress
from drivers.robot.session import SpeedLimits
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.core.robots import RobotError, RobotManager
from sitl.robot.model import RobotModel
from sitl.robot.simulator import PtyEndpoint, RobotSimulator, ZmqEndpoint

from sitl.robot.simulator import free_port_pair
from waiting import wait_until as until


class SimRobot:
    """The simulated robot on its own loop thread, served on ZeroMQ and a pty."""

    def __init__(self, tmp_path: Path, curve=None) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.address = ZmqAddress("127.0.0.1", free_port_pair())
        self.simulator = RobotSimulator(RobotModel())

        async def serve():
            ZmqEndpoint(self.simulator, self.address, curve)
            self.pty = PtyEndpoint(self.simulator, tmp_path / "robot-tty")
            self.running = asyncio.create_task(self.simulator.run())

        asyncio.run_coroutine_threadsafe(serve(), self.loop).result(5)

    @property
    def model(self) -> RobotModel:
        return self.simulator.model

    def close(self) -> None:
        async def stop():
            self.running.cancel()
            await asyncio.gather(self.running, return_exceptions=True)
            await self.simulator.close()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def hold_key(manager: RobotManager, robot_id: str, seconds: float, forward: float, turn: float = 0.0) -> None:
    """What the window does while a key is held: fresh input at its 20 Hz frame rate."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        manager.drive(robot_id, forward, turn)
        time.sleep(0.05)


@pytest.fixture
def engine(tmp_path):
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        yield engine


@pytest.fixture
def manager(engine):
    return engine.robots  # the engine's own, started and closed with it


@pytest.fixture
def robot(tmp_path):
    robot = SimRobot(tmp_path)
    yield robot
    robot.close()


def test_drive_over_zeromq_from_another_thread_and_see_it_in_the_views(manager, robot):
    robot_id = manager.connect(f"zmq:{robot.address.command_endpoint}", SpeedLimits(linear=0.8)).result(5)
    until(lambda: (v := manager.view(robot_id)) is not None and v.has_position and v.name == "sim-robot",
          what="robot seen")
    start = manager.view(robot_id)
    assert start.link == "open" and start.alive and start.battery_pct == 100

    hold_key(manager, robot_id, 1.0, forward=1.0)
    view = manager.view(robot_id)
    assert robot.model.speed == pytest.approx(0.8, abs=0.05)  # the station's limit, not the robot's 1.2
    assert view.speed > 0.6 and view.commanded == pytest.approx((1.0, 0.0))
    assert view.lat > start.lat  # it drove north on the map

    manager.stop_driving(robot_id)  # key released / focus lost: stop at once, no waiting for the deadman
    until(lambda: robot.model.speed == 0.0, 0.5, "stopped")
    until(lambda: manager.view(robot_id).commanded == (0.0, 0.0), what="the view shows the stop")


def test_input_that_stops_arriving_stops_the_robot_and_shows_as_stale(manager, robot):
    robot_id = manager.connect(f"zmq:{robot.address.command_endpoint}").result(5)
    until(lambda: (v := manager.view(robot_id)) is not None and v.alive)
    hold_key(manager, robot_id, 0.6, forward=1.0, turn=0.5)
    assert robot.model.speed > 0.2 and robot.model.turn_rate > 0.2  # turn positive = left (counter-clockwise)
    # The window froze: no more input, no stop_driving() either.
    until(lambda: robot.model.speed == 0.0, 1.0, "stale input became a stop")
    until(lambda: manager.view(robot_id).input_stale)


def test_estop_latches_until_released_and_release_does_not_restart_motion(manager, robot):
    robot_id = manager.connect(f"zmq:{robot.address.command_endpoint}").result(5)
    until(lambda: (v := manager.view(robot_id)) is not None and v.alive)
    hold_key(manager, robot_id, 0.5, forward=1.0)
    manager.engage_estop(robot_id).result(2)
    until(lambda: robot.model.estop and robot.model.speed == 0.0, 1.0, "robot e-stopped")
    hold_key(manager, robot_id, 0.5, forward=1.0)  # the operator pushes on: nothing moves
    assert robot.model.speed == 0.0
    until(lambda: manager.view(robot_id).estop_latched and manager.view(robot_id).estop_confirmed)

    manager.release_estop(robot_id).result(2)
    until(lambda: not robot.model.estop and not manager.view(robot_id).estop_confirmed, what="released")
    time.sleep(0.3)
    assert robot.model.speed == 0.0  # release alone never moves it
    hold_key(manager, robot_id, 0.5, forward=1.0)
    assert robot.model.speed > 0.2


def test_serial_robot_on_a_pty_is_driven_the_same_way(manager, robot):
    robot_id = manager.connect(str(robot.pty.address)).result(5)
    assert robot_id.startswith("serial:")
    until(lambda: (v := manager.view(robot_id)) is not None and v.alive and v.link == "open")
    hold_key(manager, robot_id, 0.6, forward=-1.0)
    assert robot.model.speed < -0.2  # reversing
    manager.disconnect(robot_id).result(5)
    until(lambda: robot.model.speed == 0.0, 0.5, "stopped on disconnect")
    assert manager.view(robot_id) is None


def test_curve_keys_from_files_and_a_wrong_key_is_refused(manager, tmp_path):
    generate_keypair(tmp_path / "robot", "robot")
    generate_keypair(tmp_path / "authorized", "station")
    generate_keypair(tmp_path / "elsewhere", "intruder")
    robot = SimRobot(tmp_path, server_keys(tmp_path / "robot/robot.key_secret", tmp_path / "authorized"))
    try:
        url = f"zmq:{robot.address.command_endpoint}"
        good = manager.connect(url, robot_key=tmp_path / "robot/robot.key",
                               station_key=tmp_path / "authorized/station.key_secret").result(5)
        until(lambda: (v := manager.view(good)) is not None and v.alive)
        manager.disconnect(good).result(5)
        bad = manager.connect(url, robot_key=tmp_path / "robot/robot.key",
                              station_key=tmp_path / "elsewhere/intruder.key_secret").result(5)
        until(lambda: (v := manager.view(bad)) is not None and v.link == "refused")
        assert "refused" in manager.view(bad).link_error and not manager.view(bad).alive
    finally:
        robot.close()


def test_bad_requests_are_refused_clearly_and_change_nothing(manager, robot, tmp_path):
    robot_id = manager.connect(f"zmq:{robot.address.command_endpoint}").result(5)
    with pytest.raises(RobotError, match="already connected"):
        manager.connect(robot_id).result(5)
    with pytest.raises(ValueError, match="serial:PORT"):
        manager.connect("tcp://127.0.0.1:5570").result(5)
    with pytest.raises(RobotError, match="needs both"):
        manager.connect("zmq:tcp://127.0.0.1:6000", robot_key=tmp_path / "robot.key").result(5)
    with pytest.raises(ValueError, match="cannot read CURVE key file"):
        manager.connect("zmq:tcp://127.0.0.1:6000", robot_key=tmp_path / "none.key",
                        station_key=tmp_path / "none.key_secret").result(5)
    with pytest.raises(ValueError, match="outside -1..1"):
        manager.drive(robot_id, 1.5, 0.0)
    with pytest.raises(ValueError, match="outside -1..1"):
        manager.drive(robot_id, 0.0, float("nan"))
    with pytest.raises(RobotError, match="no robot"):
        manager.drive("zmq:tcp://127.0.0.1:1", 0.5, 0.0)
    with pytest.raises(RobotError, match="no MAVLink vehicle"):
        manager.drive("mavlink:7", 0.5, 0.0)
    with pytest.raises(RobotError, match="system id"):
        manager.engage_estop("mavlink:bogus").result(2)
    with pytest.raises(RobotError, match="autopilot parameters"):
        manager.set_limits("mavlink:1", SpeedLimits()).result(2)
    until(lambda: (v := manager.view(robot_id)) is not None and v.alive)
    assert [v.id for v in manager.views()] == [robot_id]  # the one good robot, still connected
    assert robot.model.speed == 0.0


def test_a_manager_that_is_not_running_says_so():
    manager = RobotManager()
    with pytest.raises(RuntimeError, match="not running"):
        manager.connect("zmq:tcp://127.0.0.1:6000")
    with pytest.raises(RuntimeError, match="not running"):
        manager.stop_driving()
    assert manager.views() == ()
