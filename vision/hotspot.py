"""Hotspot (fire, embers, hot objects) detectors for thermal frames.

Radiometric frames (float deg C) are cut at an absolute temperature: nothing cooler than
`min_temp_c` is ever reported. Separate hot cores that the cut joins through barely hot ground
are reported separately. 8-bit white-hot frames carry no temperature, only where a pixel sits in
the camera's span; a fire at hundreds of deg C lies above any span that also shows the ground and
persons, so there the detector reports the regions around a clipped (saturated) core.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vision.records import Box, Detection, as_gray8, check_frame


@dataclass(frozen=True)
class HotspotBands:
    """Temperature bands in deg C. FLAME 3 labels fire from about 100 deg C upwards.

    `accuracy_c` is the camera's radiometric accuracy near `min_temp_c`. Uncooled radiometric
    drone cameras state +-2 to +-5 deg C or 2 to 5 % of reading, whichever is larger; the default
    takes the looser figure, 5 deg C either way at 100 deg C (raise it to 5 % of `min_temp_c` for
    higher cuts). A pixel less than that above the cut may truly be below it, so hot cores joined
    only through such pixels are separate hotspots. 0 gives a single cut.
    """

    min_temp_c: float = 100.0  # nothing below this is reported: embers and smouldering start here
    fire_temp_c: float = 300.0  # above this confidence saturates: open flame
    min_area_px: int = 4  # the FLAME 3 label rule; also the least a hot core must cover
    accuracy_c: float = 5.0


class RadiometricHotspotDetector:
    """Regions at or above `bands.min_temp_c` in a float deg C frame, one per hot core.

    A region holding several cores (at least `min_area_px` pixels at `min_temp_c + accuracy_c`)
    joined only by pixels within the camera's accuracy of the cut is split: each cooler pixel goes
    to the nearest core through the region. A region with one core, or none, stays one hotspot.
    """

    name = "hotspot-radiometric"

    def __init__(self, bands: HotspotBands = HotspotBands(), confidence_threshold: float = 0.0) -> None:
        if bands.fire_temp_c <= bands.min_temp_c:
            raise ValueError("fire_temp_c must be above min_temp_c")
        if bands.accuracy_c < 0:
            raise ValueError("accuracy_c must not be negative")
        self.bands = bands
        self.confidence_threshold = confidence_threshold

    def detect(self, celsius: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        check_frame(celsius)
        if celsius.ndim != 2 or not np.issubdtype(celsius.dtype, np.floating):
            raise ValueError(f"expected a 2-D float deg C frame, got {celsius.dtype} {celsius.shape}")
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        span = self.bands.fire_temp_c - self.bands.min_temp_c
        found = []
        for region, temps in self._regions(celsius):
            if temps.size < self.bands.min_area_px:
                continue
            t_max = float(temps.max())
            conf = 0.5 + 0.5 * min(1.0, (t_max - self.bands.min_temp_c) / span)
            if conf >= floor:
                found.append(Detection(region, "hotspot", conf, max_temp_c=t_max, mean_temp_c=float(temps.mean())))
        return found

    def _regions(self, celsius: np.ndarray) -> list[tuple[Box, np.ndarray]]:
        """(box, deg C of its pixels) per hotspot: connected regions over the cut, split between cores."""
        hot = celsius >= self.bands.min_temp_c  # NaN (a dead pixel) compares false: never hot
        # block-based labelling (Grana): same regions, several times faster with stats than the default here
        n, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(hot.view(np.uint8), 8, cv2.CV_32S,
                                                                             cv2.CCL_GRANA)
        core = celsius >= self.bands.min_temp_c + self.bands.accuracy_c
        nc, cores = cv2.connectedComponentsWithAlgorithm(core.view(np.uint8), 8, cv2.CV_32S, cv2.CCL_GRANA)
        big = np.bincount(cores[core], minlength=nc) >= self.bands.min_area_px
        big[0] = False
        region_of_core = np.zeros(nc, np.int32)
        region_of_core[cores[core]] = labels[core]  # a core lies inside one region
        cores_in = np.bincount(region_of_core[big], minlength=n)
        out = []
        for i in range(1, n):
            x, y, w, h = stats[i, :4]
            window = (slice(y, y + h), slice(x, x + w))
            inside = labels[window] == i
            if cores_in[i] < 2:
                out.append((Box(float(x), float(y), float(w), float(h)), celsius[window][inside]))
                continue
            seeds = np.where(inside & big[cores[window]], cores[window], 0).astype(np.float32)
            parts = _grow_to_nearest(seeds, inside)
            for k in np.flatnonzero(big & (region_of_core == i)):
                ys, xs = np.nonzero(parts == k)
                x0, y0 = xs.min(), ys.min()
                box = Box(float(x + x0), float(y + y0), float(xs.max() - x0 + 1), float(ys.max() - y0 + 1))
                out.append((box, celsius[window][ys, xs]))
        return out


def _grow_to_nearest(seeds: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Give every pixel of `region` the label of the nearest seed through the region (8-connected).

    The pixels left to assign are (bar specks smaller than a core) within the camera's accuracy
    of the cut, so their temperatures cannot order them; distance through the region can.
    Labels ride in float32 for cv2.dilate: exact for any frame under 2**24 pixels.
    """
    grow = np.ones((3, 3), np.uint8)
    labels = seeds.copy()
    while True:
        reach = cv2.dilate(labels, grow)
        new = region & (labels == 0) & (reach > 0)
        if not new.any():
            return labels
        labels[new] = reach[new]


class ContrastHotspotDetector:
    """Fires in an 8-bit white-hot frame: ground clearly warmer than the frame's median around a clipped core.

    Whether the span is fixed (the dock's -10..50 deg C, or -10..150) or stretched by the camera's AGC,
    a fire at hundreds of deg C reaches the top of it and clips: a plateau at full scale, wider than
    the optics' blur. A person (30-37 deg C) stays part way up any fixed span made to show persons
    (a hot engine may clip a narrow one: a hotspot too); an AGC that stretches a fire-free night scene
    tops out only the warmest specks of a body or car, never a plateau (HIT-UAV: at most 6 px at
    `clip_level`, none holding a 3x3 block). So a region is reported only where `core_px` x `core_px`
    pixels are all clipped, never for a warm blob that is not, however contrasted; its box holds every
    connected pixel `contrast` levels over the frame's median (the ground in an aerial frame): the
    fire's whole hot area, one box per region however wide.

    The limit: an AGC that clips a fixed share of the hottest pixels whatever they are (e.g. 1st-99.9th
    percentile) turns the warmest person or car of a fire-free frame into a plateau too. Use a fixed span
    or a radiometric stream where that matters.
    """

    name = "hotspot-contrast"

    def __init__(self, contrast: int = 40, clip_level: int = 245, core_px: int = 3,
                 confidence_threshold: float = 0.0) -> None:
        # contrast 40 of 255 levels: 9 K over the dock's -10..50 span, 25 K over -10..150, ~60 K when a
        # fire drives an AGC; clear of the ground's own spread in each: the box holds the hot area, not
        # the meadow.
        # clip_level 245: a clipped plateau decodes at 245-255 after libx264 (measured on the simulator's
        # white-hot stream: its ringing takes up to 10 levels off full scale).
        # core_px 3: the optics blur a point over ~2 px, so a clipped 3x3 block is an object hotter than
        # the span's top over more than a blur spot, not a speck the AGC topped out.
        if not 1 <= contrast <= 254:
            raise ValueError(f"contrast must be 1..254 grey levels, got {contrast}")
        if not 1 <= clip_level <= 255:
            raise ValueError(f"clip_level must be 1..255, got {clip_level}")
        if core_px < 1:
            raise ValueError(f"core_px must be at least 1, got {core_px}")
        self.contrast, self.clip_level = contrast, clip_level
        self.core = np.ones((core_px, core_px), np.uint8)
        self.confidence_threshold = confidence_threshold

    def detect(self, frame: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        gray = as_gray8(frame)
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        clipped = (gray >= self.clip_level).view(np.uint8)
        # a core pixel has its whole core_px block clipped; off-frame counts as not clipped
        core = cv2.erode(clipped, self.core, borderType=cv2.BORDER_CONSTANT, borderValue=0)
        if not core.any():
            return []
        # the edge level never rises over the clip level, so every core lies inside a region
        edge = min(_median_level(gray) + self.contrast, float(self.clip_level))
        n, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(
            (gray >= edge).view(np.uint8), 8, cv2.CV_32S, cv2.CCL_GRANA)
        cores_in = np.bincount(labels[core.view(bool)], minlength=n)
        clipped_in = np.bincount(labels[clipped.view(bool)], minlength=n)
        least = self.core.size
        found = []
        for i in np.flatnonzero(cores_in[1:]) + 1:
            x, y, w, h = (float(v) for v in stats[i, :4])
            # one clipped block is a coin toss between a small fire and a warm body an AGC topped out;
            # each further block's worth of clipped pixels makes a fire likelier
            conf = float(clipped_in[i] / (clipped_in[i] + least))
            if conf >= floor:
                found.append(Detection(Box(x, y, w, h), "hotspot", conf))
        return found


def _median_level(gray: np.ndarray) -> float:
    """The median grey level, read off the histogram: a fifth of the time np.median takes to sort."""
    below = np.cumsum(cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel())
    return float(np.searchsorted(below, gray.size / 2.0))
