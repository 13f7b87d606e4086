"""Live video through a real codec path: PyAV H.264 -> UDP -> OpenCV/FFmpeg in drivers/video,
with capture times, and the feed's errors and recovery."""
import socket
import threading
import time
from pathlib import Path

import av
import numpy as np
import pytest
from frames import FPS, H, W, check_capture_times, collect, free_port, index_of, marked, stream, wait_event

from drivers.video.feed import BGR8, Y16, FrameFormat, VideoFeed
from drivers.video.sources import VideoOpenError, VideoSource, open_capture, source_from_stream_information


@pytest.mark.timeout(30)
@pytest.mark.parametrize("codec", ["h264", "h265"])
@pytest.mark.parametrize("scheme", ["udp", "rtp"])
def test_udp_stream_is_decoded_with_capture_times(scheme, codec):
    port = free_port()
    uri = f"udp://127.0.0.1:{port}" if scheme == "udp" else f"rtp://127.0.0.1:{port}?codec={codec}"
    sent: dict[int, float] = {}
    t0 = time.time() + 0.3
    with VideoFeed(VideoSource(uri, read_timeout_s=1.0), expect=BGR8) as feed:
        sender = threading.Thread(target=stream, args=(f"{scheme}://127.0.0.1:{port}", range(80), t0, (W, H), sent),
                                  kwargs={"codec": codec})
        sender.start()
        frames = collect(feed, t0 + 80 / FPS + 0.8)
        sender.join()
    assert len(frames) >= 30, feed.events()
    check_capture_times(frames, sent)


@pytest.mark.timeout(40)
def test_corrupt_stream_is_reported_and_the_feed_recovers():
    port = free_port()
    with VideoFeed(VideoSource(f"udp://127.0.0.1:{port}", open_timeout_s=2.0, read_timeout_s=1.0),
                   expect=BGR8, backoff_s=(0.2, 0.5)) as feed:
        stream(f"udp://127.0.0.1:{port}", range(40), time.time() + 0.3)
        assert feed.status().frames > 0, feed.events()
        junk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rng = np.random.default_rng(0)
        end = time.time() + 2.0
        while time.time() < end:  # the sender's encoder goes mad: bytes, but no video
            junk.sendto(rng.bytes(1316), ("127.0.0.1", port))
            time.sleep(0.005)
        junk.close()
        stalled = wait_event(feed, "stalled", 3.0)
        assert "no decodable frame" in stalled.message and str(port) in stalled.message
        t0 = time.time() + 0.2
        sender = threading.Thread(target=stream, args=(f"udp://127.0.0.1:{port}", range(120), t0))
        sender.start()
        later = collect(feed, t0 + 120 / FPS + 0.5)
        sender.join()
    assert len(later) >= 10 and feed.status().reconnects >= 1, [(e.time_s - t0, e.kind, e.message) for e in feed.events()]


@pytest.mark.timeout(30)
def test_missing_frames_are_reported_and_the_following_ones_delivered():
    port = free_port()
    t0 = time.time() + 0.3
    indices = [i for i in range(80) if not 60 <= i <= 62]
    with VideoFeed(VideoSource(f"udp://127.0.0.1:{port}", read_timeout_s=1.0)) as feed:
        sender = threading.Thread(target=stream, args=(f"udp://127.0.0.1:{port}", indices, t0))
        sender.start()
        frames = collect(feed, t0 + 80 / FPS + 0.8)
        sender.join()
    missing = wait_event(feed, "missing-frames", 0.1)
    assert "3 frame(s) missing" in missing.message
    assert max(index_of(f.image) for f in frames) >= 75


@pytest.mark.timeout(40)
def test_wrong_pixel_format_is_reported_and_the_feed_recovers():
    port = free_port()
    want = FrameFormat(3, "uint8", W, H)
    with VideoFeed(VideoSource(f"udp://127.0.0.1:{port}", open_timeout_s=2.0, read_timeout_s=1.0),
                   expect=want, backoff_s=(0.2, 0.5)) as feed:
        stream(f"udp://127.0.0.1:{port}", range(30), time.time() + 0.3, size=(320, 256))
        wrong = wait_event(feed, "wrong-format", 2.0)
        assert "expected uint8 with 3 channel(s), 640x512, got uint8 with 3 channel(s), 320x256" in wrong.message
        assert feed.status().frames == 0  # nothing of the wrong shape reached a consumer
        t0 = time.time() + 0.2
        sender = threading.Thread(target=stream, args=(f"udp://127.0.0.1:{port}", range(60), t0))
        sender.start()
        later = collect(feed, t0 + 60 / FPS + 0.5)
        sender.join()
    assert len(later) >= 10 and all(f.image.shape == (H, W, 3) for f in later), feed.events()


def write_video(path: Path, frames: int, fmt: str | None = None) -> None:
    out = av.open(str(path), "w", format=fmt)
    s = out.add_stream("libx264", rate=int(FPS))
    s.width, s.height, s.pix_fmt = 320, 256, "yuv420p"
    for i in range(frames):
        f = av.VideoFrame.from_ndarray(marked(i, 320, 256), format="bgr24")
        f.pts = i
        for p in s.encode(f):
            out.mux(p)
    for p in s.encode(None):
        out.mux(p)
    out.close()


@pytest.mark.timeout(30)
def test_truncated_recording_says_how_much_was_read(tmp_path):
    path = tmp_path / "sortie.mkv"
    write_video(path, 40)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with VideoFeed(VideoSource(str(path)), pace_file=False) as feed:
        truncated = wait_event(feed, "truncated", 5.0)
    assert "of 40 frames (file truncated or corrupt)" in truncated.message
    assert 0 < feed.status().frames < 40 and feed.status().state == "ended"


@pytest.mark.timeout(30)
def test_corrupt_recording_is_refused_and_picked_up_once_replaced(tmp_path):
    path = tmp_path / "feed.ts"
    path.write_bytes(np.random.default_rng(1).bytes(50000))
    with pytest.raises(VideoOpenError, match="not a video FFmpeg can decode"):
        open_capture(VideoSource(str(path)))
    with VideoFeed(VideoSource(str(path)), backoff_s=(0.2, 0.5), pace_file=False) as feed:
        failed = wait_event(feed, "open-failed", 5.0)
        assert "retrying" in failed.message and feed.status().last_error is not None
        good = tmp_path / "good.ts"
        write_video(good, 10, "mpegts")
        good.replace(path)
        wait_event(feed, "ended", 10.0)
        assert feed.status().frames >= 1 and feed.status().last_error is None


def test_y16_expectation_names_what_arrived():
    assert Y16.problem(np.zeros((512, 640, 3), np.uint8)) == \
        "wrong pixel format: expected uint16 with 1 channel(s), got uint8 with 3 channel(s), 640x512"
    assert Y16.problem(np.zeros((512, 640), np.uint16)) is None


def test_sources_from_the_vehicle_and_the_operator():
    qgc = source_from_stream_information(1, "udp://0.0.0.0:5600", encoding=1)
    assert qgc.uri == "rtp://127.0.0.1:5600?codec=h264" and qgc.kind == "rtp"
    rtsp = source_from_stream_information(0, "rtsp://192.168.144.25:8554/main.264")
    opts = rtsp.ffmpeg_options()
    assert opts["rtsp_transport"] == "tcp" and opts["fflags"] == "nobuffer" and opts["flags"] == "low_delay"
    assert VideoSource("/dev/video2?y16=1").kind == "device" and VideoSource("clip.mp4").kind == "file"
    with pytest.raises(VideoOpenError, match="unsupported video URI scheme"):
        VideoSource("gopher://x").kind
    with pytest.raises(VideoOpenError, match="video file not found"):
        open_capture(VideoSource("/nonexistent/clip.mp4"))
    with pytest.raises(VideoOpenError, match="unknown VIDEO_STREAM_TYPE"):
        source_from_stream_information(9, "udp://x:1")
