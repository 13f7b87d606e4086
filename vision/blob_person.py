"""Classical thermal person fallback: warm blobs of person size against the local background.

Used when the CNN model is missing or too slow for the hardware. Much weaker than the CNN
(more false detections on warm roofs and vehicles) but needs nothing but OpenCV.
"""
from __future__ import annotations

import cv2
import numpy as np

from vision.records import Box, Detection, as_gray8


class BlobPersonDetector:
    name = "thermal-person-blob"

    def __init__(self, contrast: int = 30, kernel_px: int = 21, min_area_px: int = 6,
                 max_area_px: int = 600, max_aspect: float = 4.0, confidence_threshold: float = 0.2) -> None:
        self.contrast = contrast
        self.kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kernel_px, kernel_px))
        self.min_area_px, self.max_area_px, self.max_aspect = min_area_px, max_area_px, max_aspect
        self.confidence_threshold = confidence_threshold

    def detect(self, frame: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        gray = as_gray8(frame)
        tophat = cv2.morphologyEx(gray, cv2.MORPH_TOPHAT, self.kernel)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(
            (tophat >= self.contrast).view(np.uint8), connectivity=8)
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        found = []
        for i in range(1, n):
            x, y, w, h, area = stats[i]
            if not self.min_area_px <= area <= self.max_area_px:
                continue
            if max(w, h) / max(1, min(w, h)) > self.max_aspect:
                continue
            values = tophat[y:y + h, x:x + w][labels[y:y + h, x:x + w] == i]
            # compact, strongly contrasted blobs look most like a person from above
            fill = area / float(w * h)
            conf = float(values.mean()) / 255.0 * (0.5 + 0.5 * fill)
            if conf >= floor:
                found.append(Detection(Box(x - 2.0, y - 2.0, w + 4.0, h + 4.0), "person", min(1.0, conf * 2)))
        return found
