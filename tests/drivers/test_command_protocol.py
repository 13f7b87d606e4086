"""The command protocol against a scripted vehicle on real UDP: retries, IN_PROGRESS, refusals."""

from __future__ import annotations

import asyncio
import math

import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink import action
from drivers.mavlink.commands import CommandError
from drivers.mavlink.hub import MavlinkHub


class ScriptedVehicle(asyncio.DatagramProtocol):
    """A PX4-looking system that answers commands as the test says: a list of replies per attempt."""

    def __init__(self, replies: list[list[tuple[str, int]]]) -> None:
        self.replies = replies
        self.enc = mavlink.MAVLink(None, srcSystem=1, srcComponent=1)
        self.parser = mavlink.MAVLink(None)
        self.parser.robust_parsing = True
        self.commands: list[object] = []
        self.transport = None
        self.gcs = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def send(self, msg) -> None:
        self.transport.sendto(msg.pack(self.enc), self.gcs)
        self.enc.seq = (self.enc.seq + 1) % 256

    def heartbeat(self) -> None:
        self.send(mavlink.MAVLink_heartbeat_message(
            mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4, 1, 0x03040000, 3, 3))

    def datagram_received(self, data, addr) -> None:
        for msg in self.parser.parse_buffer(data) or []:
            if msg.get_type() not in ("COMMAND_LONG", "COMMAND_INT"):
                continue
            attempt = len(self.commands)
            self.commands.append(msg)
            for kind, value in (self.replies[attempt] if attempt < len(self.replies) else []):
                if kind == "text":
                    self.send(mavlink.MAVLink_statustext_message(4, b"Arming denied: battery too low"))
                else:
                    self.send(mavlink.MAVLink_command_ack_message(msg.command, value, 0, 0, 255, 190))


async def fly(replies, do, **hub_kwargs):
    loop = asyncio.get_running_loop()
    hub = MavlinkHub(lambda _e: None)
    link = await hub.add_link("udpin:127.0.0.1:0")
    vehicle = ScriptedVehicle(replies)
    await loop.create_datagram_endpoint(lambda: vehicle, local_addr=("127.0.0.1", 0))
    vehicle.gcs = ("127.0.0.1", link.local_port)
    vehicle.heartbeat()
    for _ in range(100):
        if 1 in hub.sessions:
            break
        await asyncio.sleep(0.01)
    try:
        return await do(hub.sessions[1]), vehicle
    finally:
        vehicle.transport.close()
        await hub.close()


ACCEPTED, IN_PROGRESS, DENIED = (mavlink.MAV_RESULT_ACCEPTED, mavlink.MAV_RESULT_IN_PROGRESS,
                                 mavlink.MAV_RESULT_DENIED)


async def test_lost_commands_are_resent_with_growing_confirmation():
    result, vehicle = await fly([[], [], [("ack", ACCEPTED)]],
                                lambda s: s.commands.long(mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH, timeout=0.2))
    assert result.result == "ACCEPTED" and result.attempts == 3
    assert [c.confirmation for c in vehicle.commands] == [0, 1, 2]


async def test_no_answer_at_all_is_a_timeout_after_every_retry():
    with pytest.raises(CommandError, match="NAV_LAND: no answer after 4 tries"):
        await fly([], lambda s: s.commands.long(mavlink.MAV_CMD_NAV_LAND, timeout=0.1))


async def test_in_progress_stops_the_resending_and_waits_for_the_result():
    async def takeoff_slowly(session):
        task = asyncio.create_task(session.commands.long(mavlink.MAV_CMD_NAV_TAKEOFF, timeout=0.2))
        await asyncio.sleep(0.8)  # four ACK timeouts: without IN_PROGRESS it would have given up
        assert not task.done()
        session.commands.on_ack(mavlink.MAVLink_command_ack_message(mavlink.MAV_CMD_NAV_TAKEOFF, ACCEPTED))
        return await task

    result, vehicle = await fly([[("ack", IN_PROGRESS)]], takeoff_slowly)
    assert result.result == "ACCEPTED"
    assert len(vehicle.commands) == 1


async def test_a_refusal_carries_the_vehicles_own_reason():
    with pytest.raises(CommandError) as refused:
        await fly([[("text", 0), ("ack", DENIED)]], action.arm)
    assert refused.value.result == "DENIED"
    assert "Arming denied: battery too low" in str(refused.value)


async def test_goto_sends_reposition_with_the_amsl_altitude_px4_expects():
    async def go(session):
        session.state.alt_amsl, session.state.alt_rel = 230.0, 30.0
        return await action.goto(session, 49.4712345, 6.3712345, 40.0)

    result, vehicle = await fly([[("ack", ACCEPTED)]], go)
    sent = vehicle.commands[0]
    assert sent.get_type() == "COMMAND_INT" and sent.command == mavlink.MAV_CMD_DO_REPOSITION
    assert (sent.x, sent.y) == (494712345, 63712345)
    assert sent.z == pytest.approx(240.0) and sent.frame == mavlink.MAV_FRAME_GLOBAL_INT
    assert math.isnan(sent.param4)


async def test_a_reason_split_in_statustext_chunks_reads_as_one_sentence():
    """PX4 1.16 sends its 51-character arming refusal in two chunks, sometimes after the ACK."""

    class ChunkingVehicle(ScriptedVehicle):
        def datagram_received(self, data, addr) -> None:
            for msg in self.parser.parse_buffer(data) or []:
                if msg.get_type() != "COMMAND_LONG":
                    continue
                self.commands.append(msg)
                self.send(mavlink.MAVLink_command_ack_message(msg.command, 1, 0, 0, 255, 190))
                self.send(mavlink.MAVLink_statustext_message(6, b"Takeoff detected"))  # not a reason
                self.send(mavlink.MAVLink_statustext_message(
                    2, b"Arming denied: Resolve system health failures firs", 7, 0))
                self.send(mavlink.MAVLink_statustext_message(2, b"t\t", 7, 1))

    loop = asyncio.get_running_loop()
    hub = MavlinkHub(lambda _e: None)
    link = await hub.add_link("udpin:127.0.0.1:0")
    vehicle = ChunkingVehicle([])
    await loop.create_datagram_endpoint(lambda: vehicle, local_addr=("127.0.0.1", 0))
    vehicle.gcs = ("127.0.0.1", link.local_port)
    vehicle.heartbeat()
    try:
        for _ in range(100):
            if 1 in hub.sessions:
                break
            await asyncio.sleep(0.01)
        with pytest.raises(CommandError) as refused:
            await action.arm(hub.sessions[1])
        assert refused.value.result == "TEMPORARILY_REJECTED"
        assert refused.value.reason == "Arming denied: Resolve system health failures first"
        assert hub.sessions[1].state.last_status_text == "Arming denied: Resolve system health failures first"
    finally:
        vehicle.transport.close()
        await hub.close()
