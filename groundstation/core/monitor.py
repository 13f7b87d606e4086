"""The headless station's voice: one line per event, and each vehicle's position every few seconds."""

from __future__ import annotations

import math
import queue
import time
from datetime import datetime
from typing import Callable, TextIO

from drivers.mavlink import events
from groundstation.core.engine import Engine, FleetSnapshot

POSITION_EVERY_S = 5.0


def describe(event: events.Event) -> str:
    sid = f"vehicle {event.system_id}"
    match event:
        case events.VehicleAppeared():
            return f"{sid}: appeared on {event.link} ({event.autopilot} {event.vehicle_type})"
        case events.ModeChanged():
            return f"{sid}: mode {event.mode} (was {event.previous})"
        case events.ArmedChanged():
            return f"{sid}: {'ARMED' if event.armed else 'disarmed'}"
        case events.LinkLost():
            return f"{sid}: LINK LOST (no heartbeat for {event.silent_s:.1f} s)"
        case events.LinkRecovered():
            return f"{sid}: link recovered after {event.lost_s:.1f} s"
        case events.StatusText():
            return f"{sid}: says \"{event.text}\""
        case events.MissionItemReached():
            return f"{sid}: reached mission item {event.seq}"
        case events.SigningRefused():
            return f"{sid}: {event.reason} traffic REFUSED (signing required; {event.refused} frames so far)"
        case events.LandedStateChanged():
            return f"{sid}: {event.landed_state.lower().replace('_', ' ')}"
    return f"{sid}: {event}"


def describe_position(snapshot: FleetSnapshot, system_id: int) -> str:
    st = snapshot.vehicles[system_id].state
    if not st.has_position:
        return f"vehicle {system_id}: no position yet (GPS {st.gps_fix}, {st.satellites} sats)"
    battery = f"{st.battery_remaining}%" if st.battery_remaining >= 0 else "?"
    return (f"vehicle {system_id}: {st.lat:.6f} {st.lon:.6f} alt {st.alt_rel:.1f} m rel "
            f"({st.alt_amsl:.1f} m AMSL) hdg {st.heading_deg:.0f} spd {st.ground_speed:.1f} m/s "
            f"{st.mode} {'armed' if st.armed else 'disarmed'} batt {battery} "
            f"link {st.link_quality * 100:.0f}%")


def stamp() -> str:
    return datetime.now().strftime("%H:%M:%S")


class Monitor:
    """Prints what the engine reports until told to stop or the duration runs out."""

    def __init__(self, engine: Engine, out: TextIO, position_every_s: float = POSITION_EVERY_S) -> None:
        self.engine = engine
        self.out = out
        self.position_every_s = position_every_s
        self._queue = engine.subscribe()
        self._next_position = time.monotonic() + position_every_s

    def say(self, line: str) -> None:
        print(f"{stamp()} {line}", file=self.out, flush=True)

    def pump(self, seconds: float) -> None:
        """Print events and periodic positions for `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self._queue.get(timeout=min(left, 0.2))
                self.say(describe(event))
            except queue.Empty:
                pass
            if time.monotonic() >= self._next_position:
                self._next_position += self.position_every_s
                snapshot = self.engine.snapshot()
                for sid in sorted(snapshot.vehicles):
                    self.say(describe_position(snapshot, sid))

    def run(self, duration_s: float | None, stop: Callable[[], bool] = lambda: False) -> None:
        end = math.inf if duration_s is None else time.monotonic() + duration_s
        while not stop() and time.monotonic() < end:
            self.pump(min(1.0, end - time.monotonic()))

    def close(self) -> None:
        self.engine.unsubscribe(self._queue)
