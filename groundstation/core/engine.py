"""The engine: links, vehicles and commands, with or without a window.

It runs its own asyncio loop in one thread; that thread is the single writer of all fleet state.
Front ends (window, headless CLI, tests) read immutable snapshots, published at a fixed rate, and
receive events through their own queue; they send commands and get a concurrent Future back.
Nothing a front end does can block the MAVLink loop, and nothing the loop does can block a window.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import logging
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Awaitable, Callable, Sequence, TypeVar

from drivers.mavlink import action, events, mission_control
from drivers.mavlink.camera import CameraService
from drivers.mavlink.gimbal import GimbalService
from drivers.mavlink.commands import CommandError, Why
from drivers.mavlink.hub import GCS_SYSTEM_ID, IngestStats, MavlinkHub, parse_link_url
from drivers.mavlink.links import LinkError
from drivers.mavlink.mission import MISSION_TYPES, MissionTransfer, MissionTransferError, Progress
from drivers.mavlink.params import ParameterError, ParameterService
from drivers.mavlink.replay import TlogReplay
from drivers.mavlink.session import VehicleSession
from drivers.mavlink.signing import KeyStore, SigningError, key_from_passphrase
from drivers.mavlink.state import VehicleState
from drivers.mavlink.tlog import TlogWriter
from groundstation.core.datadir import DataDir
from groundstation.core.detection import DetectionService
from groundstation.core.findings import Finding, FindingStore
from groundstation.core.geofence import KINDS, FenceAndRally
from groundstation.core.robots import RobotManager, RobotView
from groundstation.core.settings import Settings
from groundstation.core.sharing import TRACK_PERIOD_S, Sharing
from groundstation.core.stream_detection import RGB_MODEL_SETTING, StreamDetection
from groundstation.share.delivery import PartnerStatus
from groundstation.web.server import WebView
from missions.items import MissionItem

T = TypeVar("T")

log = logging.getLogger(__name__)

DEFAULT_LINK = "udpin:0.0.0.0:14550"  # where QGroundControl listens; PX4 SITL and radios send here
SNAPSHOT_PERIOD_S = 0.1
TRAIL_PERIOD_S = 1.0
TRAIL_LENGTH = 600  # ten minutes of 1 Hz breadcrumbs per vehicle

# ArduPilot streams nothing to a GCS that does not ask; PX4 streams its defaults on its own.
ARDUPILOT_STREAMS_HZ = {
    "GLOBAL_POSITION_INT": 5.0, "ATTITUDE": 10.0, "VFR_HUD": 4.0, "SYS_STATUS": 1.0,
    "GPS_RAW_INT": 2.0, "EXTENDED_SYS_STATE": 1.0, "HOME_POSITION": 0.5, "BATTERY_STATUS": 0.5,
}


@dataclass(frozen=True)
class VehicleView:
    """A frozen copy of one vehicle's state plus its trail, for rendering and scripts."""

    state: VehicleState
    trail: tuple[tuple[float, float], ...]
    geofence: FenceAndRally = FenceAndRally()  # its fence and rally points, as last read from it


@dataclass(frozen=True)
class ReplayView:
    """Where a .tlog replay link is: seconds from the log's start, of how many, at what speed."""

    position_s: float
    duration_s: float
    speed: float
    paused: bool
    finished: bool


@dataclass(frozen=True)
class LinkView:
    name: str
    connected: bool
    bytes_in: int
    bytes_out: int
    last_error: str
    replay: ReplayView | None = None  # for a .tlog replay link


@dataclass(frozen=True)
class FleetSnapshot:
    time: float = 0.0
    vehicles: dict[int, VehicleView] = field(default_factory=dict)
    links: tuple[LinkView, ...] = ()
    ingest: IngestStats = field(default_factory=IngestStats)
    findings: tuple[Finding, ...] = ()           # newest first
    robots: tuple[RobotView, ...] = ()           # ground robots and MAVLink rovers under teleop
    partners: tuple[PartnerStatus, ...] = ()     # delivery state per partner command post


class Engine:
    def __init__(self, data_dir: DataDir, links: Sequence[str] = (DEFAULT_LINK,), *,
                 system_id: int = GCS_SYSTEM_ID, record_tlog: bool = True,
                 web: tuple[str, int] | None = None) -> None:
        self.data_dir = data_dir
        self.settings = Settings.load(data_dir.settings_file)  # a bad file fails here, early
        if web is not None:  # this run only, e.g. `--web 0.0.0.0:8080`
            self.settings.web_host, self.settings.web_port = web
        self.sharing: Sharing | None = None
        self.robots = RobotManager(lambda: self._hub.sessions if self._hub else {})
        self.detection: DetectionService | None = None  # frames -> findings, in its own worker thread
        # the stream typed in by the pilot and its detector, in their own threads
        self.stream = StreamDetection(data_dir.root / "models", self.settings.extra.get(RGB_MODEL_SETTING))
        self.web: WebView | None = None
        self.web_error = ""
        for url in links:
            parse_link_url(url)  # a malformed link fails here, before anything starts
        self.link_urls = list(links)
        self.system_id = system_id
        self._record_tlog = record_tlog
        self.tlog: TlogWriter | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._hub: MavlinkHub | None = None
        self._subscribers: list[queue.Queue] = []
        self._subscribers_lock = threading.Lock()
        self._appeared: dict[int, events.VehicleAppeared] = {}  # each vehicle's first word, for late subscribers
        self._snapshot = FleetSnapshot()
        self._trails: dict[int, deque[tuple[float, float]]] = {}
        self._geofences: dict[int, FenceAndRally] = {}
        self._tasks: list[asyncio.Task] = []

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Open every link and start the loop thread; raises LinkError when a link cannot open."""
        if self._thread is not None:
            raise RuntimeError("engine already started")
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="engine", daemon=True)
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._startup(), self._loop).result(timeout=15)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self._loop is None:
            return
        if self._loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
            except (concurrent.futures.TimeoutError, RuntimeError):
                log.warning("engine did not shut down cleanly in 10 s")
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> "Engine":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    async def _startup(self) -> None:
        tap = None
        if self._record_tlog:
            stamp = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
            self.tlog = TlogWriter(self.data_dir.logs / f"{stamp}.tlog")
            tap = self.tlog.record  # both directions, as QGC; replays are not recorded (the hub skips them)
        self._hub = MavlinkHub(self._on_event, system_id=self.system_id, tap=tap)
        for url in self.link_urls:
            await self._hub.add_link(url)
        await self._hub.start()
        await self.robots.start()
        self.sharing = Sharing(self.data_dir.root, self.settings.station_id)
        await self.sharing.start()
        self.detection = DetectionService(self._loop, self.sharing.store, lambda: self.settings.operator,
                                          self.settings.station_id)
        self.detection.start()
        self.stream.place_findings_with(self.detection)  # a vehicle's stream: its tracks become findings
        self._tasks.append(asyncio.create_task(self._share_tracks(), name="tracks"))
        if self.settings.web_port:
            view = WebView(self, self.settings.web_host, self.settings.web_port)
            try:
                await view.start()
                self.web = view
            except OSError as e:
                # The commander's view is not worth losing the drones for: say so and fly on.
                self.web_error = e.strerror or str(e)  # the sentence, without "[Errno 98]"
                log.error("%s", self.web_error)
        self._tasks.append(asyncio.create_task(self._publish(), name="snapshots"))
        self._tasks.append(asyncio.create_task(self._record_trails(), name="trails"))

    async def _shutdown(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.robots.close()  # stops every robot before its link goes
        if self._hub is not None:
            await self._hub.close()
        if self.web is not None:
            await self.web.stop()
        await asyncio.to_thread(self.stream.close)  # it hands findings to the detection service
        if self.detection is not None:
            await asyncio.to_thread(self.detection.stop)  # before the store it writes to closes
        if self.sharing is not None:
            await self.sharing.stop()
        if self.tlog is not None:
            self.tlog.close()
        # Whatever a microservice still had in flight (a camera being asked, a retry) ends here,
        # rather than being destroyed pending when the loop closes.
        leftovers = asyncio.all_tasks() - {asyncio.current_task()}
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)

    # -- what front ends read -----------------------------------------------------------------
    def snapshot(self) -> FleetSnapshot:
        """The latest published snapshot (at most SNAPSHOT_PERIOD_S old); never blocks."""
        return self._snapshot

    @property
    def links(self) -> list[str]:
        return [link.name for link in self._hub.links] if self._hub else []

    def subscribe(self) -> "queue.Queue[events.Event]":
        """Events from now on, after one VehicleAppeared for each vehicle already heard: a front end
        that subscribes late (a replay or a fast link can be ahead of it) still learns the whole fleet."""
        q: queue.Queue = queue.Queue(maxsize=10_000)
        with self._subscribers_lock:
            for event in self._appeared.values():
                q.put_nowait(event)
            self._subscribers.append(q)
        return q

    def unsubscribe(self, q: queue.Queue) -> None:
        with self._subscribers_lock:
            if q in self._subscribers:
                self._subscribers.remove(q)

    def _on_event(self, event: events.Event) -> None:
        if isinstance(event, events.VehicleAppeared):
            self._tasks.append(self._loop.create_task(self._prepare_vehicle(event.system_id)))
        with self._subscribers_lock:
            if isinstance(event, events.VehicleAppeared):
                self._appeared.setdefault(event.system_id, event)
            subscribers = list(self._subscribers)
        for q in subscribers:
            try:
                q.put_nowait(event)
            except queue.Full:
                # A subscriber that stopped reading must not stall the MAVLink loop.
                log.warning("event queue full; dropping %s", type(event).__name__)

    async def _publish(self) -> None:
        while True:
            self._snapshot = self._build_snapshot()
            await asyncio.sleep(SNAPSHOT_PERIOD_S)

    def _build_snapshot(self) -> FleetSnapshot:
        hub = self._hub
        vehicles = {
            sid: VehicleView(copy.deepcopy(s.state), tuple(self._trails.get(sid, ())),
                             self._geofences.get(sid, FenceAndRally()))
            for sid, s in hub.sessions.items()
        }
        links = tuple(LinkView(l.name, l.stats.connected, l.stats.bytes_in, l.stats.bytes_out, l.stats.last_error,
                               ReplayView(l.position_s, l.duration_s, l.speed, l.paused, l.finished)
                               if isinstance(l, TlogReplay) else None) for l in hub.links)
        return FleetSnapshot(time.time(), vehicles, links, copy.copy(hub.stats),
                             findings=self.sharing.findings(), partners=self.sharing.partner_status(),
                             robots=self.robots.views())

    async def _share_tracks(self) -> None:
        while True:
            await asyncio.sleep(TRACK_PERIOD_S)
            await self.sharing.publish_tracks([s.state for s in self._hub.sessions.values()])

    async def _record_trails(self) -> None:
        while True:
            for sid, session in self._hub.sessions.items():
                st = session.state
                if st.has_position:
                    trail = self._trails.setdefault(sid, deque(maxlen=TRAIL_LENGTH))
                    if not trail or trail[-1] != (st.lat, st.lon):
                        trail.append((st.lat, st.lon))
            if self.tlog is not None:
                self.tlog.flush()
            await asyncio.sleep(TRAIL_PERIOD_S)

    async def _prepare_vehicle(self, system_id: int) -> None:
        session = self._hub.sessions[system_id]
        self.detection.watch(session)  # its pose history, to place what its camera sees
        try:
            if session.state.autopilot == "ARDUPILOTMEGA":
                for name, hz in ARDUPILOT_STREAMS_HZ.items():
                    msg_id = getattr(action.mavlink, f"MAVLINK_MSG_ID_{name}")
                    await action.set_message_interval(session, msg_id, hz)
            await action.request_message(session, action.mavlink.MAVLINK_MSG_ID_HOME_POSITION)
        except CommandError as e:
            log.info("vehicle %d: %s", system_id, e)
        if not isinstance(session.link, TlogReplay):  # a replayed vehicle cannot be asked
            await self._read_geofence(session, KINDS)

    # -- commands -----------------------------------------------------------------------------
    def _submit(self, system_id: int, do: Callable[[VehicleSession], Awaitable[T]]) -> "concurrent.futures.Future[T]":
        if self._loop is None:
            raise RuntimeError("engine not started")

        async def run() -> T:
            session = self._hub.sessions.get(system_id)
            if session is None:
                raise CommandError.by_station("COMMAND", "NO_VEHICLE", Why.NO_VEHICLE, system_id)
            return await do(session)

        return asyncio.run_coroutine_threadsafe(run(), self._loop)

    def arm(self, system_id: int):
        return self._submit(system_id, action.arm)

    def disarm(self, system_id: int, force: bool = False):
        return self._submit(system_id, lambda s: action.disarm(s, force))

    def takeoff(self, system_id: int, altitude_rel: float):
        return self._submit(system_id, lambda s: action.takeoff(s, altitude_rel))

    def land(self, system_id: int):
        return self._submit(system_id, action.land)

    def return_to_launch(self, system_id: int):
        return self._submit(system_id, action.return_to_launch)

    def hold(self, system_id: int):
        return self._submit(system_id, action.hold)

    def goto(self, system_id: int, lat: float, lon: float, altitude_rel: float | None = None):
        return self._submit(system_id, lambda s: action.goto(s, lat, lon, altitude_rel))

    def set_mode(self, system_id: int, mode: str):
        return self._submit(system_id, lambda s: action.set_mode(s, mode))

    # Mission, geofence and rally transfers. `progress(done, total)` is called on the engine thread.
    # After a fence or rally transfer the snapshot holds what the vehicle now has (read back from it)
    # by the time the returned future completes, whether the vehicle took the transfer or not.
    def upload_mission(self, system_id: int, items: Sequence[MissionItem], mission_type: str = "mission",
                       progress: Progress | None = None):
        kind = _mission_type(mission_type)
        return self._submit(system_id, lambda s: self._then_read_back(
            s, mission_type, s.plugin(MissionTransfer).upload(list(items), kind, progress)))

    def download_mission(self, system_id: int, mission_type: str = "mission", progress: Progress | None = None):
        kind = _mission_type(mission_type)

        async def download(session: VehicleSession) -> list[MissionItem]:
            try:
                items = await session.plugin(MissionTransfer).download(kind, progress)
            except MissionTransferError as e:
                self._remember_geofence(session, mission_type, failed=e)
                raise
            self._remember_geofence(session, mission_type, items=items)
            return items

        return self._submit(system_id, download)

    def clear_mission(self, system_id: int, mission_type: str = "mission"):
        kind = _mission_type(mission_type)
        return self._submit(system_id, lambda s: self._then_read_back(
            s, mission_type, s.plugin(MissionTransfer).clear(kind)))

    def refresh_geofence(self, system_id: int) -> "concurrent.futures.Future[FenceAndRally]":
        """Read the vehicle's fence, then its rally points, again (e.g. after another tool changed them);
        what failed to read is kept as it was and its `*_error` says why."""
        return self._submit(system_id, lambda s: self._read_geofence(s, KINDS))

    def clear_geofence(self, system_id: int) -> "concurrent.futures.Future[FenceAndRally]":
        """The vehicle drops its whole fence, then its rally points; both are read back either way.
        MissionTransferError when the vehicle refuses (it then keeps the rest)."""
        async def clear(session: VehicleSession) -> FenceAndRally:
            transfer = session.plugin(MissionTransfer)
            try:
                for kind in KINDS:
                    await transfer.clear(MISSION_TYPES[kind])
            except MissionTransferError:
                await self._read_geofence(session, KINDS)
                raise
            return await self._read_geofence(session, KINDS)

        return self._submit(system_id, clear)

    async def _then_read_back(self, session: VehicleSession, mission_type: str, transfer: Awaitable[T]) -> T:
        """A transfer, then for a fence or rally transfer the vehicle's fence or rally points read back."""
        if mission_type not in KINDS:
            return await transfer
        try:
            result = await transfer
        except MissionTransferError:
            await self._read_geofence(session, (mission_type,))  # it keeps what it held: show that
            raise
        await self._read_geofence(session, (mission_type,))
        return result

    async def _read_geofence(self, session: VehicleSession, kinds: Sequence[str]) -> FenceAndRally:
        for kind in kinds:
            try:
                items = await session.plugin(MissionTransfer).download(MISSION_TYPES[kind])
            except MissionTransferError as e:
                self._remember_geofence(session, kind, failed=e)
            else:
                self._remember_geofence(session, kind, items=items)
        return self._geofences[session.state.system_id]

    def _remember_geofence(self, session: VehicleSession, kind: str, *, items: list[MissionItem] | None = None,
                           failed: Exception | None = None) -> None:
        if kind not in KINDS:
            return
        sid = session.state.system_id
        known = self._geofences.get(sid, FenceAndRally())
        self._geofences[sid] = known.failed(kind, failed) if failed is not None else known.read(kind, items)
        self._snapshot = self._build_snapshot()  # published now: who waited on the transfer finds it in snapshot()

    # Findings. Every change is written by the engine thread, with the operator's name.
    def _store(self, change: Callable[..., Finding], *args, **kwargs) -> "concurrent.futures.Future[Finding]":
        who = kwargs.pop("who", None) or self.settings.operator
        return self._on_loop(lambda: change(*args, who=who, **kwargs))

    def read_store(self, read: Callable[[FindingStore], T]) -> "concurrent.futures.Future[T]":
        """Read the findings store (history, snapshot images) on the engine thread, its one owner."""
        return self._on_loop(lambda: read(self.sharing.store))

    def mark_here(self, lat: float, lon: float, kind: str = "other", note: str | None = None,
                  h_acc_m: float = 10.0, who: str | None = None):
        """A finding placed by hand on the map or video."""
        return self._store(self.sharing.store.mark_here, lat=lat, lon=lon, kind=kind, note=note,
                           h_acc_m=h_acc_m, who=who)

    def confirm_finding(self, finding_id: str, who: str | None = None):
        return self._store(self.sharing.store.confirm, finding_id, who=who)

    def dismiss_finding(self, finding_id: str, reason: str | None = None, who: str | None = None):
        return self._store(self.sharing.store.dismiss, finding_id, reason=reason, who=who)

    def resolve_finding(self, finding_id: str, note: str | None = None, who: str | None = None):
        return self._store(self.sharing.store.resolve, finding_id, note=note, who=who)

    def annotate_finding(self, finding_id: str, text: str, who: str | None = None):
        return self._store(self.sharing.store.annotate, finding_id, text=text, who=who)

    def start_mission(self, system_id: int):
        return self._submit(system_id, lambda s: action.set_mode(s, "Auto" if action.is_ardupilot(s) else "Mission"))

    def pause_mission(self, system_id: int):
        return self._submit(system_id, mission_control.pause)

    def resume_mission(self, system_id: int):
        return self._submit(system_id, mission_control.resume)

    def set_current_mission_item(self, system_id: int, seq: int):
        return self._submit(system_id, lambda s: mission_control.set_current_item(s, seq))

    # Parameters. Download returns {name: Parameter}; set returns what the vehicle kept.
    def download_params(self, system_id: int, progress: Progress | None = None):
        return self._submit(system_id, lambda s: s.plugin(ParameterService).download(progress))

    def read_param(self, system_id: int, name: str):
        return self._submit(system_id, lambda s: s.plugin(ParameterService).read(name))

    def set_param(self, system_id: int, name: str, value: int | float, param_type: int | None = None):
        return self._submit(system_id, lambda s: s.plugin(ParameterService).set(name, value, param_type))

    # Cameras (found by themselves; the snapshot's state.cameras lists them) and the gimbal.
    def describe_camera(self, system_id: int, component: int):
        return self._submit(system_id, lambda s: s.plugin(CameraService).describe(component))

    def take_photo(self, system_id: int, component: int | None = None):
        return self._submit(system_id, lambda s: s.plugin(CameraService).take_photo(component))

    def start_video(self, system_id: int, component: int | None = None):
        return self._submit(system_id, lambda s: s.plugin(CameraService).start_video(component))

    def stop_video(self, system_id: int, component: int | None = None):
        return self._submit(system_id, lambda s: s.plugin(CameraService).stop_video(component))

    def point_gimbal(self, system_id: int, pitch_deg: float, yaw_deg: float, earth_frame: bool = False):
        return self._submit(system_id, lambda s: s.plugin(GimbalService).point(pitch_deg, yaw_deg,
                                                                               earth_frame=earth_frame))

    def gimbal_look_at(self, system_id: int, lat: float, lon: float, alt_rel: float = 0.0):
        return self._submit(system_id, lambda s: s.plugin(GimbalService).look_at(lat, lon, alt_rel))

    def gimbal_clear_roi(self, system_id: int):
        return self._submit(system_id, lambda s: s.plugin(GimbalService).clear_roi())

    # MAVLink 2 signing, a key per vehicle kept in the data directory (keys/<system id>.key).
    @property
    def signing_keys(self) -> KeyStore:
        return KeyStore(self.data_dir.root / "keys")

    def enable_signing(self, system_id: int, *, required: bool = True, passphrase: str | None = None,
                       send_key: bool = False) -> "concurrent.futures.Future[str]":
        """Sign traffic with this vehicle (its stored key, a new one, or one from a passphrase);
        with `required`, refuse what it sends unsigned. `send_key` gives the vehicle the key with
        SETUP_SIGNING first: do that only over a link you trust. Works before the vehicle appears."""
        keys = self.signing_keys
        key = key_from_passphrase(passphrase) if passphrase else keys.load_or_create(system_id)
        if passphrase:
            keys.save(system_id, key)

        def enable() -> str:
            hub = self._hub
            session = hub.sessions.get(system_id)
            if send_key:
                if session is None:
                    raise SigningError(f"vehicle {system_id} has not appeared: cannot send it its key")
                hub.signing.enable(system_id, key, required)
                setup = hub.signing.setup_message(system_id)
                hub.signing.disable(system_id)
                session.send(setup)  # unsigned: the vehicle does not have the key yet
            hub.signing.enable(system_id, key, required)
            if session is not None:
                session.state.signing = hub.signing.mode(system_id)
            return str(keys.path(system_id))

        return self._on_loop(enable)

    def disable_signing(self, system_id: int) -> "concurrent.futures.Future[None]":
        def disable() -> None:
            self._hub.signing.disable(system_id)
            if system_id in self._hub.sessions:
                self._hub.sessions[system_id].state.signing = "off"

        return self._on_loop(disable)

    # More links while running, a .tlog replay among them (`tlog:PATH[:SPEED]`).
    def open_link(self, url: str) -> "concurrent.futures.Future[str]":
        async def open_() -> str:
            return (await self._hub.add_link(url)).name

        return asyncio.run_coroutine_threadsafe(open_(), self._require_loop())

    def control_replay(self, link_name: str, *, seek_s: float | None = None, speed: float | None = None,
                       paused: bool | None = None) -> "concurrent.futures.Future[tuple[float, float]]":
        """Seek, change speed, pause or resume a replay; returns (position, duration) in seconds."""
        def control() -> tuple[float, float]:
            replay = next((l for l in self._hub.links if isinstance(l, TlogReplay) and l.name == link_name), None)
            if replay is None:
                raise LinkError(f"no replay link named {link_name!r}")
            if speed is not None:
                replay.set_speed(speed)
            if seek_s is not None:
                replay.seek(seek_s)
            if paused:
                replay.pause()
            elif paused is not None:
                replay.resume()
            return replay.position_s, replay.duration_s

        return self._on_loop(control)

    def _require_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("engine not started")
        return self._loop

    def _on_loop(self, fn: Callable[[], T]) -> "concurrent.futures.Future[T]":
        """Run a quick function on the engine thread, the one writer of fleet state."""
        async def run() -> T:
            return fn()

        return asyncio.run_coroutine_threadsafe(run(), self._require_loop())


def _mission_type(name: str) -> int:
    try:
        return MISSION_TYPES[name]
    except KeyError:
        raise ValueError(f"mission type {name!r}: use one of {', '.join(MISSION_TYPES)}") from None


__all__ = ["Engine", "FleetSnapshot", "VehicleView", "LinkView", "DEFAULT_LINK", "LinkError", "CommandError",
           "MissionTransferError", "ParameterError", "SigningError"]
