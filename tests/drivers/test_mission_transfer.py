"""Mission transfer against an independent implementation (MAVSDK's mission_raw_server) and
against a vehicle that misbehaves."""

from __future__ import annotations

import asyncio
import math

import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.hub import MavlinkHub
from drivers.mavlink.mission import FENCE, MISSION, Failure, MissionTransfer, MissionTransferError
from missions.items import MissionItem

mavsdk = pytest.importorskip("mavsdk")
from mavsdk import ComponentType, Configuration, ConnectionResult, Mavsdk  # noqa: E402
from mavsdk.plugins.mission_raw_server import MissionRawServer  # noqa: E402
from mavsdk.plugins.telemetry_server import TelemetryServer  # noqa: E402


def waypoints(n: int) -> list[MissionItem]:
    return [MissionItem(i, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1,
                        0.0, 2.0, 0.0, math.nan, 494700000 + 1000 * i, 63700000 + 777 * i, 40.0 + i)
            for i in range(n)]


async def connect(hub: MavlinkHub, system_id: int = 1):
    for _ in range(300):
        if system_id in hub.sessions and hub.sessions[system_id].state.last_heartbeat:
            return hub.sessions[system_id]
        await asyncio.sleep(0.02)
    raise AssertionError("vehicle never appeared")


async def test_upload_to_mavsdk_mission_server_delivers_every_item():
    hub = MavlinkHub(lambda _e: None)
    link = await hub.add_link("udpin:127.0.0.1:0")
    await hub.start()
    vehicle = Mavsdk(Configuration.create_with_component_type(ComponentType.AUTOPILOT))
    received = []
    try:
        assert vehicle.add_any_connection(f"udpout://127.0.0.1:{link.local_port}") == ConnectionResult.SUCCESS
        server = vehicle.server_component()
        TelemetryServer(server)
        missions = MissionRawServer(server)
        missions.subscribe_incoming_mission(lambda result, plan, _ud: received.append(plan))
        session = await connect(hub)
        progress = []
        items = waypoints(12)
        await session.plugin(MissionTransfer).upload(items, MISSION, lambda done, total: progress.append((done, total)))
        for _ in range(100):
            if received:
                break
            await asyncio.sleep(0.02)
        got = received[0].mission_items
        assert len(got) == 12
        assert [(i.x, i.y, i.z) for i in got] == [(i.x, i.y, i.z) for i in items]
        assert progress[-1] == (12, 12)
    finally:
        vehicle.destroy()
        await hub.close()


class SilentVehicle(asyncio.DatagramProtocol):
    """Sends heartbeats; answers mission requests only as told."""

    def __init__(self, answer_count: bool = False, refuse: int | None = None) -> None:
        self.enc = mavlink.MAVLink(None, srcSystem=1, srcComponent=1)
        self.parser = mavlink.MAVLink(None)
        self.answer_count, self.refuse = answer_count, refuse
        self.received: list[str] = []

    def connection_made(self, transport) -> None:
        self.transport = transport

    def send(self, msg, addr) -> None:
        self.transport.sendto(msg.pack(self.enc), addr)
        self.enc.seq = (self.enc.seq + 1) % 256

    def datagram_received(self, data, addr) -> None:
        for msg in self.parser.parse_buffer(data) or []:
            self.received.append(msg.get_type())
            if msg.get_type() == "MISSION_COUNT" and self.refuse is not None:
                self.send(mavlink.MAVLink_mission_ack_message(255, 190, self.refuse, msg.mission_type), addr)


async def misbehaving(vehicle: SilentVehicle):
    loop = asyncio.get_running_loop()
    hub = MavlinkHub(lambda _e: None)
    link = await hub.add_link("udpin:127.0.0.1:0")
    await loop.create_datagram_endpoint(lambda: vehicle, local_addr=("127.0.0.1", 0))
    vehicle.send(mavlink.MAVLink_heartbeat_message(2, 12, 1, 0, 3, 3), ("127.0.0.1", link.local_port))
    session = await connect(hub)
    return hub, session


async def test_a_refused_fence_names_the_vehicles_reason():
    vehicle = SilentVehicle(refuse=mavlink.MAV_MISSION_NO_SPACE)
    hub, session = await misbehaving(vehicle)
    try:
        with pytest.raises(MissionTransferError, match="geofence upload refused by the vehicle: no space") as refused:
            await session.plugin(MissionTransfer).upload(waypoints(3), FENCE)
        # The same facts as fields, for a window to word them in the pilot's language.
        error = refused.value
        assert (error.kind, error.direction, error.failure, error.result) == (
            "fence", "upload", Failure.REFUSED, "MAV_MISSION_NO_SPACE")
    finally:
        vehicle.transport.close()
        await hub.close()


async def test_a_silent_vehicle_ends_in_a_cancelled_transfer(monkeypatch):
    monkeypatch.setattr("drivers.mavlink.mission.ITEM_TIMEOUT_S", 0.05)
    vehicle = SilentVehicle()
    hub, session = await misbehaving(vehicle)
    try:
        with pytest.raises(MissionTransferError, match="no answer from the vehicle.*cancelled") as silent:
            await session.plugin(MissionTransfer).download(MISSION)
        error = silent.value
        assert (error.kind, error.direction, error.failure, error.item, error.tries) == (
            "mission", "download", Failure.NO_ANSWER, None, 6)  # while asking for the count
        await asyncio.sleep(0.05)
        assert vehicle.received.count("MISSION_REQUEST_LIST") == 6
        assert vehicle.received[-1] == "MISSION_ACK"  # the cancel
    finally:
        vehicle.transport.close()
        await hub.close()
