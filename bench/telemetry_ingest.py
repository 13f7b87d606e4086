"""Telemetry ingest: the station's path (framing per peer + vehicle sessions) vs bare pymavlink.

Builds the bytes N PX4 vehicles send on a GCS radio link at PX4's default ("normal") rates, then
feeds the same datagrams through MavlinkHub.receive and, in the same process, through one bare
pymavlink parse_buffer. Prints messages/s for both and their ratio, and how many vehicles at
real-radio rates one core keeps up with.

    python bench/telemetry_ingest.py [--vehicles 100] [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import time

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.hub import MavlinkHub
from drivers.mavlink.links import LinkSpec, UdpLink

# PX4 mavlink_main.cpp "normal" mode, the rates a GCS sees over a telemetry radio.
PX4_NORMAL_HZ = {
    "heartbeat": 1.0, "attitude": 15.0, "global_position_int": 5.0, "gps_raw_int": 5.0,
    "vfr_hud": 4.0, "rc_channels": 5.0, "sys_status": 1.0, "extended_sys_state": 1.0,
    "battery_status": 0.5, "home_position": 0.5,
}


def message(kind: str, t: float, i: int):
    m = mavlink
    lat, lon = int((49.47 + 0.001 * i) * 1e7), int((6.37 + 1e-5 * t) * 1e7)
    if kind == "heartbeat":
        return m.MAVLink_heartbeat_message(m.MAV_TYPE_QUADROTOR, m.MAV_AUTOPILOT_PX4, 209, 0x04030000, 4, 3)
    if kind == "attitude":
        return m.MAVLink_attitude_message(int(t * 1000), 0.01, -0.02, 1.0 + t * 0.01, 0, 0, 0)
    if kind == "global_position_int":
        return m.MAVLink_global_position_int_message(int(t * 1000), lat, lon, 230000, 30000, 100, 0, 0, 9000)
    if kind == "gps_raw_int":
        return m.MAVLink_gps_raw_int_message(int(t * 1e6), 3, lat, lon, 230000, 80, 120, 500, 9000, 14)
    if kind == "vfr_hud":
        return m.MAVLink_vfr_hud_message(5.0, 5.0, 90, 50, 230.0, 0.0)
    if kind == "rc_channels":
        return m.MAVLink_rc_channels_message(int(t * 1000), 8, *([1500] * 18), 255)
    if kind == "sys_status":
        return m.MAVLink_sys_status_message(0x3FFFFF, 0x3FFFFF, 0x3FFFFF, 300, 15800, 1200, 80, 0, 0, 0, 0, 0, 0)
    if kind == "extended_sys_state":
        return m.MAVLink_extended_sys_state_message(0, 2)
    if kind == "battery_status":
        return m.MAVLink_battery_status_message(0, 0, 1, 2500, [3950] * 10, 1200, -1, -1, 80)
    return m.MAVLink_home_position_message(int(49.47e7), int(6.37e7), 200000, 0, 0, 0, [1, 0, 0, 0], 0, 0, 0)


def record(vehicles: int, seconds: float) -> list[tuple[tuple[str, int], bytes]]:
    """Datagrams (peer, bytes) in time order, one MAVLink frame each, as PX4 sends on UDP."""
    events = []
    for i in range(vehicles):
        enc = mavlink.MAVLink(None, srcSystem=1 + i % 250, srcComponent=1)
        peer = ("127.0.0.1", 18570 + i)
        for kind, hz in PX4_NORMAL_HZ.items():
            for k in range(int(seconds * hz)):
                t = k / hz + i * 1e-4
                events.append((t, kind, i, enc, peer))
    events.sort(key=lambda e: e[0])
    out = []
    for t, kind, i, enc, peer in events:
        buf = message(kind, t, i).pack(enc)
        enc.seq = (enc.seq + 1) % 256
        out.append((peer, buf))
    return out


def bare(datagrams) -> float:
    parser = mavlink.MAVLink(None)
    parser.robust_parsing = True
    start = time.perf_counter()
    n = 0
    for _peer, data in datagrams:
        n += len(parser.parse_buffer(data) or ())
    assert n == len(datagrams)
    return time.perf_counter() - start


def station(datagrams) -> float:
    hub = MavlinkHub(lambda _event: None)
    link = UdpLink(LinkSpec.parse("udpin:127.0.0.1:0"), hub.receive)
    hub.attach(link)
    start = time.perf_counter()
    for peer, data in datagrams:
        hub.receive(link, data, peer)
    elapsed = time.perf_counter() - start
    assert hub.stats.frames == len(datagrams), (hub.stats, len(datagrams))
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vehicles", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    datagrams = record(args.vehicles, args.seconds)
    n = len(datagrams)
    per_vehicle_hz = sum(math.floor(args.seconds * hz) for hz in PX4_NORMAL_HZ.values()) / args.seconds
    best_bare = min(bare(datagrams) for _ in range(args.repeat))
    best_station = min(station(datagrams) for _ in range(args.repeat))
    bare_rate, station_rate = n / best_bare, n / best_station
    print(f"{args.vehicles} vehicles x {args.seconds:g} s at PX4 radio rates: {n} frames "
          f"({per_vehicle_hz:.1f} msg/s per vehicle)")
    print(f"bare pymavlink parse_buffer: {bare_rate:10.0f} msg/s")
    print(f"station ingest path:         {station_rate:10.0f} msg/s")
    print(f"ratio station/bare:          {station_rate / bare_rate:10.2f}  (goal >= 0.5)")
    needed = args.vehicles * per_vehicle_hz
    print(f"one core keeps up with {station_rate / per_vehicle_hz:.0f} vehicles "
          f"({station_rate / needed:.1f}x the load of {args.vehicles})")


if __name__ == "__main__":
    main()
