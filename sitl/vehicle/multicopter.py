"""Kinematic PX4-style quadcopter: velocity tracking under PX4's default speed, acceleration and yaw
limits, a 4S battery, optional seeded wind gusts. Local frame is ENU in metres around the
vehicle's start point; geodesy is done by the caller with pymap3d.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Px4Parameters:
    """PX4 v1.16 defaults that shape how a multicopter flies (names as in the parameter reference)."""

    MPC_Z_VEL_MAX_UP: float = 3.0
    MPC_Z_VEL_MAX_DN: float = 1.5
    MPC_XY_VEL_MAX: float = 12.0
    MPC_XY_CRUISE: float = 5.0
    MPC_VEL_MANUAL: float = 10.0
    MPC_ACC_HOR: float = 3.0
    MPC_ACC_UP_MAX: float = 4.0
    MPC_ACC_DOWN_MAX: float = 3.0
    MPC_TKO_SPEED: float = 1.5
    MPC_LAND_SPEED: float = 0.7
    MPC_LAND_ALT1: float = 10.0
    MPC_LAND_ALT2: float = 5.0
    MPC_YAWRAUTO_MAX: float = 45.0       # deg/s
    MIS_TAKEOFF_ALT: float = 2.5
    RTL_RETURN_ALT: float = 60.0
    RTL_DESCEND_ALT: float = 30.0
    RTL_CONE_ANG: float = 45.0           # deg; lowers the return altitude close to home
    RTL_LAND_DELAY: float = 0.0          # s hovering over home before landing
    NAV_ACC_RAD: float = 2.0             # horizontal acceptance radius
    NAV_MC_ALT_RAD: float = 0.8          # vertical acceptance radius
    COM_DISARM_LAND: float = 2.0
    COM_DISARM_PRFLT: float = 10.0
    COM_OF_LOSS_T: float = 1.0
    COM_RC_LOSS_T: float = 0.5
    GF_ACTION: int = 2                   # geofence breach: 0 none, 1 warn, 2 Hold, 3 Return, 4 terminate, 5 Land
    GF_MAX_HOR_DIST: float = 0.0         # m from home, 0 = off
    GF_MAX_VER_DIST: float = 0.0         # m above home, 0 = off
    MNT_RATE_PITCH: float = 30.0         # deg/s gimbal slew
    MNT_RATE_YAW: float = 30.0


@dataclass
class Battery:
    """4S LiPo pack: coulomb counting for the percentage, a cell curve plus I*R sag for the voltage."""

    cells: int = 4
    capacity_mah: float = 5000.0
    internal_resistance: float = 0.015   # ohm, whole pack
    consumed_mah: float = 0.0
    current_a: float = 0.0

    # (state of charge, open-circuit cell voltage): typical LiPo discharge curve
    _CURVE = ((0.0, 3.50), (0.05, 3.60), (0.2, 3.72), (0.5, 3.85), (0.8, 4.00), (0.95, 4.12), (1.0, 4.20))

    @property
    def remaining(self) -> float:
        return max(0.0, 1.0 - self.consumed_mah / self.capacity_mah)

    @property
    def voltage(self) -> float:
        soc = self.remaining
        for (s0, v0), (s1, v1) in zip(self._CURVE, self._CURVE[1:]):
            if soc <= s1:
                cell = v0 + (v1 - v0) * (soc - s0) / (s1 - s0)
                break
        return self.cells * cell - self.current_a * self.internal_resistance

    def draw(self, current_a: float, dt: float) -> None:
        self.current_a = current_a
        self.consumed_mah += current_a * dt * 1000.0 / 3600.0


@dataclass
class Wind:
    """Mean wind plus Ornstein-Uhlenbeck gusts; the position controller rejects the mean, gusts push."""

    speed: float = 0.0                   # m/s
    direction_deg: float = 0.0           # where it blows FROM, as meteorologists say
    gust_sigma: float = 0.0
    gust: list[float] = field(default_factory=lambda: [0.0, 0.0])

    def step(self, rng: random.Random, dt: float) -> tuple[float, float]:
        if self.gust_sigma <= 0.0:
            return (0.0, 0.0)
        tau = 3.0
        for i in range(2):
            self.gust[i] += -self.gust[i] / tau * dt + self.gust_sigma * math.sqrt(2.0 * dt / tau) * rng.gauss(0, 1)
        return (self.gust[0], self.gust[1])

    @property
    def vector_enu(self) -> tuple[float, float]:
        to = math.radians(self.direction_deg + 180.0)
        return (self.speed * math.sin(to), self.speed * math.cos(to))


def _approach(current: float, target: float, max_delta: float) -> float:
    return current + max(-max_delta, min(max_delta, target - current))


def wrap_pi(angle: float) -> float:
    return (angle + math.pi) % (2.0 * math.pi) - math.pi


@dataclass
class Multicopter:
    """Truth state of one quadcopter. `step` tracks a velocity and yaw demand within PX4's limits."""

    params: Px4Parameters
    ground_alt: float                    # AMSL of the (flat) ground under the vehicle
    wind: Wind = field(default_factory=Wind)
    east: float = 0.0
    north: float = 0.0
    up: float = 0.0                      # height above ground
    v_east: float = 0.0
    v_north: float = 0.0
    v_up: float = 0.0
    yaw: float = 0.0                     # rad, 0 = north, clockwise positive (NED heading)
    yaw_rate: float = 0.0
    accel_east: float = 0.0
    accel_north: float = 0.0
    battery: Battery = field(default_factory=Battery)
    motors_on: bool = False

    def step(self, dt: float, demand: tuple[float, float, float], yaw_demand: float | None,
             rng: random.Random, max_up: float | None = None) -> None:
        """Advance `dt` seconds towards the demanded ENU velocity (clipped to PX4 limits)."""
        p = self.params
        ve, vn, vu = demand
        if not self.motors_on:
            ve = vn = vu = 0.0
        # horizontal: speed limit, then acceleration limit on the vector difference
        speed = math.hypot(ve, vn)
        if speed > p.MPC_XY_VEL_MAX:
            ve, vn = ve * p.MPC_XY_VEL_MAX / speed, vn * p.MPC_XY_VEL_MAX / speed
        de, dn = ve - self.v_east, vn - self.v_north
        dv = math.hypot(de, dn)
        max_dv = p.MPC_ACC_HOR * dt
        if dv > max_dv:
            de, dn = de * max_dv / dv, dn * max_dv / dv
        self.accel_east, self.accel_north = de / dt, dn / dt
        self.v_east += de
        self.v_north += dn
        vu = max(-p.MPC_Z_VEL_MAX_DN, min(max_up if max_up is not None else p.MPC_Z_VEL_MAX_UP, vu))
        limit = p.MPC_ACC_UP_MAX if vu > self.v_up else p.MPC_ACC_DOWN_MAX
        self.v_up = _approach(self.v_up, vu, limit * dt)

        gust_e, gust_n = self.wind.step(rng, dt)
        airborne = self.up > 0.0 or self.v_up > 0.0
        push = 0.15 if airborne else 0.0  # the velocity loop rejects most of a gust
        self.east += (self.v_east + push * gust_e) * dt
        self.north += (self.v_north + push * gust_n) * dt
        self.up += self.v_up * dt
        if self.up <= 0.0:
            self.up = 0.0
            self.v_up = max(0.0, self.v_up)
            if not airborne or self.v_up == 0.0:
                self.v_east = self.v_north = 0.0

        if yaw_demand is not None and self.motors_on:
            max_step = math.radians(p.MPC_YAWRAUTO_MAX) * dt
            err = wrap_pi(yaw_demand - self.yaw)
            turn = max(-max_step, min(max_step, err))
            self.yaw = wrap_pi(self.yaw + turn)
            self.yaw_rate = turn / dt
        else:
            self.yaw_rate = 0.0

        self.battery.draw(self._current(), dt)

    def _current(self) -> float:
        """Pack current: idle electronics, hover, extra for climbing and fast forward flight."""
        if not self.motors_on:
            return 0.4
        if self.up <= 0.0 and self.v_up <= 0.0:
            return 3.0                   # armed, spinning at idle on the ground
        horizontal = math.hypot(self.v_east, self.v_north)
        return 14.0 + 4.0 * max(0.0, self.v_up) + 0.04 * horizontal ** 2

    @property
    def alt_amsl(self) -> float:
        return self.ground_alt + self.up

    @property
    def ground_speed(self) -> float:
        return math.hypot(self.v_east, self.v_north)

    def attitude(self) -> tuple[float, float]:
        """Roll and pitch (rad) a multicopter needs for its current acceleration and the mean wind."""
        wind_e, wind_n = self.wind.vector_enu if self.up > 0.0 else (0.0, 0.0)
        # drag against the wind needs a lean into it; ~0.03 rad per m/s is typical for a 2 kg quad
        ae = self.accel_east - 0.3 * wind_e
        an = self.accel_north - 0.3 * wind_n
        forward = an * math.cos(self.yaw) + ae * math.sin(self.yaw)
        right = -an * math.sin(self.yaw) + ae * math.cos(self.yaw)
        g = 9.81
        return (math.atan2(right, g), -math.atan2(forward, g))
