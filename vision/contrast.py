"""Warm blobs against their local background in an 8-bit white-hot frame (morphological top-hat).

The classical step of the fallback person detector. (The 8-bit hotspot detector looks for clipped
cores instead: a warm body is contrasted too, only a fire tops the span.)
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vision.records import as_gray8


@dataclass(frozen=True)
class WarmBlob:
    x: int
    y: int
    w: int
    h: int
    area: int
    contrast: float  # mean top-hat over the blob, 0..1


def warm_blobs(frame: np.ndarray, kernel: np.ndarray, contrast: int, min_area_px: int,
               max_area_px: int) -> list[WarmBlob]:
    """Connected regions at least `contrast` grey levels above their neighbourhood, sized in range."""
    tophat = cv2.morphologyEx(as_gray8(frame), cv2.MORPH_TOPHAT, kernel)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((tophat >= contrast).view(np.uint8), connectivity=8)
    blobs = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if min_area_px <= area <= max_area_px:
            mean = float(tophat[y:y + h, x:x + w][labels[y:y + h, x:x + w] == i].mean()) / 255.0
            blobs.append(WarmBlob(x, y, w, h, area, mean))
    return blobs
