"""The simulated robot on its own, in simulated time: driving, deadman, deadlines, e-stop, battery."""

import math

import pymap3d
import pytest

from drivers.robot.protocol import Teleop
from sitl.robot.model import Home, RobotModel, RobotParams

DT = 0.01


class Operator:
    """Sends teleop at 20 Hz of simulated time, as the station does, with the station's clock offset."""

    def __init__(self, model: RobotModel, clock_offset_ms: int = 123_456, session: int = 1) -> None:
        self.model, self.offset, self.session, self.seq = model, clock_offset_ms, session, 0

    def command(self, linear: float, angular: float = 0.0, delay_ms: int = 0, valid_ms: int = 150):
        self.seq += 1
        sent = int(self.model.time * 1000) + self.offset - delay_ms
        return self.model.teleop(Teleop(self.session, self.seq, sent % 2**32, valid_ms, linear, angular))

    def drive(self, seconds: float, linear: float, angular: float = 0.0) -> None:
        steps = round(seconds / DT)
        for i in range(steps):
            if i % 5 == 0:
                assert self.command(linear, angular).accepted
            self.model.step(DT)


def run_until_stopped(model: RobotModel, limit: float = 2.0) -> float:
    start = model.time
    while model.stopped_since is None and model.time - start < limit:
        model.step(DT)
    return model.time


def test_driving_north_moves_the_robot_north_at_the_commanded_speed():
    model = RobotModel(home=Home(49.6116, 6.1319, heading_deg=0.0))
    Operator(model).drive(5.0, linear=1.0)
    assert model.speed == pytest.approx(1.0)
    lat, lon = model.position()
    east, north, _ = pymap3d.geodetic2enu(lat, lon, 0.0, 49.6116, 6.1319, 0.0)
    # 5 s at 1 m/s less the 1/1.5 s spent speeding up at 1.5 m/s^2
    assert north == pytest.approx(5.0 - 1.0 / 3.0, abs=0.05)
    assert abs(east) < 1e-6


def test_positive_turn_rate_turns_left():
    model = RobotModel(home=Home(49.6, 6.1, heading_deg=90.0))
    Operator(model).drive(1.0, linear=0.0, angular=0.5)
    assert model.heading_deg < 90.0
    assert model.turn_rate == pytest.approx(0.5)


def test_commands_above_the_robots_limits_are_held_to_them():
    model = RobotModel(params=RobotParams(max_linear=0.8))
    Operator(model).drive(3.0, linear=5.0)
    assert model.speed == pytest.approx(0.8)


def test_deadman_stops_the_robot_within_300_ms_of_the_last_command():
    model = RobotModel()
    operator = Operator(model)
    operator.drive(2.0, linear=1.2)
    assert model.speed == pytest.approx(1.2)
    last = model.last_command_time
    stopped = run_until_stopped(model)  # the link is cut: no command arrives any more
    assert stopped - last <= 0.300
    assert model.deadman
    assert operator.command(0.5).accepted and not model.deadman  # the next command clears it


def test_a_command_delayed_past_its_deadline_is_refused():
    model = RobotModel()
    operator = Operator(model)
    operator.drive(0.5, linear=0.5)  # the robot learns the link's usual delay
    verdict = operator.command(1.0, delay_ms=400)  # held up in a radio buffer
    assert not verdict.accepted and verdict.reason == "arrived after its deadline"
    late_but_valid = operator.command(1.0, delay_ms=100)
    assert late_but_valid.accepted
    # ... and it drives only for what is left of its validity: 50 ms, not 150 ms.
    start = model.time
    stopped = run_until_stopped(model)
    assert model.deadman and stopped - start < 0.150


def test_repeated_or_reordered_commands_are_refused_but_a_new_station_session_is_not():
    model = RobotModel()
    operator = Operator(model)
    assert operator.command(0.5).accepted
    operator.seq -= 1
    assert operator.command(0.5).reason == "out of order or repeated"
    restarted = Operator(model, clock_offset_ms=-5_000, session=2)
    assert restarted.command(0.3).accepted


def test_estop_latches_until_released_and_release_does_not_restart_motion():
    model = RobotModel()
    operator = Operator(model)
    operator.drive(1.0, linear=1.0)
    model.set_estop(True)
    stopped = run_until_stopped(model)
    assert stopped - model.last_command_time < 0.3
    for _ in range(10):  # the operator keeps pushing forward: nothing moves
        assert operator.command(1.0).reason == "e-stop latched"
        model.step(0.05)
    assert model.speed == 0.0 and model.estop
    model.set_estop(False)
    for _ in range(20):
        model.step(DT)
    assert model.speed == 0.0  # released, but waiting for a fresh command
    operator.drive(0.5, linear=0.5)
    assert model.speed > 0


def test_battery_drains_with_driving_and_an_empty_robot_will_not_move():
    model = RobotModel(params=RobotParams(battery_wh=0.05))
    full_volts = model.battery_v
    operator = Operator(model)
    operator.drive(1.0, linear=1.0)
    assert model.battery_pct < 100 and model.battery_v < full_volts
    while model.battery_pct > 0:
        model.step(0.5)
    assert operator.command(1.0).reason == "battery empty"
    run_until_stopped(model)
    assert model.speed == 0.0


def test_station_clock_wrapping_past_32_bits_does_not_break_deadlines():
    model = RobotModel()
    operator = Operator(model, clock_offset_ms=2**32 - 200)  # station's ms counter wraps mid-drive
    operator.drive(1.0, linear=0.5)
    assert model.speed == pytest.approx(0.5)
    assert math.isfinite(model.heading)
