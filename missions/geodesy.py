"""Geodesy on the WGS84 ellipsoid.

Distances and bearings go through pyproj's geodesic solver (Karney), so legs built with
:func:`destination` have exactly the asked length and azimuth on the ellipsoid. Polygon work
(clipping, sweeping) needs a planar frame: :class:`LocalFrame` is an East-North-Up tangent plane
(pymap3d) around the area, where metres are metres to well under a millimetre per kilometre
over a search area a few kilometres across.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pymap3d
from pyproj import Geod

from missions.errors import MissionError

WGS84 = Geod(ellps="WGS84")
_ELLIPSOID = pymap3d.Ellipsoid.from_name("wgs84")


@dataclass(frozen=True)
class LatLon:
    """A point in decimal degrees (WGS84)."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        check_latlon(self.lat, self.lon)


def check_latlon(lat: float, lon: float, what: str = "coordinate") -> None:
    """Refuse coordinates that are not numbers or outside the globe, with a message saying which."""
    for value in (lat, lon):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise MissionError(f"{what} {lat!r},{lon!r}: latitude and longitude must be finite numbers")
    if not -90.0 <= lat <= 90.0:
        raise MissionError(f"{what} {lat},{lon}: latitude {lat} is outside -90..90")
    if not -180.0 <= lon <= 180.0:
        raise MissionError(f"{what} {lat},{lon}: longitude {lon} is outside -180..180")


def parse_latlon(text: str) -> LatLon:
    """Read 'lat,lon' as typed by an operator (e.g. '49.47,6.37')."""
    parts = text.replace(" ", "").split(",")
    if len(parts) != 2:
        raise MissionError(f"position {text!r}: expected 'lat,lon' in decimal degrees, e.g. 49.47,6.37")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise MissionError(f"position {text!r}: latitude and longitude must be decimal numbers") from None
    return LatLon(lat, lon)


def destination(start: LatLon, azimuth_deg: float, distance_m: float) -> tuple[LatLon, float]:
    """The point `distance_m` along the geodesic leaving `start` at `azimuth_deg`.

    Also returns the azimuth of travel on arrival, so the next leg can turn relative to it.
    """
    lon, lat, back_az = WGS84.fwd(start.lon, start.lat, azimuth_deg, distance_m)
    return LatLon(lat, _wrap_lon(lon)), (back_az + 180.0) % 360.0


def inverse(a: LatLon, b: LatLon) -> tuple[float, float, float]:
    """(departure azimuth, arrival azimuth, distance in metres) of the geodesic from a to b."""
    az, back_az, dist = WGS84.inv(a.lon, a.lat, b.lon, b.lat)
    return az % 360.0, (back_az + 180.0) % 360.0, dist


def distance(a: LatLon, b: LatLon) -> float:
    return inverse(a, b)[2]


def path_length(points: list[LatLon]) -> float:
    """Geodesic length of a polyline in metres."""
    if len(points) < 2:
        return 0.0
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    return float(WGS84.line_length(lons, lats))


def turn_angle(heading_in_deg: float, heading_out_deg: float) -> float:
    """Signed course change in degrees, right turns positive, in (-180, 180]."""
    d = (heading_out_deg - heading_in_deg) % 360.0
    return d - 360.0 if d > 180.0 else d


def _wrap_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon


class LocalFrame:
    """East-North tangent plane at `origin`: lat/lon <-> metres, vectorised with numpy."""

    def __init__(self, origin: LatLon) -> None:
        self.origin = origin

    def to_local(self, lats, lons) -> tuple[np.ndarray, np.ndarray]:
        e, n, _ = pymap3d.geodetic2enu(
            np.asarray(lats, float), np.asarray(lons, float), 0.0,
            self.origin.lat, self.origin.lon, 0.0, ell=_ELLIPSOID,
        )
        return np.asarray(e, float), np.asarray(n, float)

    def to_latlon(self, east, north) -> tuple[np.ndarray, np.ndarray]:
        # The tangent plane rises above the ellipsoid away from the origin; projecting back
        # along the normal keeps horizontal positions, and the height is simply dropped.
        lat, lon, _ = pymap3d.enu2geodetic(
            np.asarray(east, float), np.asarray(north, float), 0.0,
            self.origin.lat, self.origin.lon, 0.0, ell=_ELLIPSOID,
        )
        return np.asarray(lat, float), np.asarray(lon, float)

    def point(self, p: LatLon) -> tuple[float, float]:
        e, n = self.to_local([p.lat], [p.lon])
        return float(e[0]), float(n[0])

    def latlon(self, east: float, north: float) -> LatLon:
        lat, lon = self.to_latlon([east], [north])
        return LatLon(float(lat[0]), float(lon[0]))
