"""The simulator's video encoder on a busy machine: a frame late, then one on time."""
from __future__ import annotations

import numpy as np

from drone_video import free_udp_url
from sitl.camera.stream import VideoStreamer


def picture(i: int) -> np.ndarray:
    image = np.zeros((64, 96, 3), np.uint8)
    image[:, i % 96] = 255
    return image


def test_a_late_frame_then_one_on_time_are_both_sent():
    """At 5 fps a frame 10 ms after a late one used to share its timestamp and stop the camera for good."""
    streamer = VideoStreamer(free_udp_url(), 96, 64, fps=5.0)
    try:
        for i, t in enumerate((0.0, 0.2, 0.39, 0.40, 0.6, 0.601)):
            streamer.send(picture(i), t)
        assert streamer.frames == 6
    finally:
        streamer.close()

