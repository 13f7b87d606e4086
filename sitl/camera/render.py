"""Rendering RGB and radiometric thermal frames of a scenario from a camera pose.

Geometry (the inverse of vision/georeference.py, written independently so each checks the other):
the scene is flat ground at the scenario's AMSL height in a local east-north-up frame at its
origin. Vehicle attitude is NED from body FRD (ZYX: yaw, pitch, roll); the gimbal is relative to
the body (pitch -90 deg looks straight down); with all angles zero the camera looks forward, image
right = body right. Continuous image coordinates: pixel (i, j) covers [i, i+1) x [j, j+1), so
its centre is (i + 0.5, j + 0.5) and the optical axis passes through (width/2, height/2).
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import cv2
import numpy as np
import pymap3d

from sitl.camera.scenario import Scenario

SKY_C = -20.0  # clear sky seen by an LWIR camera
SKY_BGR = (235, 206, 170)
BODY_SURFACE_DROP_C = 2.0  # clothing is cooler than the exposed head


@dataclass(frozen=True)
class Intrinsics:
    width_px: int
    height_px: int
    hfov_deg: float

    @property
    def focal_px(self) -> float:
        return self.width_px / 2.0 / math.tan(math.radians(self.hfov_deg) / 2.0)


THERMAL_640 = Intrinsics(640, 512, 32.0)  # a 640x512 core behind a 19 mm lens


@dataclass(frozen=True)
class CameraPose:
    time_s: float
    lat_deg: float
    lon_deg: float
    alt_m: float  # AMSL
    roll_deg: float = 0.0
    pitch_deg: float = 0.0
    yaw_deg: float = 0.0
    gimbal_roll_deg: float = 0.0
    gimbal_pitch_deg: float = -90.0
    gimbal_yaw_deg: float = 0.0


@dataclass(frozen=True)
class TruthBox:
    """Where a scenario object appears in one frame (continuous pixel coordinates)."""

    id: str
    label: str  # "person" or "hotspot"
    u: float
    v: float
    x: float
    y: float
    w: float
    h: float


def _euler_zyx(roll: float, pitch: float, yaw: float) -> np.ndarray:
    cr, sr = math.cos(math.radians(roll)), math.sin(math.radians(roll))
    cp, sp = math.cos(math.radians(pitch)), math.sin(math.radians(pitch))
    cy, sy = math.cos(math.radians(yaw)), math.sin(math.radians(yaw))
    return np.array([
        [cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr],
        [sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr],
        [-sp, cp * sr, cp * cr]])


def camera_to_ned(pose: CameraPose) -> np.ndarray:
    """Columns: the camera's right, down and optical axes in NED."""
    body = _euler_zyx(pose.roll_deg, pose.pitch_deg, pose.yaw_deg)
    gimbal = _euler_zyx(pose.gimbal_roll_deg, pose.gimbal_pitch_deg, pose.gimbal_yaw_deg)
    axes = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])  # camera x,y,z -> fwd,right,down
    return body @ gimbal @ axes


class SceneRenderer:
    """Holds a scenario's ground as metric rasters (colour and temperature) and renders views of it."""

    def __init__(self, scenario: Scenario, metres_per_pixel: float = 0.1) -> None:
        self.scenario = scenario
        self.res = scenario.ground_metres_per_pixel if scenario.ground_kind == "image" else metres_per_pixel
        self.size = int(math.ceil(scenario.extent_m / self.res))
        self.colour, self.temperature = self._ground()
        for fire in scenario.fires:
            self._paint_fire(fire)
        for person in scenario.persons:
            self._paint_person(person)
        self._rng = np.random.default_rng(zlib.crc32(scenario.name.encode()))

    # ---- geometry ------------------------------------------------------------------------------

    def enu(self, lat: float, lon: float, alt: float) -> np.ndarray:
        """East, north, up (m) of a point relative to the scene origin on the ground."""
        s = self.scenario
        return np.array(pymap3d.geodetic2enu(lat, lon, alt, s.lat, s.lon, s.ground_alt_m))

    def _raster_px(self, east: np.ndarray, north: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        half = self.scenario.extent_m / 2.0
        return (east + half) / self.res - 0.5, (half - north) / self.res - 0.5

    def project(self, pose: CameraPose, camera: Intrinsics, lat: float, lon: float) -> tuple[float, float] | None:
        """Continuous pixel coordinates of a ground point, or None behind the camera."""
        cam = self.enu(pose.lat_deg, pose.lon_deg, pose.alt_m)
        pt = self.enu(lat, lon, self.scenario.ground_alt_m)
        d_enu = pt - cam
        d_ned = np.array([d_enu[1], d_enu[0], -d_enu[2]])
        x, y, z = camera_to_ned(pose).T @ d_ned
        if z <= 1e-6:
            return None
        f = camera.focal_px
        return camera.width_px / 2.0 + f * x / z, camera.height_px / 2.0 + f * y / z

    def truth(self, pose: CameraPose, camera: Intrinsics) -> list[TruthBox]:
        """Scenario objects whose centre is in the frame, with boxes from their projected outline."""
        found = []
        objects = [(p.id, "person", p.lat, p.lon, p.length_m / 2.0) for p in self.scenario.persons] + \
                  [(f.id, "hotspot", f.lat, f.lon, f.radius_m) for f in self.scenario.fires]
        for oid, label, lat, lon, reach in objects:
            centre = self.project(pose, camera, lat, lon)
            if centre is None or not (0 <= centre[0] < camera.width_px and 0 <= centre[1] < camera.height_px):
                continue
            e, n, _ = self.enu(lat, lon, self.scenario.ground_alt_m)
            ring = []
            for a in np.linspace(0, 2 * math.pi, 16, endpoint=False):
                la, lo, _ = pymap3d.enu2geodetic(e + reach * math.sin(a), n + reach * math.cos(a), 0.0,
                                                 self.scenario.lat, self.scenario.lon, self.scenario.ground_alt_m)
                p = self.project(pose, camera, la, lo)
                if p is not None:
                    ring.append(p)
            us, vs = [p[0] for p in ring], [p[1] for p in ring]
            found.append(TruthBox(oid, label, centre[0], centre[1], min(us), min(vs),
                                  max(us) - min(us), max(vs) - min(vs)))
        return found

    # ---- rendering -----------------------------------------------------------------------------

    def render(self, pose: CameraPose, camera: Intrinsics) -> tuple[np.ndarray, np.ndarray]:
        """(BGR uint8 image, float32 deg C image) as the camera at `pose` sees the scene."""
        maps = self._maps(pose, camera)
        return self._rgb(maps), self._thermal(maps)

    def render_thermal(self, pose: CameraPose, camera: Intrinsics) -> np.ndarray:
        return self._thermal(self._maps(pose, camera))

    def render_rgb(self, pose: CameraPose, camera: Intrinsics) -> np.ndarray:
        return self._rgb(self._maps(pose, camera))

    def _maps(self, pose: CameraPose, camera: Intrinsics) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Raster coordinates where each pixel's ray meets the ground, and the sky mask."""
        cam = self.enu(pose.lat_deg, pose.lon_deg, pose.alt_m)
        height = cam[2]
        if height <= 0:
            raise ValueError(f"camera is {height:.1f} m above the scene ground: nothing to render")
        f = camera.focal_px
        us = ((np.arange(camera.width_px) + 0.5 - camera.width_px / 2.0) / f).astype(np.float32)
        vs = ((np.arange(camera.height_px) + 0.5 - camera.height_px / 2.0) / f).astype(np.float32)
        r = camera_to_ned(pose).astype(np.float32)
        # NED direction of every pixel's ray, component by component (a 3x3 times a grid)
        dn = r[0, 0] * us[None, :] + r[0, 1] * vs[:, None] + r[0, 2]
        de = r[1, 0] * us[None, :] + r[1, 1] * vs[:, None] + r[1, 2]
        dd = r[2, 0] * us[None, :] + r[2, 1] * vs[:, None] + r[2, 2]
        sky = dd <= 1e-3
        t = np.float32(height) / np.where(sky, np.float32(1.0), dd)
        # raster coordinates relative to the camera's own raster position keep float32 precise
        c0, r0 = self._raster_px(np.float64(cam[0]), np.float64(cam[1]))
        k = np.float32(1.0 / self.res)
        return (t * de) * k + np.float32(c0), (t * dn) * -k + np.float32(r0), sky

    def _rgb(self, maps: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        mx, my, sky = maps
        colour = cv2.remap(self.colour, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        colour[sky] = SKY_BGR
        return self._sensor_rgb(colour)

    def _thermal(self, maps: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        mx, my, sky = maps
        celsius = cv2.remap(self.temperature, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        celsius[sky] = SKY_C
        return self._sensor_thermal(celsius)

    def _sensor_rgb(self, img: np.ndarray) -> np.ndarray:
        n = self.scenario.noise
        if n.blur_px > 0:
            img = cv2.GaussianBlur(img, (0, 0), n.blur_px)
        noise = self._rng.standard_normal(img.shape, dtype=np.float32)
        return np.clip(img + np.float32(n.rgb_sigma) * noise, 0, 255).astype(np.uint8)

    def _sensor_thermal(self, celsius: np.ndarray) -> np.ndarray:
        n = self.scenario.noise
        if n.blur_px > 0:
            celsius = cv2.GaussianBlur(celsius, (0, 0), n.blur_px)
        return celsius + np.float32(n.thermal_netd_c) * self._rng.standard_normal(celsius.shape, dtype=np.float32)

    # ---- the ground and what lies on it --------------------------------------------------------

    def _ground(self) -> tuple[np.ndarray, np.ndarray]:
        s = self.scenario
        if s.ground_kind == "image":
            colour = cv2.imread(str(s.ground_image), cv2.IMREAD_COLOR)
            if colour is None:
                raise ValueError(f"cannot decode ground image {s.ground_image}")
            colour = cv2.resize(colour, (self.size, self.size), interpolation=cv2.INTER_AREA)
            darkness = 1.0 - cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255.0
        else:
            colour, darkness = self._procedural(np.random.default_rng(s.ground_seed))
        # darker surfaces absorb more sun: a few degrees over the air temperature
        temperature = (s.ambient_c - 1.0 + 6.0 * darkness).astype(np.float32)
        return colour, temperature

    def _procedural(self, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """Meadow with soil patches and a gravel track; built at 1/4 resolution (it is smooth) and scaled up."""
        n = self.size
        m = max(8, n // 4)

        def smooth(cells: int) -> np.ndarray:
            return cv2.resize(rng.random((cells, cells)).astype(np.float32), (m, m), interpolation=cv2.INTER_CUBIC)

        mix = np.clip(0.65 * smooth(6) + 0.35 * smooth(40), 0.0, 1.0)[..., None]
        grass = np.array([60, 140, 80], np.float32)  # BGR
        soil = np.array([70, 100, 130], np.float32)
        small = grass * (1 - 0.5 * mix) + soil * 0.5 * mix
        y0 = int(m * 0.42)  # a gravel track crossing the scene east-west, slightly north of the centre
        small[y0:y0 + max(1, int(round(3.0 / (self.res * n / m))))] = (150, 160, 165)
        colour = cv2.resize(np.clip(small, 0, 255).astype(np.uint8), (n, n), interpolation=cv2.INTER_LINEAR)
        darkness = 1.0 - cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY).astype(np.float32) * np.float32(1 / 255)
        return colour, darkness

    def _centre_px(self, lat: float, lon: float) -> tuple[float, float]:
        e, n, _ = self.enu(lat, lon, self.scenario.ground_alt_m)
        col, row = self._raster_px(np.array(e), np.array(n))
        return float(col), float(row)

    def _paint_person(self, p) -> None:
        col, row = self._centre_px(p.lat, p.lon)
        shift = 4  # sub-pixel drawing: coordinates in 1/16 px
        centre = (int(round(col * 16)), int(round(row * 16)))
        axes = (int(round(p.length_m / 2 / self.res * 16)), int(round(p.width_m / 2 / self.res * 16)))
        angle = p.heading_deg - 90.0  # cv2 angles run clockwise from image right (east); heading from north
        hue = zlib.crc32(p.id.encode()) % 3
        jacket = [(40, 40, 200), (200, 80, 30), (30, 200, 230)][hue]
        cv2.ellipse(self.colour, centre, axes, angle, 0, 360, jacket, -1, cv2.LINE_AA, shift)
        cv2.ellipse(self.temperature, centre, axes, angle, 0, 360, p.body_temp_c - BODY_SURFACE_DROP_C, -1,
                    cv2.LINE_8, shift)
        if p.posture == "lying":  # the head at one end is bare and warmest
            off = (p.length_m / 2 - 0.12) / self.res
            hx = col + off * math.sin(math.radians(p.heading_deg))
            hy = row - off * math.cos(math.radians(p.heading_deg))
            head = (int(round(hx * 16)), int(round(hy * 16)))
            radius = int(round(0.11 / self.res * 16))
            cv2.circle(self.colour, head, radius, (120, 160, 210), -1, cv2.LINE_AA, shift)
            cv2.circle(self.temperature, head, radius, p.body_temp_c, -1, cv2.LINE_8, shift)

    def _paint_fire(self, fire) -> None:
        col, row = self._centre_px(fire.lat, fire.lon)
        r_px = fire.radius_m / self.res
        reach = int(math.ceil(2.0 * r_px)) + 1
        x0, x1 = max(0, int(col) - reach), min(self.size, int(col) + reach + 1)
        y0, y1 = max(0, int(row) - reach), min(self.size, int(row) + reach + 1)
        if x0 >= x1 or y0 >= y1:
            return
        yy, xx = np.mgrid[y0:y1, x0:x1]
        d = np.hypot(xx - col, yy - row) / r_px  # 1 at the fire's edge
        ambient = self.scenario.ambient_c
        flame = ambient + (fire.temp_c - ambient) * np.clip(1.0 - d ** 2, 0.0, 1.0) ** 0.5
        scorched = ambient + 25.0 * np.clip(2.0 - d, 0.0, 1.0)  # warm ash ring, far below any fire band
        patch = self.temperature[y0:y1, x0:x1]
        patch[:] = np.maximum(patch, np.maximum(flame, scorched)).astype(np.float32)
        glow = np.clip(1.0 - d, 0.0, 1.0)[..., None]
        ash = (np.clip(2.0 - d, 0.0, 1.0) > 0)[..., None]
        rgb = self.colour[y0:y1, x0:x1].astype(np.float32)
        rgb = np.where(ash, rgb * 0.35, rgb)  # blackened ground
        rgb = rgb * (1 - glow) + np.array([40, 150, 255], np.float32) * glow
        self.colour[y0:y1, x0:x1] = np.clip(rgb, 0, 255).astype(np.uint8)
