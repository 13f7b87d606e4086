"""Records passed between detectors, the tracker and georeferencing."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Box:
    """Axis-aligned box in pixels, x/y = top-left corner (the layout of the labeled sets)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2.0, self.y + self.h / 2.0)

    @property
    def area(self) -> float:
        return max(self.w, 0.0) * max(self.h, 0.0)

    def iou(self, other: "Box") -> float:
        ix = max(0.0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0.0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        inter = ix * iy
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0


@dataclass(frozen=True)
class Detection:
    """One object found in one frame."""

    box: Box
    label: str  # "person" or "hotspot"
    confidence: float  # 0..1, higher is surer
    max_temp_c: float | None = None  # only where the frame is radiometric
    mean_temp_c: float | None = None


@dataclass(frozen=True)
class FrameInfo:
    """What is known about a frame besides its pixels."""

    capture_time_s: float  # station clock (seconds), when the sensor took the frame
    vehicle_id: int = 0
    modality: str = "thermal"  # "thermal" or "rgb"
    radiometric: bool = False


def as_gray8(frame: np.ndarray) -> np.ndarray:
    """Return an 8-bit single-channel view of a thermal frame, or raise a clear ValueError.

    Thermal cores deliver white-hot gray; JPEG copies of them are often saved as 3 equal channels.
    """
    check_frame(frame)
    if frame.dtype != np.uint8:
        raise ValueError(f"expected an 8-bit frame, got dtype {frame.dtype}")
    if frame.ndim == 3:
        if frame.shape[2] == 1:
            return frame[:, :, 0]
        if frame.shape[2] in (3, 4):
            return frame[:, :, 0] if _channels_equal(frame) else _bgr_to_gray(frame)
        raise ValueError(f"expected 1, 3 or 4 channels, got {frame.shape[2]}")
    return frame


def check_frame(frame: object) -> None:
    """Refuse anything that is not a non-empty 2-D or 3-D numpy image."""
    if not isinstance(frame, np.ndarray):
        raise TypeError(f"expected a numpy image, got {type(frame).__name__}")
    if frame.ndim not in (2, 3):
        raise ValueError(f"expected a 2-D or 3-D image, got shape {frame.shape}")
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"empty frame (shape {frame.shape})")


def _channels_equal(frame: np.ndarray) -> bool:
    return bool(np.array_equal(frame[::7, ::7, 0], frame[::7, ::7, 1]) and
                np.array_equal(frame[::7, ::7, 0], frame[::7, ::7, 2]))


def _bgr_to_gray(frame: np.ndarray) -> np.ndarray:
    import cv2

    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(frame, code)
