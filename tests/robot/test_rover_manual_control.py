"""Driving a MAVLink vehicle through MANUAL_CONTROL with the same input as a ground robot.

The built-in simulator models a PX4 multicopter, not a rover: the first test drives it in Position
mode (sticks fly it forward; neutral sticks hold it; a stream that ends trips its RC-loss failsafe).
The rover encodings (PX4 and ArduPilot read the throttle axis differently), the fixed rate, the
station-side deadman and the e-stop's force-disarm are checked against a scripted pymavlink rover.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink
from pyproj import Geod

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine

from .test_manager import hold_key, until

sim = pytest.importorskip("sitl.vehicle")

GEOD = Geod(ellps="WGS84")
SPEEDUP = 3.0  # the sim's 0.5 s RC-loss time stays well above the 50 ms stream period in wall time




def test_sticks_fly_the_simulated_vehicle_and_neutral_holds_it(tmp_path):
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        with sim.SimulatedFleet(count=1, home=(49.47, 6.37, 200.0), gcs=("127.0.0.1", port), speedup=SPEEDUP,
                                seed=5, base_port=0) as fleet:
            manager = engine.robots
            autopilot = fleet.vehicles[0].autopilot
            until(lambda: 1 in engine.snapshot().vehicles and engine.snapshot().vehicles[1].state.home
                  is not None and engine.snapshot().vehicles[1].state.gps_fix.startswith("3D"), 30, "vehicle ready")
            engine.arm(1).result(10)
            engine.takeoff(1, 10.0).result(10)
            until(lambda: engine.snapshot().vehicles[1].state.alt_rel > 9.0, 20, "10 m up")

            # Position mode needs manual control present: start the stream, then switch.
            manager.drive("mavlink:1", 0.0, 0.0)
            until(lambda: autopilot.manual_control_time > 0, 2, "sticks received")
            assert engine.set_mode(1, "Position").result(10).result == "ACCEPTED"
            st = engine.snapshot().vehicles[1].state
            start = (st.lat, st.lon)

            hold_key(manager, "mavlink:1", 1.5, forward=1.0)
            assert autopilot.manual_sticks.x == pytest.approx(1.0) and autopilot.manual_sticks.z == 0.5
            st = engine.snapshot().vehicles[1].state
            moved = GEOD.inv(start[1], start[0], st.lon, st.lat)[2]
            assert moved > 5.0 and st.ground_speed > 2.0
            view = manager.view("mavlink:1")
            assert view.kind == "mavlink" and view.commanded == (1.0, 0.0)

            # The operator lets go without a stop: the station's deadman sends neutral sticks.
            until(lambda: autopilot.manual_sticks.x == 0.0, 1.0, "neutral sticks")
            until(lambda: engine.snapshot().vehicles[1].state.ground_speed < 0.5, 10, "holding")
            assert engine.snapshot().vehicles[1].state.mode == "Position"  # no failsafe: sticks still arrive
            assert manager.view("mavlink:1").input_stale

            # The stream ends (operator gives up control): the vehicle's own RC-loss failsafe takes over.
            manager.disconnect("mavlink:1").result(5)
            until(lambda: engine.snapshot().vehicles[1].state.mode == "Return", 5, "RC-loss failsafe")


@dataclass
class Received:
    at: float
    msg: object


class ScriptedRover:
    """A bare pymavlink rover on loopback: heartbeats, ACKs every command, records what it gets."""

    def __init__(self, station_port: int, autopilot: int) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.02)
        self.station = ("127.0.0.1", station_port)
        self.mav = mavlink.MAVLink(None, 1, 1)
        self.parser = mavlink.MAVLink(None, 0, 0)
        self.parser.robust_parsing = True
        self.autopilot = autopilot
        self.armed = True
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _send(self, msg) -> None:
        self.sock.sendto(msg.pack(self.mav), self.station)

    def _run(self) -> None:
        next_heartbeat = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= next_heartbeat:
                next_heartbeat = now + 0.2
                base = mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED | (mavlink.MAV_MODE_FLAG_SAFETY_ARMED if self.armed else 0)
                self._send(mavlink.MAVLink_heartbeat_message(mavlink.MAV_TYPE_GROUND_ROVER, self.autopilot, base, 0,
                                                             mavlink.MAV_STATE_ACTIVE, 3))
            try:
                data = self.sock.recv(2048)
            except socket.timeout:
                continue
            for msg in self.parser.parse_buffer(data) or ():
                with self._lock:
                    self.received.append(Received(time.monotonic(), msg))
                if msg.get_type() == "COMMAND_LONG":
                    if msg.command == mavlink.MAV_CMD_COMPONENT_ARM_DISARM and msg.param1 == 0:
                        self.armed = False
                    self._send(mavlink.MAVLink_command_ack_message(msg.command, mavlink.MAV_RESULT_ACCEPTED, 0, 0,
                                                                   msg.get_srcSystem(), msg.get_srcComponent()))

    def sticks(self, since: float = 0.0) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.msg.get_type() == "MANUAL_CONTROL" and r.at >= since]

    def last_sticks(self) -> tuple[int, int, int, int]:
        m = self.sticks()[-1].msg
        return m.x, m.y, m.z, m.r

    def commands(self, command: int) -> list:
        with self._lock:
            return [r.msg for r in self.received if r.msg.get_type() == "COMMAND_LONG" and r.msg.command == command]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(params=[("PX4", mavlink.MAV_AUTOPILOT_PX4), ("ArduPilot", mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA)],
                ids=["px4", "ardupilot"])
def rover(request, tmp_path):
    name, autopilot = request.param
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        peer = ScriptedRover(int(engine.links[0].rsplit(":", 1)[1]), autopilot)
        manager = engine.robots
        try:
            until(lambda: manager.view("mavlink:1") is not None, 5, "rover listed")
            yield name, peer, manager
        finally:
            peer.close()


def test_a_rover_is_listed_and_driven_with_throttle_and_steering(rover):
    name, peer, manager = rover
    view = manager.view("mavlink:1")
    assert view.name == "ground rover 1" and view.link == "open" and view.estop_latched is False

    hold_key(manager, "mavlink:1", 0.4, forward=0.5, turn=0.5)  # half speed, turning left
    x, y, z, r = peer.last_sticks()
    # PX4 reads throttle over 0..1000 (500 = stop); ArduPilot Rover over -1000..1000.
    assert (x, y, z, r) == ((0, -500, 750, 0) if name == "PX4" else (0, -500, 500, 0))

    # Input stops arriving: the stream goes on, neutral, at its fixed rate.
    time.sleep(0.5)
    since = time.monotonic()
    time.sleep(1.0)
    neutral = peer.sticks(since)
    assert 10 <= len(neutral) <= 30  # 20 Hz, with room for a busy machine
    assert {(m.msg.x, m.msg.y, m.msg.z, m.msg.r) for m in neutral} == {(0, 0, 500 if name == "PX4" else 0, 0)}
    assert manager.view("mavlink:1").input_stale

    hold_key(manager, "mavlink:1", 0.3, forward=-1.0)
    assert peer.last_sticks()[2] == (0 if name == "PX4" else -1000)  # full reverse
    manager.stop_driving()  # focus lost: every robot stops at once
    time.sleep(0.15)
    assert peer.last_sticks() == (0, 0, 500 if name == "PX4" else 0, 0)


def test_rover_estop_force_disarms_and_holds_neutral_until_released(rover):
    name, peer, manager = rover
    hold_key(manager, "mavlink:1", 0.3, forward=1.0)
    manager.engage_estop("mavlink:1").result(5)
    (disarm,) = peer.commands(mavlink.MAV_CMD_COMPONENT_ARM_DISARM)
    assert disarm.param1 == 0 and disarm.param2 == 21196  # forced: stops the motors in any state
    neutral = (0, 0, 500 if name == "PX4" else 0, 0)
    hold_key(manager, "mavlink:1", 0.4, forward=1.0)  # pushing on changes nothing while latched
    assert peer.last_sticks() == neutral
    until(lambda: manager.view("mavlink:1").estop_latched and manager.view("mavlink:1").estop_confirmed,
          2, "latched and disarmed shown")

    manager.release_estop("mavlink:1").result(5)
    time.sleep(0.15)
    assert peer.last_sticks() == neutral  # release alone moves nothing
    hold_key(manager, "mavlink:1", 0.3, forward=1.0)
    assert peer.last_sticks()[2] == 1000


def test_giving_up_control_ends_the_stream_neutral(rover):
    name, peer, manager = rover
    hold_key(manager, "mavlink:1", 0.3, forward=1.0)
    manager.disconnect("mavlink:1").result(5)
    time.sleep(0.1)  # the last datagram is on its way
    last = peer.sticks()[-1]
    time.sleep(0.3)
    assert peer.sticks()[-1] is last  # nothing more is sent
    assert (last.msg.z, last.msg.y) == ((500, 0) if name == "PX4" else (0, 0))
