"""One robot as the station sees it: its state from telemetry, and the teleop stream that drives it.

The session sends one command every tick (20 Hz by default): a teleop command with a sequence
number and a validity deadline, or, while the e-stop is latched, the e-stop itself. Operator input
that is not refreshed within input_timeout is replaced by a stop (the station-side deadman);
the robot stops by itself when commands stop arriving (the robot-side deadman) and says so.
"""

from __future__ import annotations

import asyncio
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from drivers.robot.keys import CurveClientKeys
from drivers.robot.link import LinkState, MessageHandler, RobotLink, SerialAddress, parse_link_url
from drivers.robot.protocol import (
    Ack,
    AckResult,
    Capabilities,
    CapabilitiesRequest,
    EStop,
    Heartbeat,
    Message,
    MessageType,
    Role,
    Telemetry,
    Teleop,
)
from drivers.robot.serial_link import SerialLink
from drivers.robot.zmq_link import ZmqLink

ALIVE_TIMEOUT_S = 1.0  # no telemetry for this long and the robot shows as lost
_QUALITY_WINDOW = 50  # telemetry sequence numbers over which link quality is counted
_MS_WRAP = 1 << 32


def make_link(url: str, on_message: MessageHandler, curve: CurveClientKeys | None = None) -> RobotLink:
    address = parse_link_url(url)
    if isinstance(address, SerialAddress):
        if curve is not None:
            raise ValueError(f"{url}: CURVE keys apply to ZeroMQ links only")
        return SerialLink(address, on_message)
    return ZmqLink(address, on_message, curve)


@dataclass(frozen=True)
class SpeedLimits:
    """The fastest this station lets the operator drive one robot."""

    linear: float = 0.5  # m/s
    angular: float = 1.0  # rad/s

    def __post_init__(self) -> None:
        for name, value in (("linear", self.linear), ("angular", self.angular)):
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} speed limit must be a positive number, not {value}")


@dataclass(frozen=True)
class RobotEvent:
    time: float
    kind: str  # deadman, estop, estop-released, input-stale, rejected
    text: str


@dataclass(frozen=True)
class RobotStatus:
    """A snapshot for the map and the teleop panel."""

    link: LinkState
    link_error: str | None
    alive: bool
    link_quality: float  # share of telemetry received over the last messages, 0..1
    receive_errors: int
    telemetry: Telemetry | None
    capabilities: Capabilities | None
    estop_latched: bool  # the station holds the e-stop
    estop_confirmed: bool  # the robot reports its e-stop engaged
    release_pending: bool
    input_stale: bool
    commanded: tuple[float, float]  # linear m/s, angular rad/s sent last
    limits: SpeedLimits
    deadman_stopped_drive: bool  # the robot's deadman stopped it moving or being driven (waiting with it is calm)


class RobotSession:
    def __init__(self, url: str, limits: SpeedLimits = SpeedLimits(), curve: CurveClientKeys | None = None,
                 rate_hz: float = 20.0, valid_ms: int = 150, input_timeout: float = 0.3,
                 clock: Callable[[], float] = time.monotonic, observe_only: bool = False) -> None:
        if not 1.0 <= rate_hz <= 100.0:
            raise ValueError(f"teleop rate {rate_hz} Hz is outside 1..100 Hz")
        if not 1000.0 / rate_hz < valid_ms <= 1000:
            raise ValueError(f"command validity {valid_ms} ms must exceed one teleop period and stay within 1 s")
        self.url = url
        self.limits = limits
        self.rate_hz = rate_hz
        self.valid_ms = valid_ms
        self.input_timeout = input_timeout
        self.clock = clock
        self.observe_only = observe_only  # watch without driving (another station drives); e-stop still works
        self.link = make_link(url, self.handle, curve)
        self.events: deque[RobotEvent] = deque(maxlen=200)
        self.listeners: list[Callable[[RobotEvent], None]] = []
        self.telemetry: Telemetry | None = None
        self.capabilities: Capabilities | None = None
        self._session_id = secrets.randbits(32)
        self._seq = 0
        self._command_id = 0
        self._started = clock()
        self._input = (0.0, 0.0)
        self._input_time: float | None = None
        self._input_stale = True
        self._commanded = (0.0, 0.0)
        self._driving = False  # moving or commanded when last heard without its deadman engaged
        self._deadman_stopped_drive = False
        self._estop_latched = False
        self._estop_id = 0
        self._release_pending = False
        self._last_heard: float | None = None
        self._next_heartbeat = self._next_capabilities = self._started
        self._telemetry_seqs: deque[int] = deque()
        self._task: asyncio.Task[None] | None = None

    # --- operator -------------------------------------------------------------------------
    def drive(self, forward: float, turn: float) -> None:
        """Operator input as fractions of the speed limits (-1..1; turn positive = left).

        Must be refreshed within input_timeout while held (the window re-sends held keys and
        stick positions at its frame rate); otherwise the station sends a stop.
        """
        if self.observe_only:
            raise RuntimeError(f"the session to {self.url} only watches; open a driving session to drive")
        for name, value in (("forward", forward), ("turn", turn)):
            if not (math.isfinite(value) and -1.0 <= value <= 1.0):
                raise ValueError(f"{name} input {value} is outside -1..1")
        self._input = (forward, turn)
        self._input_time = self.clock()

    def stop_driving(self) -> None:
        """Zero the operator input at once: keys released, window lost focus, gamepad unplugged."""
        self._input = (0.0, 0.0)
        self._input_time = None

    def engage_estop(self) -> None:
        """Latch the e-stop: only e-stop commands go out until release_estop() is called."""
        self.stop_driving()
        if not self._estop_latched:
            self._estop_latched = True
            self._release_pending = False
            self._estop_id = self._next_command_id()
            self._event("estop", "e-stop engaged by the operator")

    def release_estop(self) -> None:
        """The explicit release; the robot stays still until the operator drives again."""
        self.stop_driving()
        robot_holds = self.telemetry is not None and self.telemetry.estop
        if self._estop_latched or robot_holds:
            self._estop_latched = False
            self._release_pending = True
            self._estop_id = self._next_command_id()

    def set_limits(self, limits: SpeedLimits) -> None:
        self.limits = limits

    # --- the fixed-rate stream ----------------------------------------------------------------
    def tick(self, now: float) -> list[Message]:
        """What goes to the robot this tick."""
        out: list[Message] = []
        if self._estop_latched or self._release_pending:
            out.append(EStop(self._estop_id, self._estop_latched))
            self._commanded = (0.0, 0.0)
        elif not self.observe_only:
            out.append(self._teleop(now))
        if now >= self._next_heartbeat:
            self._next_heartbeat = now + 1.0
            out.append(Heartbeat(Role.STATION, round((now - self._started) * 1000) % _MS_WRAP))
        if self.capabilities is None and now >= self._next_capabilities:
            self._next_capabilities = now + 1.0
            out.append(CapabilitiesRequest(self._next_command_id()))
        return out

    def _teleop(self, now: float) -> Teleop:
        fresh = self._input_time is not None and now - self._input_time <= self.input_timeout
        if not fresh:
            if self._input != (0.0, 0.0):
                self._event("input-stale", "operator input stopped arriving: sending stop")
            self._input = (0.0, 0.0)
        self._input_stale = not fresh
        linear_max, angular_max = self.effective_limits()
        self._commanded = (self._input[0] * linear_max, self._input[1] * angular_max)
        self._seq = self._seq % (_MS_WRAP - 1) + 1
        return Teleop(self._session_id, self._seq, round(now * 1000) % _MS_WRAP, self.valid_ms, *self._commanded)

    def effective_limits(self) -> tuple[float, float]:
        """The station's limits, lowered to what the robot says it can do."""
        linear, angular = self.limits.linear, self.limits.angular
        if self.capabilities is not None:
            linear = min(linear, self.capabilities.max_linear)
            angular = min(angular, self.capabilities.max_angular)
        return linear, angular

    # --- from the robot ---------------------------------------------------------------------
    def handle(self, message: Message) -> None:
        now = self.clock()
        if isinstance(message, Telemetry):
            self._last_heard = now
            self._count_telemetry(message.seq)
            before = self.telemetry
            self.telemetry = message
            if message.deadman and not (before and before.deadman):
                self._event("deadman", "robot stopped by itself: its motion commands stopped arriving")
            if not message.deadman:
                self._driving = message.linear != 0.0 or message.angular != 0.0 or self._commanded != (0.0, 0.0)
            self._deadman_stopped_drive = message.deadman and self._driving
            if before is not None and before.estop and not message.estop:
                self._event("estop-released", "robot reports its e-stop released")
        elif isinstance(message, Heartbeat):
            self._last_heard = now
        elif isinstance(message, Capabilities):
            self._last_heard = now
            self.capabilities = message
        elif isinstance(message, Ack):
            self._handle_ack(message)
        else:
            self.link.stats.error(f"robot sent a {type(message).__name__}, which only stations send")

    def _handle_ack(self, ack: Ack) -> None:
        if ack.command_type != MessageType.ESTOP or ack.command_id != self._estop_id:
            return
        if ack.result is not AckResult.ACCEPTED:
            self._event("rejected", f"robot {ack.result.name.lower()} the e-stop command")
        elif self._release_pending:
            self._release_pending = False

    def _count_telemetry(self, seq: int) -> None:
        seqs = self._telemetry_seqs
        if seqs and seq < seqs[-1] - _QUALITY_WINDOW:  # robot restarted: count afresh
            seqs.clear()
        seqs.append(seq)
        newest = max(seqs)
        while seqs[0] <= newest - _QUALITY_WINDOW:
            seqs.popleft()

    def link_quality(self, now: float) -> float:
        if not self._alive(now) or not self._telemetry_seqs:
            return 0.0
        span = max(self._telemetry_seqs) - min(self._telemetry_seqs) + 1
        return min(1.0, len(set(self._telemetry_seqs)) / span)

    def _alive(self, now: float) -> bool:
        return self._last_heard is not None and now - self._last_heard <= ALIVE_TIMEOUT_S

    def status(self) -> RobotStatus:
        now = self.clock()
        return RobotStatus(
            link=self.link.state,
            link_error=self.link.last_error,
            alive=self._alive(now),
            link_quality=self.link_quality(now),
            receive_errors=self.link.stats.errors,
            telemetry=self.telemetry,
            capabilities=self.capabilities,
            estop_latched=self._estop_latched,
            estop_confirmed=self.telemetry is not None and self.telemetry.estop,
            release_pending=self._release_pending,
            input_stale=self._input_stale,
            commanded=self._commanded,
            limits=self.limits,
            deadman_stopped_drive=self._deadman_stopped_drive,
        )

    def _event(self, kind: str, text: str) -> None:
        event = RobotEvent(self.clock(), kind, text)
        self.events.append(event)
        for listener in self.listeners:
            listener(event)

    def _next_command_id(self) -> int:
        self._command_id = self._command_id % (_MS_WRAP - 1) + 1
        return self._command_id

    # --- running ------------------------------------------------------------------------------
    async def start(self) -> None:
        await self.link.open()
        self._task = asyncio.create_task(self._stream(), name=f"teleop {self.url}")

    async def _stream(self) -> None:
        loop = asyncio.get_running_loop()
        period = 1.0 / self.rate_hz
        next_tick = loop.time()
        while True:
            for message in self.tick(self.clock()):
                await self.link.send(message)
            next_tick += period
            delay = next_tick - loop.time()
            if delay < 0:  # fell behind: carry on from now rather than send a burst
                next_tick, delay = loop.time(), 0.0
            await asyncio.sleep(delay)

    async def close(self) -> None:
        """Stop streaming; a last stop command goes out so the robot need not wait for its deadman."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
            if not (self._estop_latched or self._release_pending or self.observe_only):
                self.stop_driving()
                await self.link.send(self._teleop(self.clock()))
        await self.link.close()
