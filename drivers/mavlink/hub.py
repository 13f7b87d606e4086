"""The MAVLink side of the station: links in, vehicle sessions out.

Bytes from every link are framed by pymavlink, one parser per link. A UDP datagram always holds
whole frames, so whatever is left of one is discarded with it: a truncated datagram can never eat
the next vehicle's frame. Frames from a system id that sends an autopilot HEARTBEAT make a
vehicle session; later frames update it. The hub sends the GCS heartbeat on every link at 1 Hz and
routes a message for a vehicle to the link and peer it was last heard on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Callable

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink import events
from drivers.mavlink.links import Address, Link, LinkSpec, UdpLink, make_link
from drivers.mavlink.camera import CameraService
from drivers.mavlink.gimbal import GimbalService
from drivers.mavlink.params import ParameterService
from drivers.mavlink.replay import TlogReplay, parse_replay_url
from drivers.mavlink.session import VehicleSession
from drivers.mavlink.signing import Signing

log = logging.getLogger(__name__)

GCS_SYSTEM_ID = 255
GCS_COMPONENT_ID = mavlink.MAV_COMP_ID_MISSIONPLANNER  # 190, as QGroundControl
FrameTap = Callable[[bytes, bool], None]  # raw frame, True when sent by us; never a replay link's frames


def parse_link_url(url: str) -> LinkSpec | tuple[Path, float]:
    """A network or serial link, or `tlog:PATH[:SPEED]` to replay a telemetry log; LinkError if neither."""
    url = url.strip()
    if url.lower().startswith("tlog:"):
        return parse_replay_url(url)
    return LinkSpec.parse(url)


@dataclass
class IngestStats:
    frames: int = 0
    bad_frames: int = 0      # CRC errors, garbage, truncated frames
    unknown_frames: int = 0  # message ids this dialect does not know
    foreign_frames: int = 0  # frames from systems that are not vehicles (other GCS, no heartbeat yet)
    refused_frames: int = 0  # unsigned or wrongly signed frames from a vehicle that signs


class _LinkIO:
    """A link with its MAVLink framing state: a parser, and an encoder with its own sequence."""

    def __init__(self, link: Link, system_id: int, component_id: int) -> None:
        self.link = link
        self.datagrams = isinstance(link, UdpLink)
        self.parser = mavlink.MAVLink(None)
        self.parser.robust_parsing = True
        self.encoder = mavlink.MAVLink(None, srcSystem=system_id, srcComponent=component_id)

    def discard_partial_frame(self) -> bool:
        """Drop the unfinished frame a datagram ended with; True when there was one."""
        parser = self.parser
        if parser.buf_len() == 0:
            return False
        parser.buf, parser.buf_index = bytearray(), 0
        parser.expected_length = mavlink.HEADER_LEN_V1 + 2
        return True

    def pack(self, msg, signing: mavlink.MAVLinkSigning | None = None) -> bytes:
        if signing is None:
            buf = msg.pack(self.encoder)
        else:
            # one encoder (one sequence) per link; the key is the vehicle's, for this frame only
            unsigned, self.encoder.signing = self.encoder.signing, signing
            try:
                buf = msg.pack(self.encoder)
            finally:
                self.encoder.signing = unsigned
        self.encoder.seq = (self.encoder.seq + 1) % 256
        return buf


class MavlinkHub:
    def __init__(self, emit: Callable[[events.Event], None], *, system_id: int = GCS_SYSTEM_ID,
                 component_id: int = GCS_COMPONENT_ID, tap: FrameTap | None = None) -> None:
        self.system_id, self.component_id = system_id, component_id
        self.sessions: dict[int, VehicleSession] = {}
        self.stats = IngestStats()
        self.signing = Signing()
        # microservices every vehicle gets at once, so they hear its first camera heartbeat,
        # parameter change or gimbal attitude (classes taking the session, see session.plugin)
        self.services: tuple[type, ...] = (CameraService, GimbalService, ParameterService)
        self._emit = emit
        self._tap = tap
        self._links: dict[Link, _LinkIO] = {}
        self._task: asyncio.Task | None = None

    @property
    def links(self) -> list[Link]:
        return list(self._links)

    async def add_link(self, spec: LinkSpec | str) -> Link:
        parsed = parse_link_url(spec) if isinstance(spec, str) else spec
        if isinstance(parsed, LinkSpec):
            link: Link = make_link(parsed, self.receive)
        else:
            link = TlogReplay(*parsed, self.receive)
        await link.open()
        self.attach(link)
        log.info("link %s open", link.name)
        return link

    def attach(self, link: Link) -> None:
        """Take frames from a link that is already open (replay, benchmarks)."""
        self._links[link] = _LinkIO(link, self.system_id, self.component_id)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._tick(), name="mavlink hub")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for link in list(self._links):
            await link.close()
        self._links.clear()

    # -- receive ------------------------------------------------------------------------------
    def receive(self, link: Link, data: bytes, peer: Address) -> None:
        io = self._links.get(link)
        if io is None:
            return
        try:
            messages = io.parser.parse_buffer(data)
        except Exception:  # pymavlink raises on some malformed input even when robust
            self.stats.bad_frames += 1
            io.discard_partial_frame()
            log.debug("unparseable bytes on %s", link.name, exc_info=True)
            return
        if io.datagrams and io.discard_partial_frame():
            self.stats.bad_frames += 1
        if not messages:
            return
        now = time.monotonic()
        for msg in messages:
            self.ingest(msg, link, peer, now)

    def ingest(self, msg, link: Link, peer: Address, now: float) -> None:
        header = msg._header
        msg_id = header.msgId
        if msg_id == mavlink.MAVLINK_MSG_ID_BAD_DATA:
            self.stats.bad_frames += 1
            return
        if self._tap is not None and not isinstance(link, TlogReplay):  # a replay is on disk already
            self._tap(msg.get_msgbuf(), False)
        if msg_id == mavlink.MAVLINK_MSG_ID_UNKNOWN:  # a valid frame of a message we do not know
            self.stats.unknown_frames += 1
            return
        self.stats.frames += 1
        refusal = self.signing.check(msg)
        if refusal is not None:
            self._refused(header.srcSystem, refusal, now)
            return
        session = self.sessions.get(header.srcSystem)
        if session is None:
            if msg_id != mavlink.MAVLINK_MSG_ID_HEARTBEAT or msg.autopilot == mavlink.MAV_AUTOPILOT_INVALID \
                    or msg.type == mavlink.MAV_TYPE_GCS:
                self.stats.foreign_frames += 1
                return
            session = VehicleSession(header.srcSystem, self.send, self._emit)
            session.station_ids = (self.system_id, self.component_id)
            session.state.signing = self.signing.mode(header.srcSystem)
            self.sessions[header.srcSystem] = session
            for service in self.services:
                session.plugin(service)
        if msg_id == mavlink.MAVLINK_MSG_ID_COMMAND_ACK and msg.target_system not in (0, self.system_id):
            return  # an answer to another ground station
        session.handle(msg, link, peer, now)

    def _refused(self, system_id: int, reason: str, now: float) -> None:
        self.stats.refused_frames += 1
        session = self.sessions.get(system_id)
        if session is not None:
            session.state.refused_frames += 1
        event = self.signing.event_due(system_id, reason, now)
        if event is not None:
            log.warning("vehicle %d: %s frame refused (%d so far)", system_id, reason, event.refused)
            self._emit(event)

    # -- send ---------------------------------------------------------------------------------
    def send(self, msg, session: VehicleSession | None = None) -> None:
        """Send to the link and peer a vehicle was last heard on, or to every link when None."""
        if session is not None and session.link is not None and session.link in self._links:
            targets = [(self._links[session.link], session.peer)]
        else:
            targets = [(io, None) for io in self._links.values()]
        signing = self.signing.outgoing(session.state.system_id) if session is not None else None
        for io, peer in targets:
            buf = io.pack(msg, signing)
            io.link.send(buf, peer)
            if self._tap is not None and not isinstance(io.link, TlogReplay):
                self._tap(buf, True)

    async def _tick(self) -> None:
        heartbeat = mavlink.MAVLink_heartbeat_message(
            mavlink.MAV_TYPE_GCS, mavlink.MAV_AUTOPILOT_INVALID, 0, 0, mavlink.MAV_STATE_ACTIVE, 3)
        while True:
            self.send(heartbeat)
            for system_id in self.signing.signing_vehicles:
                # a vehicle that requires signing drops the unsigned broadcast: it gets its own
                if system_id in self.sessions:
                    self.send(heartbeat, self.sessions[system_id])
            now = time.monotonic()
            for session in self.sessions.values():
                session.check_link(now)
            await asyncio.sleep(1.0)
