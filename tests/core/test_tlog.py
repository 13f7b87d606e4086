"""What the engine records is a standard .tlog that pymavlink's own reader understands."""

import socket
import time

from pymavlink import mavutil
from pymavlink.dialects.v20 import ardupilotmega as mavlink

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
