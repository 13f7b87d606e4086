"""RGB person detector: the generic FastestDet COCO model run on overlapping tiles.

Persons seen from a drone are far smaller than the model's 352x352 input expects when the
whole frame is shrunk into it, so the frame is cut into tiles of `tile_px` pixels (each
resized to the model input) and the results are merged by non-maximum suppression.
The model file is not shipped in the package: pass its path (shared/data/vision/models/).
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from vision.records import Box, Detection, check_frame

INPUT_PX = 352
PERSON_CLASS = 0


def decode_fastestdet(out: np.ndarray, min_confidence: float, width: float, height: float,
                      class_id: int = PERSON_CLASS) -> list[tuple[Box, float]]:
    """Boxes of one class from FastestDet's (85, h, w) grid, scaled to a tile of width x height.

    Per cell: objectness (sigmoid applied), x/y offset (tanh), w/h as a share of the input
    (sigmoid), 80 class probabilities (softmax applied); score = obj^0.6 * cls^0.4.
    """
    if out.ndim != 3 or out.shape[0] != 85:
        raise ValueError(f"expected a (85, h, w) FastestDet output, got {out.shape}")
    gh, gw = out.shape[1:]
    score = np.clip(out[0], 0, 1) ** 0.6 * np.clip(out[5 + class_id], 0, 1) ** 0.4
    best = np.argmax(out[5:], axis=0) == class_id
    ys, xs = np.nonzero((score >= min_confidence) & best)
    cx = (xs + np.tanh(out[1, ys, xs])) / gw * width
    cy = (ys + np.tanh(out[2, ys, xs])) / gh * height
    bw = 1 / (1 + np.exp(-out[3, ys, xs])) * width
    bh = 1 / (1 + np.exp(-out[4, ys, xs])) * height
    return [(Box(float(x - w / 2), float(y - h / 2), float(w), float(h)), float(s))
            for x, y, w, h, s in zip(cx, cy, bw, bh, score[ys, xs])]


def tile_origins(length: int, tile: int, overlap: int) -> list[int]:
    """Start offsets covering [0, length) with tiles of `tile` overlapping by at least `overlap`."""
    if length <= tile:
        return [0]
    count = int(np.ceil((length - overlap) / (tile - overlap)))
    return [round(i * (length - tile) / (count - 1)) for i in range(count)]


class RgbPersonDetector:
    name = "rgb-person-fastestdet"

    def __init__(self, model: str | Path, tile_px: int = 352, overlap_px: int = 48,
                 confidence_threshold: float = 0.6, nms_iou: float = 0.45) -> None:
        model = Path(model)
        if not model.is_file():
            raise FileNotFoundError(f"RGB person model not found: {model}")
        self.net = cv2.dnn.readNetFromONNX(str(model))
        self.tile_px, self.overlap_px = tile_px, overlap_px
        self.confidence_threshold, self.nms_iou = confidence_threshold, nms_iou

    def detect(self, frame: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        check_frame(frame)
        if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[2] != 3:
            raise ValueError(f"expected an 8-bit BGR frame, got {frame.dtype} {frame.shape}")
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        h, w = frame.shape[:2]
        tiles, origins = [], []
        for y0 in tile_origins(h, self.tile_px, self.overlap_px):
            for x0 in tile_origins(w, self.tile_px, self.overlap_px):
                tiles.append(frame[y0:y0 + self.tile_px, x0:x0 + self.tile_px])
                origins.append((x0, y0))
        boxes, scores = [], []
        for tile, (x0, y0) in zip(tiles, origins):
            # the exported graph has a fixed batch of one
            self.net.setInput(cv2.dnn.blobFromImage(tile, 1 / 255.0, (INPUT_PX, INPUT_PX), swapRB=True))
            out = self.net.forward()[0]
            for box, s in decode_fastestdet(out, floor, tile.shape[1], tile.shape[0]):
                boxes.append(Box(box.x + x0, box.y + y0, box.w, box.h))
                scores.append(s)
        if not boxes:
            return []
        keep = cv2.dnn.NMSBoxes([[b.x, b.y, b.w, b.h] for b in boxes], scores, floor, self.nms_iou)
        return [Detection(boxes[i], "person", scores[i]) for i in np.array(keep).ravel()]
