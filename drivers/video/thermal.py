"""Turning what a thermal core sends into temperatures (float deg C per pixel).

Three encodings reach the station:
- 16-bit raw counts, linear in Kelvin: ``kelvin = raw * kelvin_per_count + offset_k``.
  Presets: ``KELVIN_64`` (raw/64 = K, 1/64 K steps up to 751 deg C: the synthetic camera's side
  channel) and ``CENTIKELVIN`` (raw/100 = K, FLIR Lepton/Boson TLinear, up to 382 deg C).
- float images already in deg C (FLAME 3 TIFFs, radiometric JPEG readers).
- 8-bit white-hot images with a span declared by the operator (lowest and highest deg C the
  camera maps to 0 and 255): temperatures are then only as good as that declaration.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ZERO_C_IN_K = 273.15


@dataclass(frozen=True)
class TemperatureSpan:
    """A fixed range of deg C, for palettes and 8-bit decoding (never auto-ranged per frame)."""

    low_c: float
    high_c: float

    def __post_init__(self) -> None:
        if not (np.isfinite(self.low_c) and np.isfinite(self.high_c)) or self.high_c <= self.low_c:
            raise ValueError(f"temperature span needs low < high, got {self.low_c}..{self.high_c} deg C")


@dataclass(frozen=True)
class ThermalEncoding:
    """How one source's pixels relate to temperature; `to_celsius` applies it."""

    kind: str  # "raw16", "celsius" or "gray8"
    kelvin_per_count: float = 1.0 / 64.0
    offset_k: float = 0.0
    span: TemperatureSpan | None = None  # gray8 only

    def __post_init__(self) -> None:
        if self.kind not in ("raw16", "celsius", "gray8"):
            raise ValueError(f"unknown thermal encoding {self.kind!r}: use raw16, celsius or gray8")
        if self.kind == "raw16" and not self.kelvin_per_count > 0:
            raise ValueError("raw16 encoding needs a positive kelvin_per_count")
        if self.kind == "gray8" and self.span is None:
            raise ValueError("gray8 encoding needs the span the camera maps to 0..255")

    @property
    def radiometric(self) -> bool:
        """Whether a pixel's value is a measured temperature (8-bit spans are only a declaration)."""
        return self.kind != "gray8"

    def to_celsius(self, frame: np.ndarray) -> np.ndarray:
        """Decode one frame to float32 deg C, or raise ValueError saying what was wrong with it."""
        if not isinstance(frame, np.ndarray) or frame.ndim != 2 or frame.size == 0:
            shape = getattr(frame, "shape", type(frame).__name__)
            raise ValueError(f"wrong pixel format: {self.kind} needs one channel per pixel, got {shape}")
        if self.kind == "raw16":
            if frame.dtype != np.uint16:
                raise ValueError(f"wrong pixel format: raw16 needs 16-bit counts, got {frame.dtype}")
            return (frame.astype(np.float32) * np.float32(self.kelvin_per_count)
                    + np.float32(self.offset_k - ZERO_C_IN_K))
        if self.kind == "celsius":
            if not np.issubdtype(frame.dtype, np.floating):
                raise ValueError(f"wrong pixel format: celsius needs a float image, got {frame.dtype}")
            return frame.astype(np.float32, copy=False)
        if frame.dtype != np.uint8:
            raise ValueError(f"wrong pixel format: gray8 needs 8-bit pixels, got {frame.dtype}")
        assert self.span is not None
        step = (self.span.high_c - self.span.low_c) / 255.0
        return frame.astype(np.float32) * np.float32(step) + np.float32(self.span.low_c)

    def from_celsius(self, celsius: np.ndarray) -> np.ndarray:
        """The inverse, for senders (the synthetic camera): rounds and saturates at the encoding's range."""
        c = np.nan_to_num(np.asarray(celsius, dtype=np.float64), nan=-ZERO_C_IN_K)
        if self.kind == "raw16":
            counts = np.rint((c + ZERO_C_IN_K - self.offset_k) / self.kelvin_per_count)
            return np.clip(counts, 0, 65535).astype(np.uint16)
        if self.kind == "celsius":
            return c.astype(np.float32)
        assert self.span is not None
        v = (c - self.span.low_c) / (self.span.high_c - self.span.low_c) * 255.0
        return np.clip(np.rint(v), 0, 255).astype(np.uint8)


KELVIN_64 = ThermalEncoding("raw16", 1.0 / 64.0)
CENTIKELVIN = ThermalEncoding("raw16", 0.01)
CELSIUS = ThermalEncoding("celsius")


def gray8(low_c: float, high_c: float) -> ThermalEncoding:
    return ThermalEncoding("gray8", span=TemperatureSpan(low_c, high_c))
