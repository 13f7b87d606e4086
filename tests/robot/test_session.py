"""The station's side of one robot, tick by tick on a controlled clock: what it sends and what it shows.

The link is created but never opened here; the messages a tick returns are exactly what the
running session sends (tests over real links are in test_serial_pty.py and test_zmq_link.py).
"""

import pytest

from drivers.robot.link import parse_link_url, SerialAddress, ZmqAddress
from drivers.robot.protocol import (
    Ack,
    AckResult,
    Capabilities,
    CapabilitiesRequest,
    EStop,
    Heartbeat,
    MessageType,
    Telemetry,
    Teleop,
)
from drivers.robot.session import RobotSession, SpeedLimits


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def session(**kwargs) -> tuple[RobotSession, Clock]:
    clock = Clock()
    return RobotSession("serial:/dev/ttyUSB-robot:57600", clock=clock, **kwargs), clock


def teleops(messages):
    return [m for m in messages if isinstance(m, Teleop)]


def telemetry(seq: int, **changes) -> Telemetry:
    fields = dict(seq=seq, time_ms=seq * 100, lat=49.6, lon=6.1, heading_deg=0.0, linear=0.0, angular=0.0,
                  battery_v=24.0, battery_pct=80, estop=False, deadman=False, last_teleop_seq=0)
    return Telemetry(**{**fields, **changes})


def test_link_addresses_are_read_or_refused_with_an_example():
    assert parse_link_url("serial:/dev/ttyUSB0:115200") == SerialAddress("/dev/ttyUSB0", 115200)
    assert parse_link_url("serial:COM4") == SerialAddress("COM4", 115200)
    zmq = parse_link_url("zmq:tcp://10.1.2.3:5570")
    assert zmq == ZmqAddress("10.1.2.3", 5570) and zmq.telemetry_endpoint == "tcp://10.1.2.3:5571"
    for bad in ("serial:/dev/ttyUSB0:fast", "zmq:udp://1.2.3.4:5", "zmq:tcp://host", "tcp://1.2.3.4:5570", "serial:"):
        with pytest.raises(ValueError, match="serial:|zmq:tcp://"):
            parse_link_url(bad)


def test_operator_input_is_scaled_by_the_robots_speed_limits_and_the_robots_own():
    s, clock = session(limits=SpeedLimits(linear=2.0, angular=1.0))
    s.drive(0.5, -1.0)
    (command,) = teleops(s.tick(clock.now))
    assert (command.linear, command.angular) == (1.0, -1.0)
    s.handle(Capabilities(1, max_linear=0.8, max_angular=2.0, deadman_ms=150, name="r", video_url=""))
    s.drive(1.0, 1.0)
    (command,) = teleops(s.tick(clock.now))
    assert (command.linear, command.angular) == (0.8, 1.0)


def test_every_teleop_carries_a_new_sequence_number_and_its_deadline():
    s, clock = session(valid_ms=200)
    sent = []
    for _ in range(3):
        sent += teleops(s.tick(clock.now))
        clock.now += 0.05
    assert [c.seq for c in sent] == [1, 2, 3]
    assert [c.sent_ms for c in sent] == [1_000_000, 1_000_050, 1_000_100]
    assert {c.valid_ms for c in sent} == {200}


def test_stale_operator_input_becomes_a_stop_and_the_station_says_so():
    s, clock = session(input_timeout=0.3)
    s.drive(1.0, 0.0)
    clock.now += 0.25
    assert teleops(s.tick(clock.now))[0].linear > 0
    clock.now += 0.1  # the window froze: no fresh input for 0.35 s
    assert teleops(s.tick(clock.now))[0].linear == 0.0
    assert s.status().input_stale
    assert [e.kind for e in s.events] == ["input-stale"]


def test_stop_driving_zeroes_at_once_when_the_window_loses_focus():
    s, clock = session()
    s.drive(1.0, 0.5)
    s.stop_driving()
    command = teleops(s.tick(clock.now))[0]
    assert (command.linear, command.angular) == (0.0, 0.0)


def test_estop_latches_until_released_and_release_waits_for_the_robot():
    s, clock = session()
    s.drive(1.0, 0.0)
    s.engage_estop()
    for _ in range(5):  # the operator pushes on: only e-stops go out
        s.drive(1.0, 0.0)
        out = s.tick(clock.now)
        clock.now += 0.05
        assert not teleops(out)
        assert any(isinstance(m, EStop) and m.engage for m in out)
    engage_id = next(m for m in out if isinstance(m, EStop)).command_id
    s.handle(Ack(MessageType.ESTOP, engage_id, AckResult.ACCEPTED))
    s.handle(telemetry(1, estop=True))
    assert s.status().estop_latched and s.status().estop_confirmed

    s.release_estop()
    release = next(m for m in s.tick(clock.now) if isinstance(m, EStop))
    assert release.engage is False and s.status().release_pending
    assert next(m for m in s.tick(clock.now) if isinstance(m, EStop)) == release  # repeated until acknowledged
    s.handle(Ack(MessageType.ESTOP, release.command_id, AckResult.ACCEPTED))
    command = teleops(s.tick(clock.now))[0]
    assert command.linear == 0.0  # release never restarts motion: the operator must drive again
    s.handle(telemetry(2, estop=False))
    assert [e.kind for e in s.events] == ["estop", "estop-released"]


def test_a_robot_held_by_its_own_estop_can_be_released_from_the_station():
    s, clock = session()
    s.handle(telemetry(1, estop=True))  # someone pressed the button on the robot
    assert s.status().estop_confirmed and not s.status().estop_latched
    s.release_estop()
    assert any(isinstance(m, EStop) and not m.engage for m in s.tick(clock.now))


def test_robot_deadman_shows_as_an_event_once():
    s, clock = session()
    s.handle(telemetry(1))
    s.handle(telemetry(2, deadman=True))
    s.handle(telemetry(3, deadman=True))
    assert [e.kind for e in s.events] == ["deadman"]
    assert s.status().telemetry.deadman


def test_a_deadman_is_an_alarm_only_when_it_stopped_a_drive():
    s, clock = session()
    s.handle(telemetry(1, deadman=True))
    assert s.status().telemetry.deadman and not s.status().deadman_stopped_drive  # waiting to be driven: calm
    s.handle(telemetry(2, linear=0.6))  # driven
    s.handle(telemetry(3, deadman=True))  # its commands stopped arriving mid-drive
    assert s.status().deadman_stopped_drive
    s.handle(telemetry(4, linear=0.6))
    s.handle(telemetry(5, angular=0.0))  # the operator let go: the robot stands, nothing commanded
    s.handle(telemetry(6, deadman=True))  # then the station went quiet: the deadman takes over calmly
    assert not s.status().deadman_stopped_drive
    s.handle(telemetry(7, angular=0.4))  # turning on the spot is driving too
    s.handle(telemetry(8, deadman=True))
    assert s.status().deadman_stopped_drive


def test_link_quality_counts_missing_telemetry_and_drops_to_zero_when_silent():
    s, clock = session()
    for seq in range(1, 41):
        if seq % 4 != 2:  # one in four lost
            s.handle(telemetry(seq))
    assert s.status().link_quality == pytest.approx(30 / 40)
    assert s.status().alive
    clock.now += 1.5
    assert not s.status().alive and s.status().link_quality == 0.0


def test_heartbeat_each_second_and_capabilities_asked_until_answered():
    s, clock = session()
    first = s.tick(clock.now)
    assert any(isinstance(m, Heartbeat) for m in first) and any(isinstance(m, CapabilitiesRequest) for m in first)
    clock.now += 0.5
    assert teleops(s.tick(clock.now)) and len(s.tick(clock.now)) == 1
    s.handle(Capabilities(0, 1.0, 1.0, 150, "r", ""))
    clock.now += 0.6
    later = s.tick(clock.now)
    assert any(isinstance(m, Heartbeat) for m in later) and not any(isinstance(m, CapabilitiesRequest) for m in later)


def test_bad_operator_input_and_limits_are_refused_and_change_nothing():
    s, clock = session()
    s.drive(0.5, 0.0)
    for forward, turn in ((1.5, 0.0), (0.0, float("nan"))):
        with pytest.raises(ValueError, match="outside -1..1"):
            s.drive(forward, turn)
    assert teleops(s.tick(clock.now))[0].linear == pytest.approx(0.25)
    with pytest.raises(ValueError, match="positive number"):
        SpeedLimits(linear=-1.0)
    with pytest.raises(ValueError, match="validity"):
        RobotSession("serial:/dev/ttyUSB0", valid_ms=20)


def test_a_watching_session_never_drives_but_can_still_stop_the_robot():
    s, clock = session(observe_only=True)
    with pytest.raises(RuntimeError, match="only watches"):
        s.drive(1.0, 0.0)
    assert not teleops(s.tick(clock.now))
    s.engage_estop()
    assert any(isinstance(m, EStop) and m.engage for m in s.tick(clock.now))


def test_a_message_only_stations_send_is_counted_as_an_error():
    s, _ = session()
    s.handle(Teleop(1, 1, 0, 150, 1.0, 0.0))
    assert s.status().receive_errors == 1
