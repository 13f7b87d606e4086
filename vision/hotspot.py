"""Hotspot (fire, embers, hot objects) detectors for thermal frames.

Radiometric frames (float deg C) are cut at an absolute temperature: nothing cooler than
`min_temp_c` is ever reported. Separate hot cores that the cut joins through barely hot ground
are reported separately. 8-bit frames carry no temperature, so there the detector looks for small
regions much brighter than their surroundings (white top-hat) within a size gate.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vision.contrast import warm_blobs
from vision.records import Box, Detection, check_frame


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
    """Small regions far brighter than their neighbourhood in an 8-bit white-hot frame."""

    name = "hotspot-contrast"

    def __init__(self, contrast: int = 40, kernel_px: int = 31, min_area_px: int = 6,
                 max_area_px: int = 2500, confidence_threshold: float = 0.0) -> None:
        self.contrast = contrast
        self.kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kernel_px, kernel_px))
        self.min_area_px, self.max_area_px = min_area_px, max_area_px
        self.confidence_threshold = confidence_threshold

    def detect(self, frame: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        return [Detection(Box(float(b.x), float(b.y), float(b.w), float(b.h)), "hotspot", b.contrast)
                for b in warm_blobs(frame, self.kernel, self.contrast, self.min_area_px, self.max_area_px)
                if b.contrast >= floor]
