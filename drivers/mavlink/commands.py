"""The MAVLink command protocol: COMMAND_LONG / COMMAND_INT, retried until COMMAND_ACK.

As the MAVLink command microservice says: resend with an incremented `confirmation` when no ACK
comes; once the vehicle answers IN_PROGRESS it is working on it, so stop resending and wait longer
for the final result. A refusal is reported with the vehicle's own words when it gave any
(PX4 sends a STATUSTEXT such as "Arming denied: ..." next to the ACK).
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from enum import Enum
from typing import Callable

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.state import enum_name

ACK_TIMEOUT_S = 1.5        # a 57600-baud radio answers well within this
RETRIES = 3                # resends after the first try, as QGroundControl does
IN_PROGRESS_TIMEOUT_S = 30.0
REASON_WAIT_S = 1.0        # PX4 may explain a refusal up to about a second after its ACK


def command_name(command: int) -> str:
    return enum_name("MAV_CMD", command, "MAV_CMD_")


def result_name(result: int) -> str:
    return enum_name("MAV_RESULT", result, "MAV_RESULT_")


@dataclass(frozen=True)
class CommandResult:
    command: str
    result: str
    attempts: int
    elapsed_s: float


class Why(Enum):
    """The station's own reason for stopping a command (not the vehicle's): the English wording the CLI
    prints (str.format over the values); the window has its own words for each."""

    NO_VEHICLE = "no vehicle with system id {0}"
    NO_CAMERA = "the vehicle has not shown a camera"
    NO_HOME = "no home position yet"
    UNKNOWN_MODE = "unknown flight mode {0!r}; modes: {1}"
    NO_MODES_KNOWN = "unknown flight mode {0!r}; none known for this autopilot"
    ALTITUDE_OUT_OF_RANGE = "altitude {0:g} m out of range 1-1000 m"
    POSITION_OUT_OF_RANGE = "position {0:.6f}, {1:.6f} out of range"
    PITCH_OUT_OF_RANGE = "pitch {0:g}° out of -90..30°"
    YAW_OUT_OF_RANGE = "yaw {0:g}° out of -180..360°"
    ITEM_NOT_IN_MISSION = "item {0} is not in the mission"
    ITEM_NOT_IN_MISSION_OF = "item {0} is not in the mission of {1} items"
    NEVER_FINISHED = "started but never finished"


class CommandError(Exception):
    """A command the vehicle refused, failed or never answered; str() reads well to a pilot.

    `reason` is the vehicle's own words, or the station's (`why` and its `values` then say which).
    """

    def __init__(self, command: str, result: str, reason: str = "", attempts: int = 0) -> None:
        self.command, self.result, self.reason, self.attempts = command, result, reason, attempts
        self.why: Why | None = None
        self.values: tuple = ()
        text = {"TIMEOUT": f"no answer after {attempts} tries"}.get(result, result.lower().replace("_", " "))
        super().__init__(f"{command}: {text}" + (f" ({reason})" if reason else ""))

    @classmethod
    def by_station(cls, command: str, result: str, why: Why, *values: object, attempts: int = 0) -> CommandError:
        error = cls(command, result, why.value.format(*values), attempts)
        error.why, error.values = why, values
        return error


@dataclass
class _Pending:
    future: asyncio.Future
    progress: asyncio.Event


class CommandSender:
    """Commands to one vehicle. One command of a given id is in flight at a time, as the protocol needs."""

    def __init__(self, send: Callable[[object], None], target_system: int,
                 recent_status: Callable[[float], str]) -> None:
        self._send = send
        self._target_system = target_system
        self._recent_status = recent_status
        self._pending: dict[int, _Pending] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    def on_ack(self, msg) -> None:
        pending = self._pending.get(msg.command)
        if pending is None or pending.future.done():
            return
        if msg.result == mavlink.MAV_RESULT_IN_PROGRESS:
            pending.progress.set()
            return
        pending.future.set_result(msg.result)

    async def long(self, command: int, params: tuple[float, ...] = (), *, component: int = 1,
                   timeout: float = ACK_TIMEOUT_S, retries: int = RETRIES) -> CommandResult:
        p = tuple(params) + (0.0,) * (7 - len(params))

        def build(confirmation: int):
            return mavlink.MAVLink_command_long_message(
                self._target_system, component, command, confirmation, *p)

        return await self._run(command, build, timeout, retries)

    async def int(self, command: int, frame: int, params: tuple[float, float, float, float],
                  lat: float, lon: float, alt: float, *, component: int = 1,
                  timeout: float = ACK_TIMEOUT_S, retries: int = RETRIES) -> CommandResult:
        x = 0 if math.isnan(lat) else round(lat * 1e7)
        y = 0 if math.isnan(lon) else round(lon * 1e7)

        def build(_confirmation: int):
            # COMMAND_INT has no confirmation field; a resend is the same message.
            return mavlink.MAVLink_command_int_message(
                self._target_system, component, frame, command, 0, 0, *params, x, y, alt)

        return await self._run(command, build, timeout, retries)

    async def _run(self, command: int, build, timeout: float, retries: int) -> CommandResult:
        name = command_name(command)
        lock = self._locks.setdefault(command, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            pending = _Pending(loop.create_future(), asyncio.Event())
            self._pending[command] = pending
            start = time.monotonic()
            attempts = 0
            try:
                while True:
                    attempts += 1
                    self._send(build(attempts - 1))
                    try:
                        result = await asyncio.wait_for(asyncio.shield(pending.future), timeout)
                        break
                    except asyncio.TimeoutError:
                        pass
                    if pending.progress.is_set():
                        try:
                            result = await asyncio.wait_for(pending.future, IN_PROGRESS_TIMEOUT_S)
                            break
                        except asyncio.TimeoutError:
                            raise CommandError.by_station(name, "TIMEOUT", Why.NEVER_FINISHED,
                                                          attempts=attempts) from None
                    if attempts > retries:
                        raise CommandError(name, "TIMEOUT", "", attempts)
            finally:
                self._pending.pop(command, None)
        if result == mavlink.MAV_RESULT_ACCEPTED:
            return CommandResult(name, "ACCEPTED", attempts, time.monotonic() - start)
        # The vehicle's own words since the command first went out; PX4 may send them after the ACK.
        reason = self._recent_status(start)
        deadline = time.monotonic() + REASON_WAIT_S
        while not reason and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            reason = self._recent_status(start)
        raise CommandError(name, result_name(result), reason, attempts)
