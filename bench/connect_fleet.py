"""Time from the first heartbeat to "all 20 vehicles ready with parameters".

The built-in simulator's fleet (each vehicle with PX4's parameter set) talks to a headless
engine over UDP loopback; the station downloads every vehicle's parameters as it appears, all at
once. Printed: first heartbeat to all ready, the slowest vehicle, and the ratio to the issue's
goal of 30 s (below 1 is better). The baseline in the same run: one vehicle alone, so the ratio
fleet/alone shows what sharing the link and the loop costs.

    .venv/bin/python bench/connect_fleet.py [--count 20]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import tempfile
import time

from drivers.mavlink import events
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from sitl.vehicle.fleet import SimulatedFleet

GOAL_S = 30.0


def connect(count: int, timeout_s: float = 120.0) -> tuple[float, int]:
    """Seconds from the first heartbeat to every vehicle's parameters downloaded; parameters each."""
    with tempfile.TemporaryDirectory() as tmp, \
            Engine(DataDir.open(tmp), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        appeared = engine.subscribe()
        downloads: dict[int, concurrent.futures.Future] = {}
        first = None
        with SimulatedFleet(count, gcs=("127.0.0.1", port), base_port=0, gps_fix_delay=0.0):
            deadline = time.monotonic() + timeout_s
            while len(downloads) < count or not all(f.done() for f in downloads.values()):
                if time.monotonic() > deadline:
                    raise SystemExit(f"not all {count} vehicles ready within {timeout_s:g} s")
                try:
                    event = appeared.get(timeout=0.05)
                except Exception:
                    continue
                if isinstance(event, events.VehicleAppeared):
                    first = first or time.monotonic()
                    downloads[event.system_id] = engine.download_params(event.system_id)
            elapsed = time.monotonic() - first
            sizes = {len(f.result()) for f in downloads.values()}
    return elapsed, min(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    alone, params = connect(1)
    fleet, _ = connect(args.count)
    print(f"1 vehicle, {params} parameters:      ready {alone:6.2f} s after its first heartbeat")
    print(f"{args.count} vehicles, all parameters: ready {fleet:6.2f} s after the first heartbeat")
    print(f"ratio fleet / one vehicle: {fleet / alone:5.2f}")
    print(f"ratio fleet / goal ({GOAL_S:g} s): {fleet / GOAL_S:5.2f}  (below 1 meets the goal)")


if __name__ == "__main__":
    main()
