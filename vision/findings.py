"""De-duplication of geolocated findings: the same person or fire seen again, by the same or
another vehicle, within the combined uncertainty updates one finding instead of adding one."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pymap3d

from vision.georeference import GroundFix

GATE_SIGMAS = 1.0  # radii are 95 % already; their sum is a generous gate


@dataclass
class Finding:
    finding_id: int
    label: str
    lat_deg: float
    lon_deg: float
    radius_m: float
    first_seen_s: float
    last_seen_s: float
    vehicles: set[int] = field(default_factory=set)
    sightings: int = 1
    confidence: float = 0.0
    max_temp_c: float | None = None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    e, n, _ = pymap3d.geodetic2enu(lat2, lon2, 0.0, lat1, lon1, 0.0)
    return math.hypot(e, n)


class FindingRegistry:
    def __init__(self, min_gate_m: float = 3.0) -> None:
        self.findings: list[Finding] = []
        self.min_gate_m = min_gate_m
        self._next_id = 1

    def report(self, label: str, fix: GroundFix, time_s: float, vehicle_id: int,
               confidence: float, max_temp_c: float | None = None) -> tuple[Finding, bool]:
        """Merge a sighting into the nearest compatible finding, or open a new one.

        Returns the finding and whether it is new.
        """
        if not math.isfinite(fix.radius_m) or fix.radius_m < 0:
            raise ValueError(f"sighting has no usable uncertainty radius ({fix.radius_m})")
        best, best_d = None, math.inf
        for f in self.findings:
            if f.label != label:
                continue
            d = distance_m(f.lat_deg, f.lon_deg, fix.lat_deg, fix.lon_deg)
            if d <= max(self.min_gate_m, GATE_SIGMAS * (f.radius_m + fix.radius_m)) and d < best_d:
                best, best_d = f, d
        if best is None:
            f = Finding(self._next_id, label, fix.lat_deg, fix.lon_deg, fix.radius_m, time_s, time_s,
                        {vehicle_id}, 1, confidence, max_temp_c)
            self._next_id += 1
            self.findings.append(f)
            return f, True
        # inverse-variance weighting: the surer sighting pulls harder
        wa, wb = 1.0 / max(best.radius_m, 0.1) ** 2, 1.0 / max(fix.radius_m, 0.1) ** 2
        best.lat_deg = (best.lat_deg * wa + fix.lat_deg * wb) / (wa + wb)
        best.lon_deg = (best.lon_deg * wa + fix.lon_deg * wb) / (wa + wb)
        best.radius_m = (wa + wb) ** -0.5
        best.first_seen_s = min(best.first_seen_s, time_s)
        best.last_seen_s = max(best.last_seen_s, time_s)
        best.vehicles.add(vehicle_id)
        best.sightings += 1
        best.confidence = max(best.confidence, confidence)
        if max_temp_c is not None:
            best.max_temp_c = max(best.max_temp_c or max_temp_c, max_temp_c)
        return best, False
