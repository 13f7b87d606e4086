"""What the live page is sent: plain JSON records of vehicles, their geofences and findings, and deltas
between them.

The page gets one full picture when it connects, then only what changed (vehicles moved, a fence or
rally points changed, findings added or revised, things gone) at LIVE_PERIOD_S. A vehicle's fence and
rally points are a record of their own, so a vehicle that moves does not send its fence again. Records
are language-neutral; the page words them. NaN (a value the vehicle has not sent) becomes null, which
JSON can carry, and so does a fence or rally points never read from the vehicle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drivers.mavlink.mission import Failure, MissionTransferError
from groundstation.core.findings import Finding

if TYPE_CHECKING:
    from groundstation.core.engine import FleetSnapshot, VehicleView
    from groundstation.core.geofence import FenceAndRally
    from missions.geodesy import LatLon

LIVE_PERIOD_S = 0.5       # 2 Hz: smooth enough for drones at map scale, light on a tablet
TRAIL_POINTS = 120        # the last two minutes of breadcrumbs


def _num(value: float, digits: int) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, digits)


def vehicle_record(view: VehicleView) -> dict[str, Any]:
    st = view.state
    return {
        "id": st.system_id, "type": st.vehicle_type, "autopilot": st.autopilot,
        "lat": _num(st.lat, 7), "lon": _num(st.lon, 7),
        "alt_rel": _num(st.alt_rel, 1), "alt_amsl": _num(st.alt_amsl, 1),
        "heading": _num(st.heading_deg, 0), "speed": _num(st.ground_speed, 1),
        "mode": st.mode, "armed": st.armed, "landed": st.landed_state,
        "battery": st.battery_remaining if st.battery_remaining >= 0 else None,
        "gps_fix": st.gps_fix, "link_ok": st.link_ok, "link_quality": _num(st.link_quality, 2),
        "trail": [[round(lat, 6), round(lon, 6)] for lat, lon in view.trail[-TRAIL_POINTS:]],
    }


def _point(p: LatLon) -> list[float]:
    return [round(p.lat, 7), round(p.lon, 7)]


def read_failure(known: FenceAndRally) -> str | None:
    """Why the last reading of the fence or rally points failed, as a key the page words in its language:
    the vehicle did not answer, it refused, or something else went wrong; None when it did not fail."""
    error = known.fence_error if known.fence_error is not None else known.rally_error
    if error is None:
        return None
    if isinstance(error, MissionTransferError) and error.failure is Failure.NO_ANSWER:
        return "no_answer"
    if isinstance(error, MissionTransferError) and error.failure in (Failure.REFUSED, Failure.ABORTED):
        return "refused"
    return "failed"


def geofence_record(system_id: int, known: FenceAndRally) -> dict[str, Any]:
    """Where the vehicle may fly and where it returns to; null for what was never read from it, and
    `read_failure` when the last reading failed (what is shown may be out of date)."""
    fence = known.fence
    return {
        "id": system_id,
        "fence": None if fence is None else {
            "polygons": [{"inclusion": p.inclusion, "points": [_point(q) for q in p.points]} for p in fence.polygons],
            "circles": [{"inclusion": c.inclusion, "center": _point(c.center), "radius_m": round(c.radius_m, 1)}
                        for c in fence.circles]},
        "rally": None if known.rally is None else [_point(p) for p in known.rally],
        "read_failure": read_failure(known),
    }


def snapshot_path(f: Finding) -> str | None:
    return f"/findings/{f.id}/snapshot.jpg" if f.snapshot_sha256 else None


def finding_record(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "kind": f.kind.value, "status": f.status.value,
        "lat": round(f.lat, 7), "lon": round(f.lon, 7), "h_acc_m": f.h_acc_m,
        "alt_m": f.alt_m, "temp_c": f.temp_c, "confidence": f.confidence,
        "observed_at": f.observed_at.isoformat(), "source": f.source, "vehicle": f.vehicle,
        "origin_station": f.origin_station,
        "revision": f.revision, "changed_at": f.changed_at.isoformat(), "changed_by": f.changed_by,
        "annotations": [{"author": a.author, "at": a.at.isoformat(), "text": a.text} for a in f.annotations],
        "snapshot": snapshot_path(f),
    }


@dataclass(frozen=True)
class LivePicture:
    """Everything the page shows, keyed by id, built once per engine snapshot for all browsers."""

    time: float
    vehicles: dict[str, dict[str, Any]]
    geofences: dict[str, dict[str, Any]]
    findings: dict[str, dict[str, Any]]
    links_up: int
    links: int

    @classmethod
    def of(cls, snap: FleetSnapshot, previous: "LivePicture | None" = None) -> "LivePicture":
        """`previous`: reuse its records of findings not revised since (most of them, most of the time)."""
        known = previous.findings if previous is not None else {}
        findings = {}
        for f in snap.findings:
            old = known.get(f.id)
            findings[f.id] = old if old is not None and old["revision"] == f.revision else finding_record(f)
        return cls(snap.time, {str(sid): vehicle_record(v) for sid, v in snap.vehicles.items()},
                   {str(sid): geofence_record(sid, v.geofence) for sid, v in snap.vehicles.items()}, findings,
                   sum(1 for link in snap.links if link.connected), len(snap.links))

    def full(self) -> dict[str, Any]:
        return {"time": self.time, "links_up": self.links_up, "links": self.links,
                "vehicles": self.vehicles, "geofences": self.geofences, "findings": self.findings}


def _changed(old: dict[str, dict], new: dict[str, dict]) -> tuple[dict[str, dict], list[str]]:
    upserts = {key: rec for key, rec in new.items() if old.get(key) != rec}
    gone = [key for key in old if key not in new]
    return upserts, gone


@dataclass
class LiveFollower:
    """One browser's view of the picture: what it was sent last, so it is only sent changes."""

    sent: LivePicture | None = field(default=None)

    def next_message(self, picture: LivePicture) -> tuple[str, dict[str, Any]] | None:
        """("snapshot", all) the first time, then ("delta", changes), or None when nothing changed."""
        previous, self.sent = self.sent, picture
        if previous is None:
            return "snapshot", picture.full()
        vehicles, gone_vehicles = _changed(previous.vehicles, picture.vehicles)
        geofences, gone_geofences = _changed(previous.geofences, picture.geofences)
        findings, gone_findings = _changed(previous.findings, picture.findings)
        links_changed = (previous.links_up, previous.links) != (picture.links_up, picture.links)
        if not (vehicles or gone_vehicles or geofences or gone_geofences or findings or gone_findings
                or links_changed):
            return None
        return "delta", {"time": picture.time, "links_up": picture.links_up, "links": picture.links,
                         "vehicles": vehicles, "gone_vehicles": gone_vehicles,
                         "geofences": geofences, "gone_geofences": gone_geofences,
                         "findings": findings, "gone_findings": gone_findings}
