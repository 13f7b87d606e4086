"""A .tlog written by a session is read back by pymavlink and replays into a station as a link,
at a chosen speed, with seek and pause."""

from __future__ import annotations

import socket
import time

import pytest
from pymavlink import mavutil
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink import events
from drivers.mavlink.links import LinkError
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from waiting import wait_until


def record_a_flight(tmp_path) -> tuple:
    """A vehicle climbing north for 2 s, 10 positions a second, recorded by a real session."""
    with Engine(DataDir.open(tmp_path / "recorder"), links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        enc = mavlink.MAVLink(None, srcSystem=4, srcComponent=1)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for i in range(20):
            for msg in (mavlink.MAVLink_heartbeat_message(2, 12, 1, 0x03040000, 4, 3),
                        mavlink.MAVLink_global_position_int_message(i * 100, 494700000 + 1000 * i, 63700000,
                                                                    230000 + 1000 * i, 30000 + 1000 * i,
                                                                    0, 0, 0, 0)):
                sock.sendto(msg.pack(enc), ("127.0.0.1", port))
                enc.seq = (enc.seq + 1) % 256
            time.sleep(0.1)
        wait_until(lambda: engine.snapshot().vehicles.get(4), 2, "the recorder to see the vehicle")
        path = engine.tlog.path
    sock.close()
    return path


def test_a_recorded_session_replays_into_another_station_with_seek(tmp_path):
    path = record_a_flight(tmp_path)
    log = mavutil.mavlink_connection(str(path))
    positions = []
    while (msg := log.recv_match(type="GLOBAL_POSITION_INT")) is not None:
        positions.append(msg.lat)
    assert len(positions) == 20, "pymavlink reads back every recorded position"

    with Engine(DataDir.open(tmp_path / "viewer"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        name = engine.open_link(f"tlog:{path}:4").result(timeout=5)
        start = time.monotonic()
        first = wait_until(lambda: (v := engine.snapshot().vehicles.get(4)) and v.state.has_position and v.state,
                           3, "the replayed vehicle")
        assert first.autopilot == "PX4"
        wait_until(lambda: engine.snapshot().vehicles[4].state.lat > 49.47185, 3, "the end of the climb")
        assert 0.25 < time.monotonic() - start < 1.5, "2 s of flight at 4x takes about half a second"
        position, duration = engine.control_replay(name, seek_s=0.0, paused=True).result(timeout=2)
        assert position == 0.0 and duration == pytest.approx(1.9, abs=0.3)
        time.sleep(0.3)
        assert engine.snapshot().vehicles[4].state.lat > 49.47185, "paused: nothing moves"
        engine.control_replay(name, paused=False, speed=1.0).result(timeout=2)
        wait_until(lambda: engine.snapshot().vehicles[4].state.lat < 49.4702, 2, "the replay from the start")
        assert name in [l.name for l in engine.snapshot().links]
        # a front end that subscribes after the vehicle appeared still hears of it, first and once
        late = engine.subscribe()
        first = late.get(timeout=1)
        assert isinstance(first, events.VehicleAppeared) and first.system_id == 4 and first.link == name
        time.sleep(0.3)
        rest = [late.get_nowait() for _ in range(late.qsize())]
        assert not any(isinstance(e, events.VehicleAppeared) for e in rest)


def test_a_missing_or_empty_tlog_is_a_clear_error(tmp_path):
    (tmp_path / "empty.tlog").write_bytes(b"\x00" * 40)
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        with pytest.raises(LinkError, match="no such file"):
            engine.open_link(f"tlog:{tmp_path / 'nope.tlog'}").result(timeout=5)
        with pytest.raises(LinkError, match="holds no MAVLink frames"):
            engine.open_link(f"tlog:{tmp_path / 'empty.tlog'}").result(timeout=5)
        with pytest.raises(LinkError, match="speed must be positive"):
            engine.open_link(f"tlog:{tmp_path / 'empty.tlog'}:0").result(timeout=5)
