"""A simulated tracked/wheeled robot: differential drive, battery, latching e-stop, deadman.

Pure and stepped in simulated time (seconds); the simulator feeds it protocol messages with the
simulated time they arrived. Positions are kept east/north of a home point and read out as
latitude/longitude through pymap3d.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import pymap3d

from drivers.robot.protocol import Teleop

_MS_WRAP = 1 << 32
_OFFSET_WINDOW_S = 30.0  # long enough to see the link's best delay, short enough to follow clock drift


@dataclass(frozen=True)
class RobotParams:
    name: str = "sim-robot"
    track_width: float = 0.6  # m between the tracks
    max_linear: float = 1.2  # m/s
    max_angular: float = 1.5  # rad/s
    accel: float = 1.5  # m/s^2 per track when speeding up
    brake: float = 15.0  # m/s^2 per track when slowing: stops from full speed in 80 ms
    deadman_s: float = 0.15  # longest a motion command drives the robot after it arrived
    battery_wh: float = 400.0
    idle_w: float = 25.0
    drive_w_per_mps: float = 120.0  # per track
    volts_empty: float = 21.0
    volts_full: float = 25.2


@dataclass(frozen=True)
class Home:
    lat: float
    lon: float
    heading_deg: float = 0.0


def _signed_ms(value: int) -> int:
    value %= _MS_WRAP
    return value - _MS_WRAP if value >= _MS_WRAP // 2 else value


@dataclass
class TeleopVerdict:
    accepted: bool
    reason: str = ""


@dataclass
class RobotModel:
    params: RobotParams = field(default_factory=RobotParams)
    home: Home = field(default_factory=lambda: Home(49.6116, 6.1319))  # Luxembourg city
    time: float = 0.0
    east: float = 0.0
    north: float = 0.0
    heading: float = 0.0  # rad, true north, clockwise
    left: float = 0.0  # track speeds, m/s
    right: float = 0.0
    energy_wh: float = 0.0
    estop: bool = False
    deadman: bool = False  # holding still by itself: the last motion command ran out
    stopped_since: float | None = 0.0  # sim time the tracks last came to rest; None while moving
    last_command_time: float | None = None
    last_teleop_seq: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    _target: tuple[float, float] = (0.0, 0.0)
    _deadline: float = 0.0
    _session: int | None = None
    _transits: deque[tuple[float, int]] = field(default_factory=deque)

    def __post_init__(self) -> None:
        self.heading = math.radians(self.home.heading_deg)
        self.energy_wh = self.params.battery_wh

    # --- commands -------------------------------------------------------------------------
    def teleop(self, command: Teleop) -> TeleopVerdict:
        """Apply a motion command that arrived now; stale, late or blocked ones are refused."""
        now_ms = int(self.time * 1000)
        if command.session != self._session:
            self._session = command.session
            self.last_teleop_seq = 0
            self._transits.clear()
        elif command.seq <= self.last_teleop_seq:
            return self._reject("out of order or repeated")
        excess_ms = self._delay_beyond_best(now_ms, command.sent_ms)
        self.last_teleop_seq = command.seq
        if excess_ms > command.valid_ms:
            return self._reject("arrived after its deadline")
        if self.estop:
            return self._reject("e-stop latched")
        if self.battery_pct == 0:
            return self._reject("battery empty")
        p = self.params
        self._target = (max(-p.max_linear, min(p.max_linear, command.linear)),
                        max(-p.max_angular, min(p.max_angular, command.angular)))
        self._deadline = self.time + min((command.valid_ms - excess_ms) / 1000.0, p.deadman_s)
        self.last_command_time = self.time
        self.deadman = False
        return TeleopVerdict(True)

    def _delay_beyond_best(self, now_ms: int, sent_ms: int) -> int:
        """How much later than the best recent delivery this command came, without synchronised clocks.

        (arrival - sent) is clock offset plus transit delay; its minimum over a sliding window is
        offset plus the link's best delay, so the difference is the extra delay this command had.
        """
        transit = _signed_ms(now_ms - sent_ms)
        window = self._transits
        while window and window[-1][1] >= transit:
            window.pop()
        window.append((self.time, transit))
        while window[0][0] < self.time - _OFFSET_WINDOW_S:
            window.popleft()
        return transit - window[0][1]

    def _reject(self, reason: str) -> TeleopVerdict:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1
        return TeleopVerdict(False, reason)

    def set_estop(self, engage: bool) -> None:
        """Engage latches until an explicit release; a release never restarts motion by itself."""
        self.estop = engage
        self._target = (0.0, 0.0)
        self._deadline = self.time

    # --- physics --------------------------------------------------------------------------
    def step(self, dt: float) -> None:
        p = self.params
        self.time += dt
        linear, angular = self._target
        if self.estop or self.battery_pct == 0:
            linear = angular = 0.0
        elif self.time >= self._deadline:
            self._target = (0.0, 0.0)
            linear = angular = 0.0
            self.deadman = self.last_command_time is not None
        half = angular * p.track_width / 2.0
        self.left = self._ramp(self.left, linear - half, dt)
        self.right = self._ramp(self.right, linear + half, dt)
        speed = (self.left + self.right) / 2.0
        turn = (self.right - self.left) / p.track_width  # counter-clockwise positive
        self.heading = (self.heading - turn * dt) % (2 * math.pi)
        self.east += speed * math.sin(self.heading) * dt
        self.north += speed * math.cos(self.heading) * dt
        power = p.idle_w + p.drive_w_per_mps * (abs(self.left) + abs(self.right))
        self.energy_wh = max(0.0, self.energy_wh - power * dt / 3600.0)
        if self.left == 0.0 and self.right == 0.0:
            if self.stopped_since is None:
                self.stopped_since = self.time
        else:
            self.stopped_since = None

    def _ramp(self, current: float, target: float, dt: float) -> float:
        if target * current < 0:
            target = 0.0  # reversing: brake to rest first, then speed up the other way
        slowing = abs(target) < abs(current)
        limit = (self.params.brake if slowing else self.params.accel) * dt
        return current + max(-limit, min(limit, target - current))

    # --- readouts -------------------------------------------------------------------------
    @property
    def speed(self) -> float:
        return (self.left + self.right) / 2.0

    @property
    def turn_rate(self) -> float:
        return (self.right - self.left) / self.params.track_width

    @property
    def battery_pct(self) -> int:
        return math.ceil(100.0 * self.energy_wh / self.params.battery_wh)

    @property
    def battery_v(self) -> float:
        p = self.params
        return p.volts_empty + (p.volts_full - p.volts_empty) * self.energy_wh / p.battery_wh

    @property
    def heading_deg(self) -> float:
        return math.degrees(self.heading)

    def position(self) -> tuple[float, float]:
        lat, lon, _ = pymap3d.enu2geodetic(self.east, self.north, 0.0, self.home.lat, self.home.lon, 0.0)
        return float(lat), float(lon)
