"""Ground robots for the engine: connect them, drive them, stop them, and what the window shows.

The manager lives on the engine's loop, the one writer of every robot session. A front end calls
it from its own thread: drive() and stop_driving() at the frame rate (fire and forget, handed to
the loop), connect() and the e-stop return a Future. views() returns the last published frozen
list and never blocks.

Two kinds of robot are driven the same way:
- robots on a robot link (`serial:/dev/ttyUSB0:115200`, `zmq:tcp://HOST:PORT`, CURVE optional),
  with the robot protocol's own deadman; their id is the link address;
- MAVLink vehicles through MANUAL_CONTROL (ground rovers and boats are listed by themselves;
  any vehicle can be driven), id `mavlink:<system id>`. Their e-stop holds neutral sticks and
  force-disarms the vehicle: on the ground, disarmed is stopped.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import math
import os
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from drivers.mavlink import action
from drivers.mavlink.manual_control import GROUND_TYPES, ManualControl
from drivers.mavlink.session import VehicleSession
from drivers.robot.keys import client_keys
from drivers.robot.session import RobotEvent, RobotSession, SpeedLimits

T = TypeVar("T")
log = logging.getLogger(__name__)

PUBLISH_PERIOD_S = 0.1
MAVLINK_PREFIX = "mavlink:"


class RobotError(ValueError):
    """A robot that is not there, or a request the manager cannot carry out; nothing changed."""


@dataclass(frozen=True)
class RobotView:
    """One robot as the map and the teleop panel show it."""

    id: str  # the link address, or mavlink:<system id>
    name: str
    kind: str  # "robot" (robot link) or "mavlink"
    link: str  # connecting, open, reconnecting, refused, closed; for MAVLink: open or lost
    link_error: str | None
    alive: bool
    link_quality: float  # 0..1
    lat: float  # nan until known
    lon: float
    heading_deg: float
    speed: float  # m/s, measured
    turn_rate: float  # rad/s, measured (nan where the vehicle does not say)
    battery_pct: int | None
    battery_v: float
    estop_latched: bool  # the station holds the e-stop
    estop_confirmed: bool  # the robot reports its own e-stop engaged
    release_pending: bool
    deadman: bool  # the robot stopped by itself: its motion commands stopped arriving
    deadman_alarm: bool  # ... in the middle of a drive (a robot waiting with its deadman engaged is calm)
    input_stale: bool  # the station sends stop: the operator's input stopped arriving
    commanded: tuple[float, float]  # forward, turn as fractions of full speed, -1..1
    limits: SpeedLimits | None  # None where the vehicle sets its own (MAVLink)
    video_url: str
    last_event: str

    @property
    def has_position(self) -> bool:
        return math.isfinite(self.lat) and math.isfinite(self.lon)


class RobotManager:
    def __init__(self, vehicles: Callable[[], Mapping[int, VehicleSession]] = dict) -> None:
        """`vehicles` gives the engine's MAVLink sessions by system id (read on the loop only)."""
        self._vehicles = vehicles
        self._sessions: dict[str, RobotSession] = {}
        self._manual: dict[int, ManualControl] = {}
        self._views: tuple[RobotView, ...] = ()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    # --- life cycle (on the engine's loop) ----------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = self._loop.create_task(self._publish(), name="robots")

    async def close(self) -> None:
        """Every robot gets a last stop command; every MANUAL_CONTROL stream ends neutral."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        for session in list(self._sessions.values()):
            await session.close()
        for control in self._manual.values():
            await control.stop()
        self._sessions.clear()
        self._manual.clear()
        self._views = ()
        self._loop = None

    # --- what front ends read ------------------------------------------------------------------
    def views(self) -> tuple[RobotView, ...]:
        """Every robot, as published at most PUBLISH_PERIOD_S ago; safe from any thread."""
        return self._views

    def view(self, robot_id: str) -> RobotView | None:
        return next((v for v in self._views if v.id == robot_id), None)

    async def _publish(self) -> None:
        while True:
            self._views = self._build_views()
            await asyncio.sleep(PUBLISH_PERIOD_S)

    def _build_views(self) -> tuple[RobotView, ...]:
        views = [_robot_view(robot_id, s) for robot_id, s in self._sessions.items()]
        for sid, session in sorted(self._vehicles().items()):
            control = self._manual.get(sid)
            if control is not None or session.state.vehicle_type in GROUND_TYPES:
                views.append(_vehicle_view(session, control))
        return tuple(views)

    # --- connecting (any thread; Futures) ------------------------------------------------------
    def connect(self, url: str, limits: SpeedLimits = SpeedLimits(), robot_key: str | os.PathLike | None = None,
                station_key: str | os.PathLike | None = None) -> "concurrent.futures.Future[str]":
        """Open a robot link and start its teleop stream; the Future gives the robot's id.

        CURVE (ZeroMQ only) needs both the robot's public .key and this station's .key_secret.
        A bad address, a missing key file or a robot already connected fails the Future.
        """
        async def connect_() -> str:
            if url in self._sessions:
                raise RobotError(f"{url} is already connected")
            if (robot_key is None) != (station_key is None):
                raise RobotError("CURVE needs both the robot's public key and this station's secret key")
            curve = client_keys(robot_key, station_key) if robot_key is not None else None
            session = RobotSession(url, limits, curve)
            await session.start()
            session.listeners.append(lambda e, rid=url: _log_event(rid, e))
            self._sessions[url] = session
            self._views = self._build_views()
            return url

        return self._submit(connect_())

    def disconnect(self, robot_id: str) -> "concurrent.futures.Future[None]":
        """Stop driving a robot and close its link (a MAVLink vehicle: end its MANUAL_CONTROL)."""
        async def disconnect_() -> None:
            if robot_id.startswith(MAVLINK_PREFIX):
                control = self._manual.pop(self._system_id(robot_id), None)
                if control is not None:
                    await control.stop()
            else:
                session = self._sessions.pop(robot_id, None)
                if session is None:
                    raise RobotError(f"no robot {robot_id!r} is connected")
                await session.close()
            self._views = self._build_views()

        return self._submit(disconnect_())

    def set_limits(self, robot_id: str, limits: SpeedLimits) -> "concurrent.futures.Future[None]":
        async def set_() -> None:
            if robot_id.startswith(MAVLINK_PREFIX):
                raise RobotError(f"{robot_id}: a MAVLink vehicle's speeds are set in its autopilot parameters")
            self._robot(robot_id).set_limits(limits)

        return self._submit(set_())

    # --- driving (any thread; at the frame rate) ----------------------------------------------
    def drive(self, robot_id: str, forward: float, turn: float) -> None:
        """Operator input as fractions of the robot's limits (-1..1, turn positive = left).

        Re-send it while the key or stick is held: input not refreshed within the session's
        input timeout (0.3 s) becomes a stop. Bad values raise here and change nothing.
        """
        for name, value in (("forward", forward), ("turn", turn)):
            if not (isinstance(value, (int, float)) and math.isfinite(value) and -1.0 <= value <= 1.0):
                raise ValueError(f"{name} input {value!r} is outside -1..1")
        self._check_known(robot_id)
        self._call(self._drive, robot_id, float(forward), float(turn))

    def stop_driving(self, robot_id: str | None = None) -> None:
        """Zero the input at once, for one robot or (None) every robot: keys up, focus lost."""
        self._call(self._stop_driving, robot_id)

    def engage_estop(self, robot_id: str) -> "concurrent.futures.Future[None]":
        """Latch the e-stop; it holds until release_estop(). Latched before the Future completes;
        for a MAVLink vehicle the Future also carries the force-disarm's result."""
        async def engage() -> None:
            if robot_id.startswith(MAVLINK_PREFIX):
                session = self._vehicle(robot_id)
                self._control(session).engage_estop()
                await action.disarm(session, force=True)
            else:
                self._robot(robot_id).engage_estop()

        return self._submit(engage())

    def release_estop(self, robot_id: str) -> "concurrent.futures.Future[None]":
        """The explicit release; nothing moves until the operator drives again."""
        async def release() -> None:
            if robot_id.startswith(MAVLINK_PREFIX):
                self._control(self._vehicle(robot_id)).release_estop()
            else:
                self._robot(robot_id).release_estop()

        return self._submit(release())

    # --- on the loop ----------------------------------------------------------------------------
    def _drive(self, robot_id: str, forward: float, turn: float) -> None:
        if robot_id.startswith(MAVLINK_PREFIX):
            session = self._vehicles().get(self._system_id(robot_id))
            if session is not None:
                self._control(session).drive(forward, turn)
        elif robot_id in self._sessions:  # disconnected since the key was pressed: nothing to drive
            self._sessions[robot_id].drive(forward, turn)

    def _stop_driving(self, robot_id: str | None) -> None:
        for rid, session in self._sessions.items():
            if robot_id in (None, rid):
                session.stop_driving()
        for sid, control in self._manual.items():
            if robot_id in (None, f"{MAVLINK_PREFIX}{sid}"):
                control.stop_driving()

    def _control(self, session: VehicleSession) -> ManualControl:
        sid = session.state.system_id
        if sid not in self._manual:
            self._manual[sid] = session.plugin(ManualControl)
        return self._manual[sid]

    def _robot(self, robot_id: str) -> RobotSession:
        try:
            return self._sessions[robot_id]
        except KeyError:
            raise RobotError(f"no robot {robot_id!r} is connected") from None

    def _vehicle(self, robot_id: str) -> VehicleSession:
        session = self._vehicles().get(self._system_id(robot_id))
        if session is None:
            raise RobotError(f"no MAVLink vehicle {robot_id!r} has been heard")
        return session

    @staticmethod
    def _system_id(robot_id: str) -> int:
        number = robot_id.removeprefix(MAVLINK_PREFIX)
        if not number.isdigit() or not 1 <= int(number) <= 255:
            raise RobotError(f"{robot_id!r}: a MAVLink vehicle is mavlink:<system id 1..255>")
        return int(number)

    def _check_known(self, robot_id: str) -> None:
        """Refuse an unknown robot in the caller's thread (reads only; the loop owns the dicts)."""
        if robot_id.startswith(MAVLINK_PREFIX):
            if self._system_id(robot_id) not in self._vehicles():
                raise RobotError(f"no MAVLink vehicle {robot_id!r} has been heard")
        elif robot_id not in self._sessions:
            raise RobotError(f"no robot {robot_id!r} is connected")

    def _loop_or_fail(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or self._loop.is_closed():
            raise RuntimeError("the robot manager is not running")
        return self._loop

    def _call(self, fn: Callable[..., None], *args: Any) -> None:
        self._loop_or_fail().call_soon_threadsafe(fn, *args)

    def _submit(self, coro: Coroutine[Any, Any, T]) -> "concurrent.futures.Future[T]":
        try:
            loop = self._loop_or_fail()
        except RuntimeError:
            coro.close()
            raise
        return asyncio.run_coroutine_threadsafe(coro, loop)


def _log_event(robot_id: str, event: RobotEvent) -> None:
    log.info("robot %s: %s", robot_id, event.text)


def _robot_view(robot_id: str, session: RobotSession) -> RobotView:
    s = session.status()
    t = s.telemetry
    linear_max, angular_max = session.effective_limits()
    nan = math.nan
    return RobotView(
        id=robot_id, name=s.capabilities.name if s.capabilities else robot_id, kind="robot",
        link=s.link.value, link_error=s.link_error, alive=s.alive, link_quality=s.link_quality,
        lat=t.lat if t else nan, lon=t.lon if t else nan, heading_deg=t.heading_deg if t else nan,
        speed=t.linear if t else 0.0, turn_rate=t.angular if t else 0.0,
        battery_pct=t.battery_pct if t else None, battery_v=t.battery_v if t else nan,
        estop_latched=s.estop_latched, estop_confirmed=s.estop_confirmed, release_pending=s.release_pending,
        deadman=bool(t and t.deadman), deadman_alarm=s.deadman_stopped_drive, input_stale=s.input_stale,
        commanded=(s.commanded[0] / linear_max, s.commanded[1] / angular_max), limits=s.limits,
        video_url=s.capabilities.video_url if s.capabilities else "",
        last_event=session.events[-1].text if session.events else "")


def _vehicle_view(session: VehicleSession, control: ManualControl | None) -> RobotView:
    st = session.state
    c = control.status() if control is not None else None
    return RobotView(
        id=f"{MAVLINK_PREFIX}{st.system_id}", name=f"{st.vehicle_type.replace('_', ' ').lower()} {st.system_id}",
        kind="mavlink", link="open" if st.link_ok else "lost", link_error=None if st.link_ok else "no heartbeat",
        alive=st.link_ok, link_quality=st.link_quality if st.link_ok else 0.0,
        lat=st.lat if st.has_position else math.nan, lon=st.lon if st.has_position else math.nan,
        heading_deg=st.heading_deg, speed=st.ground_speed, turn_rate=math.nan,
        battery_pct=st.battery_remaining if st.battery_remaining >= 0 else None, battery_v=st.battery_voltage,
        estop_latched=bool(c and c.estop_latched), estop_confirmed=bool(c and c.estop_latched and not st.armed),
        release_pending=False, deadman=False, deadman_alarm=False, input_stale=c.input_stale if c else True,
        commanded=c.commanded if c else (0.0, 0.0), limits=None, video_url="",
        last_event="" if c is None or not c.streaming else f"MANUAL_CONTROL streaming ({c.sent} sent)")
