"""Thermal person detector: a small centre-point CNN (trained by `vision.train_person`) run with cv2.dnn.

The network sees the white-hot 8-bit frame at full resolution (persons are 13-26 px from
60-130 m) and predicts, on a grid of stride 4, a person-centre heat map, the sub-cell offset
of the centre and the log width and height of the box.
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from vision.records import Box, Detection, as_gray8

STRIDE = 4
PAD_TO = 16  # the network downsamples four times
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "thermal-person-centrenet.onnx"
# The second look: the network run again on the mirror image of each likely person's surroundings, its
# answer averaged with the first. Which cell the heat map peaks on, and so which cell's box is read, hangs on
# a pixel of the person's position; the mirror image reads it from the other side, and the average is
# both better placed and better ranked (HIT-UAV AP50: test 0.795 -> 0.824, val 0.818 -> 0.830; model card).
MIRROR_WINDOW = 96   # px around a candidate: the context the network's stride-16 layers see
MIRROR_FROM = 0.3    # candidates at least this likely get the second look: all the operating threshold shows
MIRROR_MAX = 10      # windows per frame, most likely first: bounds the time a crowded frame takes
MIRROR_MARGIN = 32   # px a candidate keeps from a window's edge to share a window opened for another


def find_centres(out: np.ndarray, min_confidence: float,
                 max_detections: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Cells (ys, xs) where the heat map has a 3x3 local maximum of at least min_confidence, most likely first."""
    if out.ndim != 3 or out.shape[0] != 5:
        raise ValueError(f"expected a (5, h, w) network output, got {out.shape}")
    heat = _sigmoid(out[0])
    peaks = (heat == cv2.dilate(heat, np.ones((3, 3), np.uint8))) & (heat >= min_confidence)
    ys, xs = np.nonzero(peaks)
    order = np.argsort(-heat[ys, xs], kind="stable")[:max_detections]
    return ys[order], xs[order]


def boxes_at(ys: np.ndarray, xs: np.ndarray, confidence: np.ndarray, regression: np.ndarray,
             stride: int = STRIDE) -> list[tuple[Box, float]]:
    """Boxes from cells and what the network says there: x/y sub-cell offset, log width and height (4, n)."""
    cx = (xs + regression[0]) * stride
    cy = (ys + regression[1]) * stride
    w = np.exp(np.clip(regression[2], 0.0, 6.0))
    h = np.exp(np.clip(regression[3], 0.0, 6.0))
    return [(Box(float(x - bw / 2), float(y - bh / 2), float(bw), float(bh)), float(c))
            for x, y, bw, bh, c in zip(cx, cy, w, h, confidence)]


def decode_centres(out: np.ndarray, min_confidence: float, max_detections: int = 300,
                   stride: int = STRIDE) -> list[tuple[Box, float]]:
    """Turn the network's (5, H/4, W/4) output into boxes: local maxima of the heat map above a floor.

    Channels: centre logit, x offset, y offset, log width, log height (pixels).
    """
    ys, xs = find_centres(out, min_confidence, max_detections)
    return boxes_at(ys, xs, _sigmoid(out[0, ys, xs]), out[1:, ys, xs], stride)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x.astype(np.float32)))


def as_blocks(gray: np.ndarray) -> np.ndarray:
    """The network's input: the 8-bit frame (H and W even) as 2x2 pixel blocks in channels, scaled to 0-1.

    Shape (1, 4, H/2, W/2), channel 2*row+column within the block (torch's pixel_unshuffle). Gathered
    in uint8, then made float in one pass (astype then scale took 2 ms of the 25 ms budget).
    """
    h, w = gray.shape
    blocks = np.ascontiguousarray(gray.reshape(h // 2, 2, w // 2, 2).transpose(1, 3, 0, 2))
    blob = np.empty((1, 4, h // 2, w // 2), np.float32)
    np.multiply(blocks.reshape(4, h // 2, w // 2), np.float32(1.0 / 255.0), out=blob[0], casting="unsafe")
    return blob


class ThermalPersonDetector:
    """Finds persons in white-hot 8-bit thermal frames."""

    name = "thermal-person-cnn"

    def __init__(self, model: str | Path = DEFAULT_MODEL, confidence_threshold: float = 0.3) -> None:
        model = Path(model)
        if not model.is_file():
            raise FileNotFoundError(f"thermal person model not found: {model}")
        self.net = cv2.dnn.readNetFromONNX(str(model))
        self.confidence_threshold = confidence_threshold
        # cv2.dnn runs a model made for another input without complaint and answers nonsense: check the shape.
        try:
            self.net.setInput(np.zeros((1, 4, 16, 16), np.float32))  # a 32x32 frame as pixel blocks
            answer = f"gave {self.net.forward().shape}"
        except cv2.error as e:
            answer = f"failed ({str(e).strip()})"
        if answer != "gave (1, 5, 8, 8)":
            raise ValueError(f"{model} is not a thermal person model this detector runs: for a 32x32 frame as 2x2 "
                             f"pixel blocks it {answer}, not (1, 5, 8, 8); a model taking the plain frame needs "
                             "`python -m vision.train_person export` from its .pt")

    def detect(self, frame: np.ndarray, min_confidence: float | None = None) -> list[Detection]:
        gray = as_gray8(frame)
        h, w = gray.shape
        ph, pw = -h % PAD_TO, -w % PAD_TO
        if ph or pw:
            gray = cv2.copyMakeBorder(gray, 0, ph, 0, pw, cv2.BORDER_CONSTANT, value=0)
        self.net.setInput(as_blocks(gray))
        out = self.net.forward()[0]
        floor = self.confidence_threshold if min_confidence is None else min_confidence
        ys, xs = find_centres(out, min(floor, MIRROR_FROM))
        confidence, regression = _sigmoid(out[0, ys, xs]), out[1:, ys, xs].astype(np.float32)
        second = np.nonzero(confidence >= MIRROR_FROM)[0]
        if len(second):
            looked, mirrored = self._mirrored(gray, ys[second], xs[second])
            second = second[looked]
            confidence[second] = (confidence[second] + _sigmoid(mirrored[0])) / 2
            regression[:, second] = (regression[:, second] + mirrored[1:]) / 2
        found = []
        for box, conf in boxes_at(ys, xs, confidence, regression):
            box = _clip(box, w, h)
            if conf >= floor and box.w >= 1 and box.h >= 1:
                found.append(Detection(box, "person", conf))
        found.sort(key=lambda d: -d.confidence)
        return found

    def _mirrored(self, gray: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The network's output at these cells (most likely first) run on the mirror image of the window
        around them, put back the right way round (x offset measured from the cell's left again): which
        cells got it (at most MIRROR_MAX windows, shared by candidates close together) and the (5, n) output."""
        h, w = gray.shape
        win_h, win_w = min(MIRROR_WINDOW, h), min(MIRROR_WINDOW, w)
        windows: list[tuple[int, int]] = []
        looked, where = [], []
        for i, (y, x) in enumerate(zip(ys * STRIDE + STRIDE // 2, xs * STRIDE + STRIDE // 2)):
            k = next((k for k, (top, left) in enumerate(windows)
                      if _inside(y, top, win_h, h) and _inside(x, left, win_w, w)), None)
            if k is None and len(windows) < MIRROR_MAX:
                # Windows start on the network's 16 px grid, so each cell sees what it saw in the whole frame.
                windows.append((int(np.clip((y - win_h // 2) // PAD_TO * PAD_TO, 0, h - win_h)),
                                int(np.clip((x - win_w // 2) // PAD_TO * PAD_TO, 0, w - win_w))))
                k = len(windows) - 1
            if k is not None:
                looked.append(i)
                where.append(k)
        self.net.setInput(np.concatenate([as_blocks(gray[top:top + win_h, left:left + win_w][:, ::-1])
                                          for top, left in windows]))
        out = self.net.forward()
        looked_at, where = np.array(looked), np.array(where)
        tops, lefts = np.array(windows)[where].T
        rows = ys[looked_at] - tops // STRIDE
        cols = win_w // STRIDE - 1 - (xs[looked_at] - lefts // STRIDE)
        got = out[where, :, rows, cols].T.astype(np.float32)
        got[1] = 1.0 - got[1]
        return looked_at, got


def _inside(p: int, start: int, size: int, frame: int) -> bool:
    """Whether a window gives pixel p the context it has in the whole frame: MIRROR_MARGIN px on each side,
    or the frame's own edge."""
    return ((start == 0 or p >= start + MIRROR_MARGIN)
            and (start + size == frame or p < start + size - MIRROR_MARGIN))


def _clip(box: Box, w: int, h: int) -> Box:
    x0, y0 = max(0.0, box.x), max(0.0, box.y)
    x1, y1 = min(float(w), box.x + box.w), min(float(h), box.y + box.h)
    return Box(x0, y0, x1 - x0, y1 - y0)
