"""Peers for the driver's microservice tests: a station hub on loopback, MAVSDK's autopilot-side
server plugins as an independent vehicle, and a UDP relay that loses datagrams both ways."""

from __future__ import annotations

import asyncio
import random
from typing import Callable

import pytest

from drivers.mavlink.hub import MavlinkHub
from drivers.mavlink.signing import signing_timestamp


class LossyRelay(asyncio.DatagramProtocol):
    """Forwards datagrams between a vehicle and the station, dropping `loss` of them each way
    (seeded), and counts what it dropped so a test can show the loss really happened."""

    def __init__(self, station_port: int, loss: float, seed: int = 7) -> None:
        self.station = ("127.0.0.1", station_port)
        self.vehicle: tuple[str, int] | None = None
        self.loss = loss
        self.rng = random.Random(seed)
        self.dropped = {"to station": 0, "to vehicle": 0}
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    @property
    def port(self) -> int:
        return self.transport.get_extra_info("sockname")[1]

    def datagram_received(self, data: bytes, addr) -> None:
        if addr == self.station:
            direction, target = "to vehicle", self.vehicle
        else:
            self.vehicle = addr
            direction, target = "to station", self.station
        if target is None:
            return
        if self.rng.random() < self.loss:
            self.dropped[direction] += 1
            return
        self.transport.sendto(data, target)

    def close(self) -> None:
        self.transport.close()


@pytest.fixture
async def station():
    """A started hub listening on an ephemeral loopback port (hub.links[0].local_port)."""
    hub = MavlinkHub(lambda _e: None)
    await hub.add_link("udpin:127.0.0.1:0")
    await hub.start()
    yield hub
    await hub.close()


@pytest.fixture
async def relay():
    """make(station_port, loss) -> a LossyRelay already listening; closed after the test."""
    made: list[LossyRelay] = []

    async def make(station_port: int, loss: float, seed: int = 7) -> LossyRelay:
        loop = asyncio.get_running_loop()
        _, protocol = await loop.create_datagram_endpoint(
            lambda: LossyRelay(station_port, loss, seed), local_addr=("127.0.0.1", 0))
        made.append(protocol)
        return protocol

    yield make
    for r in made:
        r.close()


@pytest.fixture
def mavsdk_autopilot():
    """make(port, system_id=1) -> (Mavsdk, server component) of an autopilot sending to port."""
    mavsdk = pytest.importorskip("mavsdk")
    made = []

    def make(port: int, system_id: int = 1):
        config = mavsdk.Configuration.create_with_component_type(mavsdk.ComponentType.AUTOPILOT)
        config.system_id = system_id
        vehicle = mavsdk.Mavsdk(config)
        made.append(vehicle)
        result = vehicle.add_any_connection(f"udpout://127.0.0.1:{port}")
        assert result == mavsdk.ConnectionResult.SUCCESS
        return vehicle, vehicle.server_component()

    yield make
    for vehicle in made:
        vehicle.destroy()


@pytest.fixture
def vehicle_session():
    """wait(hub, system_id=1) -> the vehicle's session once its heartbeat is in."""

    async def wait(hub: MavlinkHub, system_id: int = 1, timeout: float = 10.0,
                   ready: Callable[[object], bool] = lambda s: True):
        for _ in range(int(timeout / 0.02)):
            session = hub.sessions.get(system_id)
            if session is not None and session.state.last_heartbeat and ready(session):
                return session
            await asyncio.sleep(0.02)
        raise AssertionError(f"vehicle {system_id} never appeared")

    return wait


class ScriptedMissionVehicle(asyncio.DatagramProtocol):
    """A vehicle's side of the mission protocol written from the MAVLink spec, for what MAVSDK's
    server cannot be told to do: lose `loss` of datagrams each way (seeded), re-request quickly,
    answer a repeated last item with the ACK again (as PX4 does when its ACK was lost), ask with
    the legacy MISSION_REQUEST, refuse, or go silent midway. A failed upload keeps the old mission."""

    REREQUEST_S = 0.03
    GIVE_UP_AFTER = 60

    def __init__(self, station_port: int, loss: float = 0.0, seed: int = 11, legacy: bool = False) -> None:
        from pymavlink.dialects.v20 import ardupilotmega as mavlink

        self.mavlink = mavlink
        self.station = ("127.0.0.1", station_port)
        self.enc = mavlink.MAVLink(None, srcSystem=1, srcComponent=1)
        self.parser = mavlink.MAVLink(None)
        self.loss, self.rng, self.legacy = loss, random.Random(seed), legacy
        self.missions: dict[int, list] = {0: [], 1: [], 2: []}
        self.refuse: int | None = None        # MAV_MISSION_RESULT to answer every upload with
        self.silent_after: int | None = None  # stop answering an upload after this many items
        self.dropped = 0
        self._upload: dict | None = None
        self._last_count: dict[int, int] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._beat: asyncio.Task | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        self._beat = asyncio.get_running_loop().create_task(self._heartbeats())

    async def _heartbeats(self) -> None:
        m = self.mavlink
        while True:
            self.send(m.MAVLink_heartbeat_message(m.MAV_TYPE_QUADROTOR, m.MAV_AUTOPILOT_PX4, 1, 0, 3, 3))
            await asyncio.sleep(0.2)

    def close(self) -> None:
        if self._beat:
            self._beat.cancel()
        if self._timer:
            self._timer.cancel()
        self.transport.close()

    def send(self, msg) -> None:
        data = msg.pack(self.enc)
        self.enc.seq = (self.enc.seq + 1) % 256
        if self.loss and self.rng.random() < self.loss:
            self.dropped += 1
            return
        self.transport.sendto(data, self.station)

    def datagram_received(self, data, addr) -> None:
        if self.loss and self.rng.random() < self.loss:
            self.dropped += 1
            return
        for msg in self.parser.parse_buffer(data) or []:
            handler = getattr(self, f"_on_{msg.get_type().lower()}", None)
            if handler is not None:
                handler(msg)

    def _ack(self, mission_type: int, result: int) -> None:
        self.send(self.mavlink.MAVLink_mission_ack_message(255, 190, result, mission_type))

    # -- upload (the station sends) ---------------------------------------------------------------
    def _on_mission_count(self, msg) -> None:
        if self.refuse is not None:
            self._ack(msg.mission_type, self.refuse)
            return
        if msg.count == 0:
            self.missions[msg.mission_type] = []
            self._ack(msg.mission_type, self.mavlink.MAV_MISSION_ACCEPTED)
            return
        self._upload = {"type": msg.mission_type, "count": msg.count, "items": [], "tries": 0}
        self._request_next()

    def _request_next(self) -> None:
        up = self._upload
        if up is None or (self.silent_after is not None and len(up["items"]) >= self.silent_after):
            return
        if up["tries"] > self.GIVE_UP_AFTER:
            self._upload = None
            self._ack(up["type"], self.mavlink.MAV_MISSION_OPERATION_CANCELLED)
            return
        up["tries"] += 1
        seq = len(up["items"])
        m = self.mavlink
        request = (m.MAVLink_mission_request_message if self.legacy else m.MAVLink_mission_request_int_message)
        self.send(request(255, 190, seq, up["type"]))
        if self._timer:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(self.REREQUEST_S, self._request_next)

    def _on_mission_item_int(self, msg) -> None:
        up = self._upload
        if up is None:
            if self._last_count.get(msg.mission_type) == msg.seq + 1:
                self._ack(msg.mission_type, self.mavlink.MAV_MISSION_ACCEPTED)  # our ACK was lost
            return
        if msg.mission_type != up["type"] or msg.seq != len(up["items"]):
            return
        up["items"].append(msg)
        up["tries"] = 0
        if len(up["items"]) == up["count"]:
            self._timer.cancel()
            self._upload = None
            self.missions[up["type"]] = up["items"]
            self._last_count[up["type"]] = up["count"]
            self._ack(up["type"], self.mavlink.MAV_MISSION_ACCEPTED)
        else:
            self._request_next()

    def _on_mission_ack(self, msg) -> None:
        if self._upload is not None and msg.type == self.mavlink.MAV_MISSION_OPERATION_CANCELLED:
            self._timer.cancel()
            self._upload = None

    # -- download (the vehicle sends) -------------------------------------------------------------
    def _on_mission_request_list(self, msg) -> None:
        self.send(self.mavlink.MAVLink_mission_count_message(
            255, 190, len(self.missions[msg.mission_type]), msg.mission_type))

    def _on_mission_request_int(self, msg) -> None:
        items = self.missions[msg.mission_type]
        if not 0 <= msg.seq < len(items):
            self._ack(msg.mission_type, self.mavlink.MAV_MISSION_INVALID_SEQUENCE)
            return
        item = items[msg.seq]
        item.target_system, item.target_component = 255, 190
        self.send(item)

    def _on_mission_clear_all(self, msg) -> None:
        self.missions[msg.mission_type] = []
        self._ack(msg.mission_type, self.mavlink.MAV_MISSION_ACCEPTED)


@pytest.fixture
async def scripted_vehicle():
    """make(station_port, loss=0, legacy=False) -> a ScriptedMissionVehicle already sending."""
    made: list[ScriptedMissionVehicle] = []

    async def make(station_port: int, loss: float = 0.0, legacy: bool = False) -> ScriptedMissionVehicle:
        _, vehicle = await asyncio.get_running_loop().create_datagram_endpoint(
            lambda: ScriptedMissionVehicle(station_port, loss, legacy=legacy), local_addr=("127.0.0.1", 0))
        made.append(vehicle)
        return vehicle

    yield make
    for v in made:
        v.close()


class ScriptedAutopilot:
    """A PX4-like autopilot (component 1) with an optional camera component (100), over a plain
    UDP socket: heartbeats from each, every COMMAND_LONG/INT recorded and acknowledged ACCEPTED,
    and `answers[command]` called to send whatever else the command should bring back. Frames it
    sends can be signed with `key`; `signed_in` records which frames from the station were."""

    def __init__(self, station_port: int, system_id: int = 1, camera: bool = False, key: bytes | None = None) -> None:
        import socket

        from pymavlink.dialects.v20 import ardupilotmega as mavlink

        self.mavlink = mavlink
        self.station = ("127.0.0.1", station_port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.system_id, self.camera = system_id, camera
        self.encoders = {c: mavlink.MAVLink(None, srcSystem=system_id, srcComponent=c) for c in (1, 100)}
        if key is not None:
            for enc in self.encoders.values():
                enc.signing.secret_key, enc.signing.sign_outgoing = key, True
                enc.signing.timestamp = signing_timestamp()
        self.parser = mavlink.MAVLink(None)
        self.commands: list[tuple[int, int, tuple]] = []   # (component, command, params)
        self.answers: dict[int, Callable[[object], None]] = {}
        self.signed_in: list[tuple[str, bool]] = []   # (message type, signed) of what the station sent
        self._tasks: list[asyncio.Task] = []

    def start(self) -> "ScriptedAutopilot":
        loop = asyncio.get_running_loop()
        loop.add_reader(self.sock.fileno(), self._read)
        self._tasks.append(loop.create_task(self._heartbeats()))
        return self

    def close(self) -> None:
        for t in self._tasks:
            t.cancel()
        asyncio.get_running_loop().remove_reader(self.sock.fileno())
        self.sock.close()

    def send(self, msg, component: int = 1) -> None:
        enc = self.encoders[component]
        self.sock.sendto(msg.pack(enc), self.station)
        enc.seq = (enc.seq + 1) % 256

    async def _heartbeats(self) -> None:
        m = self.mavlink
        while True:
            self.send(m.MAVLink_heartbeat_message(m.MAV_TYPE_QUADROTOR, m.MAV_AUTOPILOT_PX4, 1, 0, 3, 3))
            if self.camera:
                self.send(m.MAVLink_heartbeat_message(m.MAV_TYPE_CAMERA, m.MAV_AUTOPILOT_INVALID, 0, 0, 4, 3), 100)
            await asyncio.sleep(0.1)

    def _read(self) -> None:
        try:
            data = self.sock.recv(65535)
        except BlockingIOError:
            return
        for msg in self.parser.parse_buffer(data) or []:
            self.signed_in.append((msg.get_type(), bool(msg._header.incompat_flags & self.mavlink.MAVLINK_IFLAG_SIGNED)))
            if msg.get_type() in ("COMMAND_LONG", "COMMAND_INT"):
                if msg.get_type() == "COMMAND_LONG":
                    params = (msg.param1, msg.param2, msg.param3, msg.param4, msg.param5, msg.param6, msg.param7)
                else:
                    params = (msg.param1, msg.param2, msg.param3, msg.param4, msg.x, msg.y, msg.z)
                component = msg.target_component or 1
                self.commands.append((component, msg.command, params))
                self.send(self.mavlink.MAVLink_command_ack_message(msg.command, 0, 0, 0, 255, 190),
                          component if component in self.encoders else 1)
                if msg.command in self.answers:
                    self.answers[msg.command](msg)


@pytest.fixture
async def scripted_autopilot():
    made: list[ScriptedAutopilot] = []

    def make(station_port: int, **kwargs) -> ScriptedAutopilot:
        made.append(ScriptedAutopilot(station_port, **kwargs).start())
        return made[-1]

    yield make
    for p in made:
        p.close()
