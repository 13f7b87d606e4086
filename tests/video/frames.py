"""Test frames that carry their own index, paced senders and feed helpers shared by the video tests."""
from __future__ import annotations

import socket
import time
from typing import Protocol

import numpy as np

from drivers.video.feed import FeedEvent, VideoFeed, VideoFrame
from sitl.camera.stream import VideoStreamer

W, H, FPS = 640, 512, 20.0


class Sender(Protocol):
    def send(self, image_bgr: np.ndarray, capture_time_s: float) -> None: ...

    def close(self) -> None: ...


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def marked(i: int, w: int = W, h: int = H) -> np.ndarray:
    """A frame that says its own index: a white bar at x = 20 + 7 i (i < 85)."""
    img = np.full((h, w, 3), (40, 90, 60), np.uint8)
    x = 20 + 7 * (i % 85) * w // W
    img[h // 2 - 20:h // 2 + 20, x:x + 6] = 255
    return img


def index_of(img: np.ndarray) -> int:
    row = img[img.shape[0] // 2, :, 1].astype(int)
    return int(round((np.argmax(row > 200) - 20) / 7))


def pace(tx: Sender, indices, t0: float, size=(W, H), log: dict[int, float] | None = None) -> None:
    """Send frames i at capture time t0 + i / FPS, paced in real time, then close the sender."""
    try:
        for i in indices:
            capture = t0 + i / FPS
            time.sleep(max(0.0, capture - time.time()))
            tx.send(marked(i, *size), capture)
            if log is not None:
                log[i] = capture
    finally:
        tx.close()


def stream(url: str, indices, t0: float, size=(W, H), log: dict[int, float] | None = None,
           codec: str = "h264") -> None:
    """`pace` through a VideoStreamer (udp:// MPEG-TS or rtp://)."""
    pace(VideoStreamer(url, *size, fps=FPS, codec=codec), indices, t0, size, log)


def collect(feed: VideoFeed, until: float) -> list[VideoFrame]:
    frames = []
    while time.time() < until:
        f = feed.next_frame(0.2)
        if f is not None:
            frames.append(f)
    return frames


def wait_event(feed: VideoFeed, kind: str, timeout: float) -> FeedEvent:
    deadline = time.time() + timeout
    while time.time() < deadline:
        hits = [e for e in feed.events() if e.kind == kind]
        if hits:
            return hits[0]
        time.sleep(0.05)
    raise AssertionError(f"no {kind} event; got {[(e.kind, e.message) for e in feed.events()]}")


def check_capture_times(frames, sent: dict[int, float]) -> None:
    errors = []
    for f in frames:
        assert f.image.shape == (H, W, 3)
        assert f.received_time_s >= f.capture_time_s
        errors.append(f.capture_time_s - sent[index_of(f.image)])
    # the estimate trails the true capture by the fastest frame's transit (milliseconds on loopback),
    # once the frames FFmpeg holds back are taken off (1 interval for RTP/RTSP, 2 for MPEG-TS)
    assert -0.01 <= np.median(errors) < 0.03 and max(map(abs, errors)) < 0.2, errors
    assert [f.capture_time_s for f in frames] == sorted(f.capture_time_s for f in frames)
