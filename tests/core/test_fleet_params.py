"""Twenty simulated vehicles on one link, all usable with their parameters within 30 s of the
first heartbeat (QGroundControl users report minutes for five)."""

from __future__ import annotations

import time

import pytest

from drivers.mavlink import events
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine

fleet_module = pytest.importorskip("sitl.vehicle.fleet")


def test_twenty_vehicles_ready_with_parameters_within_30_s(tmp_path):
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        appeared = engine.subscribe()
        downloads, first = {}, None
        with fleet_module.SimulatedFleet(20, gcs=("127.0.0.1", port), base_port=0, gps_fix_delay=0.0):
            deadline = time.monotonic() + 60
            while len(downloads) < 20 and time.monotonic() < deadline:
                try:
                    event = appeared.get(timeout=0.1)
                except Exception:
                    continue
                if isinstance(event, events.VehicleAppeared):
                    first = first or time.monotonic()
                    downloads[event.system_id] = engine.download_params(event.system_id)
            params = {sid: f.result(timeout=max(1.0, first + 30 - time.monotonic())) for sid, f in downloads.items()}
            ready_s = time.monotonic() - first
            assert sorted(params) == list(range(1, 21))
            counts = {len(p) for p in params.values()}
            assert len(counts) == 1 and counts.pop() > 100, "every vehicle gave its whole, same-sized set"
            assert ready_s < 30.0
            # usable: a parameter set on the last vehicle is what the simulator then holds
            name = next(n for n, p in params[20].items() if p.is_integer and n.startswith("COM_"))
            old = params[20][name].value
            kept = engine.set_param(20, name, old + 1 if old < 2 else old - 1).result(timeout=10)
            assert kept.value != old
            assert engine.read_param(20, name).result(timeout=10).value == kept.value
