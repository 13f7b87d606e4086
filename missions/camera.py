"""Detection cameras and what they see from a height: footprint, GSD, spacing, trigger distance.

Flat ground at the planned height above ground, nadir camera, image width across track
(landscape). Footprint across track = 2 h tan(HFOV/2); spacing and trigger distance shrink the
footprint by the side and front overlap. Spacing must come from the camera that does the
detecting: a thermal core sees a much narrower strip than the RGB camera beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from missions.errors import MissionError


@dataclass(frozen=True)
class Camera:
    name: str
    image_width_px: int
    image_height_px: int
    hfov_deg: float
    vfov_deg: float
    kind: str = "rgb"  # "thermal" or "rgb"
    source: str = ""  # where the figures come from

    def __post_init__(self) -> None:
        if self.image_width_px <= 0 or self.image_height_px <= 0:
            raise MissionError(f"camera {self.name!r}: image size must be positive pixels")
        for fov in (self.hfov_deg, self.vfov_deg):
            if not 0.0 < fov < 180.0:
                raise MissionError(f"camera {self.name!r}: field of view {fov} must be between 0 and 180 degrees")

    @classmethod
    def from_sensor(cls, name: str, sensor_width_mm: float, sensor_height_mm: float, focal_length_mm: float,
                    image_width_px: int, image_height_px: int, kind: str = "rgb", source: str = "") -> "Camera":
        """A pinhole camera from sensor size and focal length (what QGroundControl's camera form asks)."""
        if min(sensor_width_mm, sensor_height_mm, focal_length_mm) <= 0:
            raise MissionError(f"camera {name!r}: sensor size and focal length must be positive millimetres")
        hfov = math.degrees(2 * math.atan(sensor_width_mm / (2 * focal_length_mm)))
        vfov = math.degrees(2 * math.atan(sensor_height_mm / (2 * focal_length_mm)))
        return cls(name, image_width_px, image_height_px, hfov, vfov, kind, source)

    @classmethod
    def from_hfov(cls, name: str, hfov_deg: float, image_width_px: int, image_height_px: int,
                  kind: str = "rgb", source: str = "") -> "Camera":
        """A camera known by its horizontal FOV; the vertical one follows from square pixels."""
        if not 0.0 < hfov_deg < 180.0:
            raise MissionError(f"camera {name!r}: field of view {hfov_deg} must be between 0 and 180 degrees")
        half = math.tan(math.radians(hfov_deg) / 2) * image_height_px / image_width_px
        return cls(name, image_width_px, image_height_px, hfov_deg, math.degrees(2 * math.atan(half)), kind, source)

    def footprint(self, height_m: float) -> tuple[float, float]:
        """(across track, along track) ground footprint in metres at `height_m` above flat ground."""
        _check_height(height_m)
        return (2 * height_m * math.tan(math.radians(self.hfov_deg) / 2),
                2 * height_m * math.tan(math.radians(self.vfov_deg) / 2))

    def gsd_cm(self, height_m: float) -> float:
        """Ground sample distance across track in centimetres per pixel."""
        return 100.0 * self.footprint(height_m)[0] / self.image_width_px

    def height_for_gsd(self, gsd_cm: float) -> float:
        """Height above ground that gives the wanted ground resolution."""
        if not gsd_cm > 0:
            raise MissionError(f"ground resolution {gsd_cm} cm/px must be positive")
        return gsd_cm / 100.0 * self.image_width_px / (2 * math.tan(math.radians(self.hfov_deg) / 2))

    def track_spacing(self, height_m: float, side_overlap: float) -> float:
        _check_overlap(side_overlap, "side")
        return self.footprint(height_m)[0] * (1.0 - side_overlap)

    def trigger_distance(self, height_m: float, front_overlap: float) -> float:
        _check_overlap(front_overlap, "front")
        return self.footprint(height_m)[1] * (1.0 - front_overlap)


def _check_height(height_m: float) -> None:
    if not (isinstance(height_m, (int, float)) and math.isfinite(height_m) and height_m > 0):
        raise MissionError(f"height above ground {height_m} m must be a positive number")


def _check_overlap(overlap: float, which: str) -> None:
    if not 0.0 <= overlap < 1.0:
        raise MissionError(f"{which} overlap {overlap} must be a fraction from 0 up to (not including) 1, e.g. 0.2")


# Figures from the makers' datasheets. Where a maker publishes only the diagonal FOV (DJI),
# the camera is built from sensor size and focal length, because using the diagonal as the
# horizontal FOV overstates the footprint by about a third and leaves gaps between tracks.
# The pinhole FOV from the focal length comes out a few degrees under DJI's published diagonal
# (which includes lens distortion): tracks end up slightly closer, never too far apart.
_THERMAL_CORE_MM = (7.68, 6.144)  # 640 x 512 at 12 um pitch

PRESETS: dict[str, Camera] = {c.name: c for c in (
    Camera("flir-boson-640-14mm", 640, 512, 32.0, 26.0, "thermal", "FLIR Boson 640 datasheet, 14 mm lens"),
    Camera("flir-boson-640-8.7mm", 640, 512, 50.0, 40.0, "thermal", "FLIR Boson 640 datasheet, 8.7 mm lens"),
    Camera("flir-boson-640-18mm", 640, 512, 24.0, 19.0, "thermal", "FLIR Boson 640 datasheet, 18 mm lens"),
    Camera("flir-hadron-640r-thermal", 640, 512, 50.0, 40.0, "thermal", "Teledyne FLIR Hadron 640R datasheet"),
    Camera.from_sensor("dji-h20t-thermal", *_THERMAL_CORE_MM, 13.5, 640, 512, "thermal",
                       "DJI Zenmuse H20T: 640x512 12 um, f 13.5 mm (DFOV 40.6 deg)"),
    Camera.from_sensor("dji-m30t-thermal", *_THERMAL_CORE_MM, 9.1, 640, 512, "thermal",
                       "DJI M30T: 640x512 12 um, f 9.1 mm (DFOV 61 deg)"),
    Camera.from_sensor("dji-mavic-3t-thermal", *_THERMAL_CORE_MM, 9.1, 640, 512, "thermal",
                       "DJI Mavic 3T: 640x512 12 um, 40 mm equivalent (DFOV 61 deg)"),
    Camera.from_hfov("siyi-zt30-thermal", 24.2, 640, 512, "thermal", "SIYI thermal HFOV 24.2 deg (MAVProxy SIYI module)"),
    Camera.from_sensor("dji-m30t-zoom-wide", 6.4, 4.8, 21.0, 8000, 6000, "rgb",
                       "DJI M30T zoom: 1/2-inch 48 MP, widest f 21 mm"),
    Camera.from_sensor("sony-1in-20mp-8.8mm", 13.2, 8.8, 8.8, 5472, 3648, "rgb",
                       "Sony 1-inch 20 MP (13.2x8.8 mm) with 8.8 mm lens, e.g. Phantom 4 Pro / RX100"),
)}


def preset(name: str) -> Camera:
    try:
        return PRESETS[name]
    except KeyError:
        raise MissionError(f"unknown camera {name!r}; known cameras: {', '.join(sorted(PRESETS))}") from None
