"""Fixed temperature-to-colour palettes with a legend, and the temperature probe.

A palette maps a fixed span of deg C to colours; the same temperature always gets the same
colour, so an operator can compare frames and drones (no per-frame auto-ranging).
"""
from __future__ import annotations

import math

import cv2
import numpy as np

from drivers.video.thermal import TemperatureSpan

NO_READING_BGR = (255, 0, 255)  # dead pixels (NaN) show magenta, never a plausible temperature


def _ramp(anchors: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    """256 BGR colours interpolated between (position 0..1, RGB) anchors."""
    pos = np.array([a[0] for a in anchors])
    rgb = np.array([a[1] for a in anchors], dtype=np.float64)
    x = np.linspace(0.0, 1.0, 256)
    lut = np.stack([np.interp(x, pos, rgb[:, c]) for c in (2, 1, 0)], axis=1)  # to BGR
    return np.rint(lut).astype(np.uint8)


def _opencv_map(code: int) -> np.ndarray:
    return cv2.applyColorMap(np.arange(256, dtype=np.uint8).reshape(256, 1), code).reshape(256, 3)


PALETTES: dict[str, np.ndarray] = {
    "white-hot": _ramp([(0.0, (0, 0, 0)), (1.0, (255, 255, 255))]),
    "black-hot": _ramp([(0.0, (255, 255, 255)), (1.0, (0, 0, 0))]),
    # the usual ironbow look: black, indigo, magenta, orange, yellow, white
    "ironbow": _ramp([(0.0, (0, 0, 0)), (0.15, (30, 0, 110)), (0.35, (150, 0, 150)),
                      (0.55, (230, 60, 40)), (0.75, (250, 160, 0)), (0.9, (255, 230, 60)),
                      (1.0, (255, 255, 255))]),
    "rainbow": _opencv_map(cv2.COLORMAP_RAINBOW),
}


def palette(name: str) -> np.ndarray:
    try:
        return PALETTES[name]
    except KeyError:
        raise ValueError(f"unknown palette {name!r}; use one of {', '.join(PALETTES)}") from None


def colourize(celsius: np.ndarray, span: TemperatureSpan, name: str = "white-hot") -> np.ndarray:
    """BGR image of a deg C frame; temperatures outside the span saturate at its ends."""
    if celsius.ndim != 2 or not np.issubdtype(celsius.dtype, np.floating):
        raise ValueError(f"colourize needs a 2-D float deg C frame, got {celsius.dtype} {celsius.shape}")
    lut = palette(name)
    scaled = (celsius - span.low_c) * (255.0 / (span.high_c - span.low_c))
    index = np.clip(np.nan_to_num(scaled, nan=0.0), 0, 255).astype(np.uint8)
    out = lut[index]
    out[np.isnan(celsius)] = NO_READING_BGR
    return out


def legend(span: TemperatureSpan, name: str = "white-hot", height_px: int = 256, bar_px: int = 20,
           ticks: int = 5) -> np.ndarray:
    """A vertical colour bar (hot at the top) with deg C labels, to draw beside the video."""
    if height_px < 40 or ticks < 2:
        raise ValueError("legend needs at least 40 px and 2 ticks")
    lut = palette(name)
    rows = lut[np.linspace(255, 0, height_px).astype(np.uint8)]
    width = bar_px + 70
    img = np.full((height_px, width, 3), 32, np.uint8)
    img[:, :bar_px] = rows[:, None, :]
    for i in range(ticks):
        frac = i / (ticks - 1)
        y = int(round((1.0 - frac) * (height_px - 1)))
        temp = span.low_c + frac * (span.high_c - span.low_c)
        cv2.line(img, (bar_px, y), (bar_px + 4, y), (255, 255, 255), 1)
        text_y = min(max(y + 4, 10), height_px - 2)
        cv2.putText(img, f"{temp:.0f} C", (bar_px + 7, text_y), cv2.FONT_HERSHEY_SIMPLEX, 0.38,
                    (255, 255, 255), 1, cv2.LINE_AA)
    return img


def temperature_at(celsius: np.ndarray, x: int, y: int) -> float | None:
    """Deg C under the cursor; None over a dead pixel. Raises if (x, y) is outside the frame."""
    h, w = celsius.shape[:2]
    if not (0 <= x < w and 0 <= y < h):
        raise ValueError(f"probe ({x}, {y}) is outside the {w}x{h} frame")
    value = float(celsius[y, x])
    return None if math.isnan(value) else value
