"""Classical thermal person fallback: warm blobs of person size against the local background.

Used when the CNN model is missing or too slow for the hardware. Much weaker than the CNN
(more false detections on warm roofs and vehicles) but needs nothing but OpenCV.
"""
from __future__ import annotations

import cv2
import numpy as np

from vision.contrast import warm_blobs
from vision.records import Box, Detection


class BlobPersonDetector:
    name = "thermal-person-blob"

    def __init__(self, contrast: int = 30, kernel_px: int = 21, min_area_px: int = 6,
                 max_area_px: int = 600, max_aspect: float = 4.0, confidence_threshold: float = 0.2) -> None:
        self.contrast = contrast
        self.kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kernel_px, kernel_px))
        self.min_area_px, self.max_area_px, self.max_aspect = min_area_px, max_area_px, max_aspect
        self.confidence_threshold = confidence_threshold

    def detect(self, frame: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        found = []
        for b in warm_blobs(frame, self.kernel, self.contrast, self.min_area_px, self.max_area_px):
            if max(b.w, b.h) / max(1, min(b.w, b.h)) > self.max_aspect:
                continue
            # compact, strongly contrasted blobs look most like a person from above
            fill = b.area / float(b.w * b.h)
            conf = b.contrast * (0.5 + 0.5 * fill)
            if conf >= floor:
                found.append(Detection(Box(b.x - 2.0, b.y - 2.0, b.w + 4.0, b.h + 4.0), "person", min(1.0, conf * 2)))
        return found
