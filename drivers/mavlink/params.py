"""The MAVLink parameter microservice: download all, read one, set one verified by the echo.

Download: PARAM_REQUEST_LIST, then the vehicle streams PARAM_VALUE for every index. Whatever the
link lost is asked for again by index with PARAM_REQUEST_READ, a window at a time, until every
index is in or RETRIES rounds in a row bring nothing new. Set: PARAM_SET, resent until the
vehicle echoes PARAM_VALUE for that name; the echo is what the vehicle kept, so a value it
clamped or refused is reported, never assumed.

Values keep their real types. The wire carries a float; integers go in it either byte-wise
(PX4, MAVSDK: the int's four bytes reinterpreted) or by C cast (ArduPilot), as the vehicle says
in AUTOPILOT_VERSION's capability flags.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import struct
from dataclasses import dataclass
from typing import Callable

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink import action
from drivers.mavlink.commands import CommandError
from drivers.mavlink.session import VehicleSession

ANSWER_TIMEOUT_S = 1.0      # first PARAM_VALUE after a request, or the echo of a PARAM_SET
STREAM_GAP_S = 0.3          # silence that means the vehicle's list stream has ended
READ_WINDOW = 16            # PARAM_REQUEST_READs in flight at once when filling gaps
RETRIES = 5
Progress = Callable[[int, int], None]


async def _next(queue: asyncio.Queue, timeout: float):
    """The next answer, or TimeoutError. asyncio.timeout, not wait_for: on 3.11 wait_for can
    swallow a cancel that lands just as an answer arrives."""
    async with asyncio.timeout(timeout):
        return await queue.get()

_INT_FORMATS = {
    mavlink.MAV_PARAM_TYPE_UINT8: "<B", mavlink.MAV_PARAM_TYPE_INT8: "<b",
    mavlink.MAV_PARAM_TYPE_UINT16: "<H", mavlink.MAV_PARAM_TYPE_INT16: "<h",
    mavlink.MAV_PARAM_TYPE_UINT32: "<I", mavlink.MAV_PARAM_TYPE_INT32: "<i",
}
FLOAT_TYPES = (mavlink.MAV_PARAM_TYPE_REAL32, mavlink.MAV_PARAM_TYPE_REAL64)
TYPE_NAMES = {t: mavlink.enums["MAV_PARAM_TYPE"][t].name.removeprefix("MAV_PARAM_TYPE_").lower()
              for t in (*_INT_FORMATS, *FLOAT_TYPES)}


class ParameterError(Exception):
    """A parameter the vehicle refused, or a transfer the link did not carry; str() reads well."""


@dataclass(frozen=True)
class Parameter:
    name: str
    value: int | float
    type: int            # MAV_PARAM_TYPE
    index: int = -1      # -1 when the vehicle did not say (an echo of a set)

    @property
    def is_integer(self) -> bool:
        return self.type in _INT_FORMATS


def float32(value: float) -> float:
    """The value as the wire's float carries it, to compare what was sent with the echo."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


def encode_value(value: int | float, param_type: int, bytewise: bool) -> float:
    """The float to put on the wire for a value of this type."""
    if param_type in FLOAT_TYPES:
        return float(value)
    fmt = _INT_FORMATS.get(param_type)
    if fmt is None:
        raise ParameterError(f"parameter type {param_type} cannot travel in PARAM_SET (64-bit?)")
    if not float(value).is_integer():
        raise ParameterError(f"{value!r} is not a whole number, as an {TYPE_NAMES[param_type]} parameter needs")
    number = int(value)
    try:
        packed = struct.pack(fmt, number)
    except struct.error:
        raise ParameterError(f"{number} does not fit an {TYPE_NAMES[param_type]} parameter") from None
    if not bytewise:
        return float(number)
    return struct.unpack("<f", packed.ljust(4, b"\x00"))[0]


def decode_value(msg, bytewise: bool) -> int | float:
    """The typed value of a PARAM_VALUE. Byte-wise ints are read from the frame's own bytes:
    a round trip through a Python float could change an int that looks like a signalling NaN."""
    if msg.param_type in FLOAT_TYPES:
        return msg.param_value
    fmt = _INT_FORMATS.get(msg.param_type)
    if fmt is None:
        return msg.param_value
    if not bytewise:
        return int(round(msg.param_value)) if math.isfinite(msg.param_value) else 0
    buf = msg.get_msgbuf()
    if buf:
        header = 10 if buf[0] == mavlink.PROTOCOL_MARKER_V2 else 6
        # a MAVLink 2 frame drops the payload's trailing zero bytes: pad back to four
        raw = bytes(buf[header:header + min(4, buf[1])]).ljust(4, b"\x00")
    else:  # a message built here, never framed
        raw = struct.pack("<f", msg.param_value)
    return struct.unpack(fmt, raw[:struct.calcsize(fmt)])[0]


def _name(msg) -> str:
    name = msg.param_id
    return (name.decode("ascii", "replace") if isinstance(name, bytes) else name).rstrip("\x00")


class ParameterService:
    """The parameters of one vehicle's autopilot component, as last read from it."""

    def __init__(self, session: VehicleSession) -> None:
        self.session = session
        self.values: dict[str, Parameter] = {}
        self.count = 0                   # how many the vehicle says it has; 0 before the first answer
        self._bytewise: bool | None = None
        self._lock = asyncio.Lock()
        self._queues: list[asyncio.Queue] = []
        session.listen(mavlink.MAVLINK_MSG_ID_PARAM_VALUE, self._on_value)

    @property
    def complete(self) -> bool:
        return self.count > 0 and len(self.values) >= self.count

    def _on_value(self, msg) -> None:
        if msg._header.srcComponent != self.session.state.component_id:
            return  # a camera's or gimbal's own parameters
        bytewise = self._bytewise if self._bytewise is not None else not action.is_ardupilot(self.session)
        index = msg.param_index if msg.param_index != 65535 else -1
        param = Parameter(_name(msg), decode_value(msg, bytewise), msg.param_type, index)
        if msg.param_count not in (0, 65535):
            self.count = msg.param_count
        self.values[param.name] = param
        for q in self._queues:
            q.put_nowait((param, msg.param_count))

    async def encoding_bytewise(self) -> bool:
        """True when the vehicle packs integers byte-wise; asked once, from AUTOPILOT_VERSION."""
        if self._bytewise is None:
            self._bytewise = await self._ask_encoding()
        return self._bytewise

    async def _ask_encoding(self) -> bool:
        queue: asyncio.Queue = asyncio.Queue()
        stop = self.session.listen(mavlink.MAVLINK_MSG_ID_AUTOPILOT_VERSION, queue.put_nowait)
        # The request may queue behind another REQUEST_MESSAGE (one command id at a time), so the
        # answer is awaited on its own, briefly: a vehicle that does not say is judged by its kind.
        ask = asyncio.create_task(action.request_message(self.session, mavlink.MAVLINK_MSG_ID_AUTOPILOT_VERSION))
        try:
            caps = (await _next(queue, 2 * ANSWER_TIMEOUT_S)).capabilities
            if caps & mavlink.MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_C_CAST:
                return False
            if caps & mavlink.MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_BYTEWISE:
                return True
        except TimeoutError:
            pass
        finally:
            stop()
            ask.cancel()
            with contextlib.suppress(asyncio.CancelledError, CommandError):
                await ask
        # Not said: ArduPilot casts, PX4 and the rest of the world go byte-wise.
        return not action.is_ardupilot(self.session)

    # -- download -----------------------------------------------------------------------------
    async def download(self, progress: Progress | None = None) -> dict[str, Parameter]:
        """Every parameter of the autopilot; raises ParameterError naming what is missing."""
        bytewise = await self.encoding_bytewise()
        async with self._lock:
            queue: asyncio.Queue = asyncio.Queue()
            self._queues.append(queue)
            try:
                return await self._download(queue, bytewise, progress)
            finally:
                self._queues.remove(queue)

    async def _download(self, queue: asyncio.Queue, bytewise: bool, progress: Progress | None):
        st = self.session.state
        by_index: dict[int, Parameter] = {}
        count = 0

        def take(answer: tuple[Parameter, int]) -> None:
            nonlocal count
            param, total = answer
            if total not in (0, 65535):
                count = total
            if 0 <= param.index < max(count, 1) and param.index not in by_index:
                by_index[param.index] = param
                if progress:
                    progress(len(by_index), count)

        request = mavlink.MAVLink_param_request_list_message(st.system_id, st.component_id)
        for attempt in range(RETRIES + 1):
            self.session.send(request)
            try:
                take(await _next(queue, ANSWER_TIMEOUT_S))
                break
            except TimeoutError:
                continue
        else:
            raise ParameterError(f"parameter download: no answer from the vehicle ({RETRIES + 1} tries)")
        # The stream: take everything until it pauses or ends with the last index.
        while count - 1 not in by_index:
            try:
                take(await _next(queue, STREAM_GAP_S))
            except TimeoutError:
                break
        # The gaps: ask by index, a window at a time; give up after RETRIES rounds with no news.
        idle_rounds = 0
        while len(by_index) < count:
            missing = [i for i in range(count) if i not in by_index][:READ_WINDOW]
            for index in missing:
                self.session.send(mavlink.MAVLink_param_request_read_message(
                    st.system_id, st.component_id, b"", index))
            before = len(by_index)
            deadline = asyncio.get_running_loop().time() + ANSWER_TIMEOUT_S
            while not all(i in by_index for i in missing):
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    break
                try:
                    take(await _next(queue, remaining))
                except TimeoutError:
                    break
            idle_rounds = 0 if len(by_index) > before else idle_rounds + 1
            if idle_rounds > RETRIES:
                raise ParameterError(
                    f"parameter download: {count - len(by_index)} of {count} parameters never came "
                    f"(first missing index {missing[0]}) after {RETRIES + 1} tries")
        if progress:
            progress(count, count)
        return {p.name: p for p in by_index.values()}

    # -- one parameter ------------------------------------------------------------------------
    async def read(self, name: str) -> Parameter:
        await self.encoding_bytewise()
        st = self.session.state
        request = mavlink.MAVLink_param_request_read_message(st.system_id, st.component_id, name.encode(), -1)
        return await self._exchange(request, name, f"reading {name}")

    async def set(self, name: str, value: int | float, param_type: int | None = None) -> Parameter:
        """Set a parameter and return what the vehicle kept; raises when it kept something else."""
        if not 0 < len(name.encode()) <= 16:
            raise ParameterError(f"parameter name {name!r} must be 1 to 16 characters")
        bytewise = await self.encoding_bytewise()
        if param_type is None:
            known = self.values.get(name) or await self.read(name)
            param_type = known.type
        st = self.session.state
        wire = encode_value(value, param_type, bytewise)
        request = mavlink.MAVLink_param_set_message(st.system_id, st.component_id, name.encode(), wire, param_type)
        echo = await self._exchange(request, name, f"setting {name}")
        wanted = int(value) if echo.is_integer else float32(float(value))
        kept = echo.value if echo.is_integer else float32(float(echo.value))
        if kept != wanted and not (isinstance(kept, float) and math.isnan(kept) and math.isnan(wanted)):
            raise ParameterError(f"{name}: the vehicle kept {echo.value:g} instead of {value:g} "
                                 f"(out of range or read-only?)")
        return echo

    async def _exchange(self, request, name: str, what: str) -> Parameter:
        queue: asyncio.Queue = asyncio.Queue()
        self._queues.append(queue)
        try:
            for _ in range(RETRIES + 1):
                self.session.send(request)
                deadline = asyncio.get_running_loop().time() + ANSWER_TIMEOUT_S
                while (remaining := deadline - asyncio.get_running_loop().time()) > 0:
                    try:
                        param, _total = await _next(queue, remaining)
                    except TimeoutError:
                        break
                    if param.name == name:
                        return param
        finally:
            self._queues.remove(queue)
        raise ParameterError(f"{what}: no answer from the vehicle ({RETRIES + 1} tries); "
                             f"it may not have a parameter of that name")
