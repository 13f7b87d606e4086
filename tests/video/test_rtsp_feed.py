"""The station's feed plays what real drone cameras serve: RTSP (the simulator's server, TCP
interleaved and UDP) with H.264 and H.265, and H.265 over udp:// MPEG-TS and rtp://."""
import threading
import time

import numpy as np
import pytest
from frames import FPS, H, W, check_capture_times, collect, free_port, pace, wait_event

from drivers.video.feed import BGR8, VideoFeed
from drivers.video.sources import VideoSource
from sitl.camera.rtsp import RtspServer

# Key frames every 0.25 s: the feed's first picture waits for a key frame twice (the one FFmpeg
# probes is discarded with fflags nobuffer, so that no stale frame is ever shown).
GOP = 5


@pytest.mark.timeout(30)
@pytest.mark.parametrize("codec", ["h264", "h265"])
@pytest.mark.parametrize("transport", ["tcp", "udp"])
def test_rtsp_stream_plays_with_capture_times(codec, transport):
    sent: dict[int, float] = {}
    # a 1 s session timeout: the session lives only if FFmpeg's keep-alives (GET_PARAMETER) are understood
    with RtspServer(session_timeout_s=1.0) as server:
        camera = server.add_stream("thermal", W, H, fps=FPS, codec=codec, gop=GOP)
        t0 = time.time() + 0.2
        sender = threading.Thread(target=pace, args=(camera, range(70), t0, (W, H), sent))
        sender.start()
        with VideoFeed(VideoSource(server.url("thermal"), rtsp_transport=transport), expect=BGR8) as feed:
            frames = collect(feed, t0 + 50 / FPS)
            sessions, status = server.sessions(), feed.status()  # while the camera still sends
            frames += collect(feed, t0 + 70 / FPS + 0.5)
        sender.join()
    assert [(s.transport, s.dropped_pictures) for s in sessions] == [(transport, 0)]
    assert status.reconnects == 0 and status.state == "live"
    assert len(frames) >= 25, feed.events()
    check_capture_times(frames, sent)
    assert feed.events()[0].kind == "connected"


@pytest.mark.timeout(40)
def test_rtsp_feed_reconnects_after_the_camera_server_restarts():
    server = RtspServer().start()
    port = server.port
    url = server.url("thermal")
    with VideoFeed(VideoSource(url, open_timeout_s=2.0, read_timeout_s=1.0), expect=BGR8,
                   backoff_s=(0.2, 0.5)) as feed:
        camera = server.add_stream("thermal", W, H, fps=FPS, gop=GOP)
        sender = threading.Thread(target=pace, args=(camera, range(60), time.time() + 0.1))
        sender.start()
        before = collect(feed, time.time() + 2.0)
        server.stop()  # mid-stream: the camera's server goes down, the camera keeps encoding
        wait_event(feed, "stalled", 3.0)
        sender.join()
        time.sleep(0.5)  # the camera is off for a while: the feed keeps trying
        with RtspServer(port=port) as again:
            t0 = time.time() + 0.1
            camera = again.add_stream("thermal", W, H, fps=FPS, gop=GOP)
            sender = threading.Thread(target=pace, args=(camera, range(60), t0))
            sender.start()
            later = collect(feed, t0 + 60 / FPS + 0.3)
            sender.join()
    kinds = [e.kind for e in feed.events()]
    assert len(before) > 0 and len(later) >= 10, [(e.kind, e.message) for e in feed.events()]
    assert feed.status().reconnects >= 1 and kinds.count("connected") >= 2 and "open-failed" in kinds, kinds


@pytest.mark.timeout(30)
def test_a_wrong_rtsp_path_or_absent_server_is_an_open_failed_event_saying_why():
    with RtspServer() as server:
        camera = server.add_stream("thermal", W, H, fps=FPS)
        camera.send(np.zeros((H, W, 3), np.uint8), time.time())
        wrong = server.url("rgb")
        with VideoFeed(VideoSource(wrong), backoff_s=(0.2, 0.5)) as feed:
            failed = wait_event(feed, "open-failed", 3.0)
        camera.close()
    assert failed.message.startswith(f"cannot open {wrong}: the server answered 404 Not Found (wrong path?)")
    assert feed.status().frames == 0 and feed.status().last_error == failed.message
    absent = f"rtsp://127.0.0.1:{free_port()}/thermal"
    with VideoFeed(VideoSource(absent), backoff_s=(0.2, 0.5)) as feed:
        failed = wait_event(feed, "open-failed", 3.0)
    assert "connection refused: no RTSP server at 127.0.0.1" in failed.message
    # other sources that fail at once no longer claim to have waited for the open timeout
    with VideoFeed(VideoSource(f"http://127.0.0.1:{free_port()}/video.mjpg"), backoff_s=(0.2, 0.5)) as feed:
        failed = wait_event(feed, "open-failed", 3.0)
    assert "refused or unreadable at once" in failed.message
