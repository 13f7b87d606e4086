"""A small real JPEG, for findings that carry a drone snapshot."""
from __future__ import annotations

import cv2
import numpy as np


def jpeg(width: int = 64, height: int = 48) -> bytes:
    img = np.zeros((height, width, 3), np.uint8)
    img[:, : width // 2] = (0, 0, 255)
    ok, buf = cv2.imencode(".jpg", img)
    assert ok
    return buf.tobytes()
