"""Mission upload and download of 700 items to the built-in simulator over UDP loopback, clean
and with 5% of datagrams lost each way (the simulator's `faults.packet_loss`): the station
(engine, default timeouts) against MAVSDK's mission_raw (an independent implementation, its
default timeouts) in the same run, on the same simulator. Prints times and station/MAVSDK
ratios (goal: at most 1, the station at least as fast).

    .venv/bin/python bench/mission_transfer.py [--items 700] [--loss 0.05]

"""

from __future__ import annotations

import argparse
import math
import socket
import tempfile
import time

from mavsdk import Configuration, ConnectionResult, Mavsdk
from mavsdk.plugins.mission_raw import MissionItem as RawItem
from mavsdk.plugins.mission_raw import MissionRaw, MissionRawError

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from missions.items import MissionItem
from sitl.vehicle.fleet import SimulatedFleet

WAYPOINT, RELATIVE = 16, 3  # MAV_CMD_NAV_WAYPOINT, MAV_FRAME_GLOBAL_RELATIVE_ALT


def items(n: int) -> list[MissionItem]:
    return [MissionItem(i, RELATIVE, WAYPOINT, 1 if i == 0 else 0, 1, 0.0, 2.0, 0.0, math.nan,
                        494700000 + 300 * i, 63700000 + 200 * (i % 50), 40.0, 0) for i in range(n)]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def station(n: int, loss: float) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp, \
            Engine(DataDir.open(tmp), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        with SimulatedFleet(1, gcs=("127.0.0.1", port), base_port=0, gps_fix_delay=0.0) as fleet:
            while 1 not in engine.snapshot().vehicles:
                time.sleep(0.02)
            fleet.vehicles[0].faults.packet_loss = loss
            t = time.perf_counter()
            engine.upload_mission(1, items(n)).result()
            up = time.perf_counter() - t
            t = time.perf_counter()
            got = engine.download_mission(1).result()
            down = time.perf_counter() - t
            assert len(got) == n, f"station downloaded {len(got)} of {n}"
    return up, down


def mavsdk(n: int, loss: float) -> tuple[float, float] | None:
    """MAVSDK's times, or None (and why on stdout) when it could not complete the transfer."""
    port = free_port()
    gcs = Mavsdk(Configuration.create_manual(254, 190, True))  # a ground station as QGC is: component 190
    try:
        assert gcs.add_any_connection(f"udpin://127.0.0.1:{port}") == ConnectionResult.SUCCESS
        with SimulatedFleet(1, gcs=("127.0.0.1", port), base_port=0, gps_fix_delay=0.0) as fleet:
            system = gcs.first_autopilot(10.0)
            assert system is not None, "MAVSDK found no autopilot"
            mission = MissionRaw(system)
            fleet.vehicles[0].faults.packet_loss = loss
            raw = [RawItem(i.seq, i.frame, i.command, i.current, i.autocontinue, i.param1, i.param2, i.param3,
                           i.param4, i.x, i.y, i.z, i.mission_type) for i in items(n)]
            try:
                t = time.perf_counter()
                mission.upload_mission(raw)
                up = time.perf_counter() - t
                t = time.perf_counter()
                got = mission.download_mission()
                down = time.perf_counter() - t
            except MissionRawError as e:
                print(f"MAVSDK mission_raw failed ({'clean' if not loss else f'{loss:.0%} loss'}): {e.result.name}")
                return None
            finally:
                mission.destroy()
            assert len(got) == n, f"MAVSDK downloaded {len(got)} of {n}"
    finally:
        gcs.destroy()
    return up, down


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=700)
    parser.add_argument("--loss", type=float, default=0.05)
    args = parser.parse_args()
    print(f"{args.items} mission items, built-in simulator over UDP loopback")
    print(f"{'case':<22}{'station s':>11}{'MAVSDK s':>11}{'ratio':>8}")
    for loss in (0.0, args.loss):
        ours, theirs = station(args.items, loss), mavsdk(args.items, loss)
        for i, what in enumerate(("upload", "download")):
            label = f"{what}, {'clean' if not loss else f'{loss:.0%} loss'}"
            if theirs is None:
                print(f"{label:<22}{ours[i]:11.3f}{'n/a':>11}{'n/a':>8}")
            else:
                print(f"{label:<22}{ours[i]:11.3f}{theirs[i]:11.3f}{ours[i] / theirs[i]:8.2f}")
    print("ratio = station / MAVSDK; at most 1 meets the goal")


if __name__ == "__main__":
    main()
