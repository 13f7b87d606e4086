"""Findings and partners for the engine: the store, the delivery worker and live drone tracks.

Runs on the engine's loop. Every change to a finding goes through here, so the store has one
writer; front ends read findings and partner status from the engine snapshot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from datetime import datetime, timezone
from pathlib import Path

from drivers.mavlink.state import VehicleState
from groundstation.core.findings import Finding, FindingStore, open_store
from groundstation.core.partners import load_partners
from groundstation.share.cot import VehicleTrack
from groundstation.share.delivery import DeliveryWorker, PartnerStatus

log = logging.getLogger(__name__)

PARTNERS_FILE = "partners.toml"
TRACK_PERIOD_S = 2.0


class Sharing:
    def __init__(self, data_root: Path, station_id: str) -> None:
        self.station_id = station_id
        partners_file = data_root / PARTNERS_FILE
        # A bad partners.toml stops the start with its own message (file, line, key).
        self.partners = load_partners(partners_file) if partners_file.exists() else []
        self.store: FindingStore = open_store(data_root, station_id, self.partners)
        self.worker = DeliveryWorker(self.store, self.partners)
        self._task: asyncio.Task | None = None
        self._findings: tuple[Finding, ...] = ()
        self._dirty = True
        self.store.add_listener(self._changed)

    def _changed(self) -> None:
        self._dirty = True

    async def start(self) -> None:
        if self.partners:
            self._task = asyncio.create_task(self.worker.run(), name="delivery")

    async def stop(self) -> None:
        self.worker.stop()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, 5.0)
        self.store.remove_listener(self._changed)
        self.store.close()

    def findings(self) -> tuple[Finding, ...]:
        """All findings, newest first; re-read from the store only after a change."""
        if self._dirty:
            self._dirty = False
            self._findings = tuple(sorted(self.store.all(), key=lambda f: f.observed_at, reverse=True))
        return self._findings

    def partner_status(self) -> tuple[PartnerStatus, ...]:
        return tuple(self.worker.status()) if self.partners else ()

    async def publish_tracks(self, vehicles: list[VehicleState]) -> None:
        now = datetime.now(timezone.utc)
        for st in vehicles:
            if not st.has_position or not st.link_ok:
                continue
            track = VehicleTrack(
                uid=f"{self.station_id}.vehicle.{st.system_id}", callsign=f"{self.station_id}-{st.system_id}",
                lat=st.lat, lon=st.lon, hae_m=None if math.isnan(st.alt_amsl) else st.alt_amsl,
                course_deg=None if math.isnan(st.heading_deg) else st.heading_deg,
                speed_mps=None if math.isnan(st.ground_speed) else st.ground_speed, time=now,
                fixed_wing=st.vehicle_type == "FIXED_WING")
            await self.worker.send_track(track)
