"""Garbage, truncated frames and unknown messages on a link are counted and never crash it."""

import random
import socket
import struct
import time

from hypothesis import given, settings, strategies as st
from pymavlink.dialects.v20 import ardupilotmega as mavlink
from pymavlink.generator.mavcrc import x25crc

from drivers.mavlink.hub import MavlinkHub
from drivers.mavlink.links import LinkSpec, UdpLink
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine


def heartbeat(enc) -> bytes:
    buf = mavlink.MAVLink_heartbeat_message(
        mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4, 81, 0x03040000, 3, 3).pack(enc)
    enc.seq = (enc.seq + 1) % 256
    return buf


def unknown_frame(msg_id: int = 60_000) -> bytes:
    payload = b"\x01\x02\x03"
    header = struct.pack("<BBBBBBBHB", 0xFD, len(payload), 0, 0, 0, 9, 1, msg_id & 0xFFFF, msg_id >> 16)
    crc = x25crc(header[1:] + payload)
    crc.accumulate(bytes([0]))
    return header + payload + struct.pack("<H", crc.crc)


def test_bad_input_on_a_live_link_is_counted_and_the_vehicle_still_appears(tmp_path):
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        enc = mavlink.MAVLink(None, srcSystem=9, srcComponent=1)
        good = heartbeat(enc)
        corrupt = bytearray(heartbeat(enc))
        corrupt[-1] ^= 0xFF
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rng = random.Random(7)
        for datagram in [b"\x00" * 40, bytes(rng.randrange(256) for _ in range(300)), bytes(corrupt),
                         good[:7], unknown_frame(), b"\xfd\xff" + b"\x00" * 3, good]:
            sock.sendto(datagram, ("127.0.0.1", port))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and 9 not in engine.snapshot().vehicles:
            time.sleep(0.05)
        sock.close()
        snapshot = engine.snapshot()
        assert 9 in snapshot.vehicles, "a good heartbeat after garbage must still be understood"
        assert snapshot.vehicles[9].state.mode == "Hold"
        assert snapshot.ingest.bad_frames >= 2
        assert snapshot.ingest.unknown_frames == 1


def make_hub():
    hub = MavlinkHub(lambda _e: None)
    link = UdpLink(LinkSpec.parse("udpin:127.0.0.1:0"), hub.receive)
    hub.attach(link)
    return hub, link


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=8))
def test_fuzzed_bytes_never_escape_as_exceptions(chunks):
    hub, link = make_hub()
    for chunk in chunks:
        hub.receive(link, chunk, ("127.0.0.1", 1))
    hub.receive(link, heartbeat(mavlink.MAVLink(None, srcSystem=3, srcComponent=1)), ("127.0.0.1", 1))
    # Whatever came before, a clean frame on a fresh peer is understood.
    hub.receive(link, heartbeat(mavlink.MAVLink(None, srcSystem=4, srcComponent=1)), ("127.0.0.1", 2))
    assert 4 in hub.sessions


def test_a_truncated_datagram_never_eats_the_next_vehicles_frame():
    hub, link = make_hub()
    a, b = (mavlink.MAVLink(None, srcSystem=s, srcComponent=1) for s in (1, 2))
    hub.receive(link, heartbeat(a)[:9], ("10.0.0.1", 1))  # cut short on the way
    hub.receive(link, heartbeat(b), ("10.0.0.2", 1))
    assert set(hub.sessions) == {2}
    assert hub.stats.bad_frames == 1


def test_a_stream_link_reassembles_frames_split_across_reads():
    from drivers.mavlink.links import TcpLink

    hub = MavlinkHub(lambda _e: None)
    link = TcpLink(LinkSpec.parse("tcp:127.0.0.1:5760"), hub.receive)
    hub.attach(link)
    enc = mavlink.MAVLink(None, srcSystem=7, srcComponent=1)
    stream = heartbeat(enc) + heartbeat(enc) + heartbeat(enc)
    for i in range(0, len(stream), 5):
        hub.receive(link, stream[i:i + 5], ("127.0.0.1", 5760))
    assert hub.sessions[7].state.messages_received == 3
    assert hub.stats.bad_frames == 0


def test_link_quality_follows_sequence_gaps():
    hub, link = make_hub()
    enc = mavlink.MAVLink(None, srcSystem=5, srcComponent=1)
    for i in range(100):
        frame = heartbeat(enc)
        if i % 4 != 3:  # every fourth frame lost on the way
            hub.receive(link, frame, ("127.0.0.1", 1))
    hub.receive(link, heartbeat(enc), ("127.0.0.1", 1))
    assert abs(hub.sessions[5].state.link_quality - 0.75) < 0.03
