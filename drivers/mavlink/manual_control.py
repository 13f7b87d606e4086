"""Drive a MAVLink vehicle with the operator's sticks: MANUAL_CONTROL at a fixed rate.

The same operator input as a ground robot (forward and turn as fractions, -1..1, turn positive
= left) becomes MANUAL_CONTROL axes. While the input is refreshed the sticks follow it; input
not refreshed within `input_timeout` is replaced by neutral sticks, sent on at the same rate
(the station-side deadman). Neutral sticks keep the vehicle still without tripping its RC-loss
failsafe; when the station itself stops sending, that failsafe is the vehicle-side deadman.

How the axes are read (MAVLink MANUAL_CONTROL: x pitch, y roll, z throttle, r yaw):
- ground rovers and boats, PX4 and ArduPilot alike: throttle is the speed, roll the steering.
  PX4 reads z over 0..1000 as -1..1 (500 = stop); ArduPilot Rover reads z over -1000..1000.
- anything else (a multicopter in a manual mode): pitch is forward, yaw turns, throttle stays
  mid-stick (hold altitude).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.session import VehicleSession

RATE_HZ = 20.0
INPUT_TIMEOUT_S = 0.3
GROUND_TYPES = frozenset({"GROUND_ROVER", "SURFACE_BOAT"})


@dataclass(frozen=True)
class Sticks:
    """One MANUAL_CONTROL's axes, each -1000..1000 (z 0..1000 where the autopilot reads it so)."""

    x: int
    y: int
    z: int
    r: int


@dataclass(frozen=True)
class ManualControlStatus:
    streaming: bool
    input_stale: bool
    estop_latched: bool
    commanded: tuple[float, float]  # forward, turn fractions in the last message sent
    sent: int


def sticks_for(vehicle_type: str, autopilot: str, forward: float, turn: float) -> Sticks:
    """The axes that make this kind of vehicle go forward and turn left by these fractions."""
    if vehicle_type in GROUND_TYPES:
        steer = round(-turn * 1000)  # roll right steers right; our turn is positive left
        if autopilot == "ARDUPILOTMEGA":
            return Sticks(0, steer, round(forward * 1000), 0)
        return Sticks(0, steer, round(500 + forward * 500), 0)
    return Sticks(round(forward * 1000), 0, 500, round(-turn * 1000))


class ManualControl:
    """The MANUAL_CONTROL stream to one vehicle; a session plugin (`session.plugin(ManualControl)`).

    Called on the driver's event loop. The stream starts with the first drive() and runs until
    stop(); every message carries the input as it is at that tick.
    """

    def __init__(self, session: VehicleSession, rate_hz: float = RATE_HZ, input_timeout: float = INPUT_TIMEOUT_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.rate_hz = rate_hz
        self.input_timeout = input_timeout
        self.clock = clock
        self.sent = 0
        self._input = (0.0, 0.0)
        self._input_time: float | None = None
        self._commanded = (0.0, 0.0)
        self._stale = True
        self._estop = False
        self._task: asyncio.Task[None] | None = None

    # --- operator -------------------------------------------------------------------------
    def drive(self, forward: float, turn: float) -> None:
        """Operator input as fractions (-1..1); refresh it faster than input_timeout while held."""
        for name, value in (("forward", forward), ("turn", turn)):
            if not (math.isfinite(value) and -1.0 <= value <= 1.0):
                raise ValueError(f"{name} input {value} is outside -1..1")
        if self._estop:
            return  # latched: nothing moves the vehicle until release_estop()
        self._input = (forward, turn)
        self._input_time = self.clock()
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(
                self._stream(), name=f"manual control {self.session.state.system_id}")

    def stop_driving(self) -> None:
        self._input = (0.0, 0.0)
        self._input_time = None

    def engage_estop(self) -> None:
        """Neutral sticks until release_estop(); the caller also disarms (see core.robots)."""
        self.stop_driving()
        self._estop = True

    def release_estop(self) -> None:
        self.stop_driving()
        self._estop = False

    # --- the stream -----------------------------------------------------------------------
    def message(self, now: float) -> mavlink.MAVLink_manual_control_message:
        """What goes to the vehicle this tick."""
        fresh = not self._estop and self._input_time is not None and now - self._input_time <= self.input_timeout
        if not fresh:
            self._input = (0.0, 0.0)
        self._stale = not fresh
        self._commanded = self._input
        st = self.session.state
        s = sticks_for(st.vehicle_type, st.autopilot, *self._input)
        return mavlink.MAVLink_manual_control_message(st.system_id, s.x, s.y, s.z, s.r, 0)

    async def _stream(self) -> None:
        loop = asyncio.get_running_loop()
        period = 1.0 / self.rate_hz
        next_tick = loop.time()
        while True:
            self.session.send(self.message(self.clock()))
            self.sent += 1
            next_tick += period
            delay = next_tick - loop.time()
            if delay < 0:  # fell behind: carry on from now rather than send a burst
                next_tick, delay = loop.time(), 0.0
            await asyncio.sleep(delay)

    async def stop(self) -> None:
        """End the stream with one neutral message, so the vehicle need not wait for its failsafe."""
        if self._task is None:
            return
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None
        self.stop_driving()
        self.session.send(self.message(self.clock()))
        self.sent += 1

    def status(self) -> ManualControlStatus:
        return ManualControlStatus(self._task is not None, self._stale, self._estop, self._commanded, self.sent)
