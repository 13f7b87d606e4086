"""Hotspot (fire, embers, hot objects) detectors for thermal frames.

Radiometric frames (float deg C) are cut at an absolute temperature: nothing cooler than
`min_temp_c` is ever reported. 8-bit frames carry no temperature, so there the detector
looks for small regions much brighter than their surroundings (white top-hat) within a size gate.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vision.contrast import warm_blobs
from vision.records import Box, Detection, check_frame


@dataclass(frozen=True)
class HotspotBands:
    """Temperature bands in deg C. FLAME 3 labels fire from about 100 deg C upwards."""

    min_temp_c: float = 100.0  # nothing below this is reported
    fire_temp_c: float = 300.0  # above this confidence saturates: open flame
    min_area_px: int = 4


class RadiometricHotspotDetector:
    """Connected regions at or above `bands.min_temp_c` in a float deg C frame."""

    name = "hotspot-radiometric"

    def __init__(self, bands: HotspotBands = HotspotBands(), confidence_threshold: float = 0.0) -> None:
        if bands.fire_temp_c <= bands.min_temp_c:
            raise ValueError("fire_temp_c must be above min_temp_c")
        self.bands = bands
        self.confidence_threshold = confidence_threshold

    def detect(self, celsius: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        check_frame(celsius)
        if celsius.ndim != 2 or not np.issubdtype(celsius.dtype, np.floating):
            raise ValueError(f"expected a 2-D float deg C frame, got {celsius.dtype} {celsius.shape}")
        hot = np.nan_to_num(celsius, nan=-273.15) >= self.bands.min_temp_c  # NaN = dead pixel
        n, labels, stats, _ = cv2.connectedComponentsWithStats(hot.view(np.uint8), connectivity=8)
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        span = self.bands.fire_temp_c - self.bands.min_temp_c
        found = []
        for i in range(1, n):
            x, y, w, h, area = stats[i]
            if area < self.bands.min_area_px:
                continue
            temps = celsius[y:y + h, x:x + w][labels[y:y + h, x:x + w] == i]
            t_max = float(temps.max())
            conf = 0.5 + 0.5 * min(1.0, (t_max - self.bands.min_temp_c) / span)
            if conf >= floor:
                found.append(Detection(Box(float(x), float(y), float(w), float(h)), "hotspot", conf,
                                       max_temp_c=t_max, mean_temp_c=float(temps.mean())))
        return found


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
