"""What the engine records is a standard .tlog that pymavlink's own reader understands, and only live links."""

import socket
import time

from pymavlink import mavutil
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.tlog import TlogWriter
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine


def test_engine_records_both_directions_to_a_tlog_pymavlink_reads(tmp_path):
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        enc = mavlink.MAVLink(None, srcSystem=3, srcComponent=1)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for i in range(5):
            sock.sendto(mavlink.MAVLink_heartbeat_message(
                mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4, 1, 0x03040000, 3, 3).pack(enc),
                ("127.0.0.1", port))
            enc.seq += 1
            time.sleep(0.3)  # long enough for the station's 1 Hz heartbeat to go out to us
        path = engine.tlog.path
    sock.close()
    log = mavutil.mavlink_connection(str(path))
    seen = []
    while (msg := log.recv_match()) is not None:
        seen.append((msg.get_srcSystem(), msg.get_type()))
    assert seen.count((3, "HEARTBEAT")) == 5
    assert (255, "HEARTBEAT") in seen, "what the station sends is recorded too"


def test_a_replay_beside_a_live_link_is_not_recorded_again(tmp_path):
    earlier = TlogWriter(tmp_path / "earlier.tlog")
    old = mavlink.MAVLink(None, srcSystem=7, srcComponent=1)
    for i in range(20):
        earlier.write(mavlink.MAVLink_heartbeat_message(
            mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4, 1, 0x03040000, 3, 3).pack(old), 1e9 + 0.1 * i)
    earlier.close()
    with Engine(DataDir.open(tmp_path / "station"),
                links=["udpin:127.0.0.1:0", f"tlog:{tmp_path / 'earlier.tlog'}:4"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        enc = mavlink.MAVLink(None, srcSystem=3, srcComponent=1)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for _ in range(8):
                sock.sendto(mavlink.MAVLink_heartbeat_message(
                    mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4, 1, 0x03040000, 3, 3).pack(enc),
                    ("127.0.0.1", port))
                time.sleep(0.2)
        assert {3, 7} <= set(engine.snapshot().vehicles)  # both were heard
        path = engine.tlog.path
    log = mavutil.mavlink_connection(str(path))
    systems = set()
    while (msg := log.recv_match()) is not None:
        systems.add(msg.get_srcSystem())
    assert systems == {3, 255}  # the live vehicle and the station; the replayed vehicle 7 is on disk already
