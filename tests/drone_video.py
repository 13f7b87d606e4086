"""A drone's video link for tests: a still image sent as live H.264 over UDP (MPEG-TS or RTP) through
the simulator's encoder, as a camera's video reaches the station."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from sitl.camera.stream import VideoStreamer


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_udp_url() -> str:
    return f"udp://127.0.0.1:{free_udp_port()}"


@contextmanager
def drone_video(url: str, image: np.ndarray, fps: float = 20.0) -> Iterator[list[int]]:
    """`image` sent to `url` at `fps` until the block ends; yields a one-item list counting frames sent."""
    stop, sent = threading.Event(), [0]

    def send() -> None:
        tx = VideoStreamer(url, image.shape[1], image.shape[0], fps=fps)
        try:
            while not stop.is_set():
                tx.send(image, time.time())
                sent[0] += 1
                stop.wait(1.0 / fps)
        finally:
            tx.close()

    sender = threading.Thread(target=send, name="drone video")
    sender.start()
    try:
        yield sent
    finally:
        stop.set()
        sender.join()
