"""Where video comes from, and opening it through OpenCV's FFmpeg (or V4L2) backend with low latency.

Accepted sources (a URI from VIDEO_STREAM_INFORMATION or typed by the operator):
- ``rtsp://`` / ``rtsps://``: RTSP, transport TCP by default (fewer broken frames over Wi-Fi).
- ``udp://HOST:PORT``: MPEG-TS over UDP (H.264 or H.265).
- ``rtp://HOST:PORT?codec=h264|h265``: raw RTP over UDP, payload type 96 (what QGroundControl's
  "UDP h.264" expects on port 5600); the station writes the SDP FFmpeg needs.
- ``http://`` / ``https://``: MJPEG or any stream FFmpeg reads; ``file:`` or a path: a recording.
- ``/dev/videoN`` or ``device:N``: a local UVC camera; ``y16=1`` asks it for 16-bit Y16 (thermal cores).
"""
from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import cv2

# FFmpeg reads OPENCV_FFMPEG_CAPTURE_OPTIONS when a capture opens; opening is serialised so two
# sources with different options never see each other's.
_OPEN_LOCK = threading.Lock()
RTP_CODECS = {"h264": "H264", "h265": "H265", "hevc": "H265"}
# MAVLink VIDEO_STREAM_TYPE
STREAM_TYPE_RTSP, STREAM_TYPE_RTPUDP, STREAM_TYPE_TCP_MPEG, STREAM_TYPE_MPEG_TS = 0, 1, 2, 3


class VideoOpenError(RuntimeError):
    """A source could not be opened (unreachable, not a video, wrong URI)."""


@dataclass(frozen=True)
class VideoSource:
    uri: str
    open_timeout_s: float = 5.0
    read_timeout_s: float = 2.0
    rtsp_transport: str = "tcp"
    max_delay_s: float = 0.1  # how long FFmpeg may wait to reorder packets
    extra_options: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        scheme = urlsplit(self.uri).scheme.lower()
        if self.uri.startswith("/dev/video") or scheme == "device":
            return "device"
        if scheme in ("rtsp", "rtsps"):
            return "rtsp"
        if scheme in ("udp", "rtp", "http", "https", "tcp"):
            return scheme
        if scheme in ("", "file"):
            return "file"
        raise VideoOpenError(f"unsupported video URI scheme {scheme!r} in {self.uri!r}")

    @property
    def live(self) -> bool:
        return self.kind != "file"

    @property
    def held_frames(self) -> int:
        """Frames FFmpeg holds before handing one over: its H.264/H.265 parser completes a picture only
        when the next one starts, and the MPEG-TS demuxer does the same with its packets once more.
        Measured on loopback at 4 and 20 fps: a frame arrives 1 interval (RTP, RTSP) or 2 (MPEG-TS)
        after the next, so capture times are moved back by as many intervals."""
        return {"rtp": 1, "rtsp": 1, "udp": 2, "tcp": 2}.get(self.kind, 0)

    def ffmpeg_options(self) -> dict[str, str]:
        """Low-latency demuxer options: no input buffering, no decoder delay, short probing."""
        opts: dict[str, str] = {}
        if self.live:  # a recording is read as it is: nothing to gain from cutting corners
            opts = {"fflags": "nobuffer", "flags": "low_delay", "max_delay": str(int(self.max_delay_s * 1e6)),
                    "probesize": "200000", "analyzeduration": "500000"}
        if self.kind in ("udp", "tcp"):
            opts["format_whitelist"] = "mpegts"  # never guess a format from garbage on the port
        if self.kind == "rtsp":
            opts["rtsp_transport"] = self.rtsp_transport
        if self.kind == "rtp":
            opts["protocol_whitelist"] = "file,udp,rtp"
        opts.update(self.extra_options)
        return opts


def source_from_stream_information(stream_type: int, uri: str, encoding: int = 1) -> VideoSource:
    """Map a VIDEO_STREAM_INFORMATION (type, uri, encoding: 1 = H.264, 2 = H.265) to a source."""
    if stream_type == STREAM_TYPE_RTPUDP and not uri.startswith("rtp://"):
        # PX4/QGC advertise raw RTP as "udp://0.0.0.0:5600": the port is what matters
        parts = urlsplit(uri if "://" in uri else f"udp://{uri}")
        host = parts.hostname if parts.hostname not in (None, "0.0.0.0") else "127.0.0.1"
        codec = "h265" if encoding == 2 else "h264"
        return VideoSource(f"rtp://{host}:{parts.port or 5600}?codec={codec}")
    if stream_type in (STREAM_TYPE_RTSP, STREAM_TYPE_TCP_MPEG, STREAM_TYPE_MPEG_TS, STREAM_TYPE_RTPUDP):
        return VideoSource(uri)
    raise VideoOpenError(f"unknown VIDEO_STREAM_TYPE {stream_type} for {uri!r}")


def open_capture(source: VideoSource) -> cv2.VideoCapture:
    """Open the source or raise VideoOpenError with what went wrong."""
    kind = source.kind
    if kind == "device":
        return _open_device(source)
    target = source.uri
    if kind == "file":
        path = Path(urlsplit(target).path if target.startswith("file:") else target)
        if not path.is_file():
            raise VideoOpenError(f"video file not found: {path}")
        target = str(path)
    elif kind == "rtp":
        target = _sdp_file(source.uri)
    # one decoder thread: FFmpeg's frame threading holds back a frame per extra thread
    params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(source.open_timeout_s * 1000),
              cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(source.read_timeout_s * 1000), cv2.CAP_PROP_N_THREADS, 1]
    started = time.monotonic()
    try:
        cap = _open_ffmpeg(target, params, "|".join(f"{k};{v}" for k, v in source.ffmpeg_options().items()))
    finally:
        if kind == "rtp":
            os.unlink(target)  # FFmpeg has read the SDP by now
    if not cap.isOpened():
        cap.release()
        if kind == "file":
            hint = "not a video FFmpeg can decode, or truncated"
        elif kind == "rtsp" and urlsplit(source.uri).scheme.lower() == "rtsp":
            hint = rtsp_answer(source.uri, source.open_timeout_s)  # OpenCV keeps FFmpeg's reason to itself
        elif time.monotonic() - started < 0.8 * source.open_timeout_s:
            hint = "refused or unreadable at once"
        else:
            hint = f"nothing decodable arrived within {source.open_timeout_s:.0f} s"
        raise VideoOpenError(f"cannot open {source.uri}: {hint}")
    return cap


def rtsp_answer(uri: str, timeout_s: float) -> str:
    """Why an RTSP stream did not open, in the operator's words: ask the server for it (one DESCRIBE)."""
    parts = urlsplit(uri)
    host, port = parts.hostname or "", parts.port or 554
    bare = uri.replace(f"{parts.username}:{parts.password}@" if parts.password else f"{parts.username}@", "") \
        if parts.username else uri  # never send credentials on a side channel
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as sock:
            sock.sendall(f"DESCRIBE {bare} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n"
                         "User-Agent: groundstation\r\n\r\n".encode())
            reply = sock.recv(4096).decode("latin-1")
    except ConnectionRefusedError:
        return f"connection refused: no RTSP server at {host}:{port}"
    except TimeoutError:
        return f"no answer from {host}:{port} within {timeout_s:.0f} s"
    except OSError as e:
        return f"cannot reach {host}:{port}: {e.strerror or e}"
    status = reply.split("\r\n", 1)[0]
    fields = status.split(" ", 2)
    if len(fields) < 2 or not fields[0].startswith("RTSP/"):
        return f"{host}:{port} does not speak RTSP (it answered {status[:60]!r})"
    code = fields[1]
    if code == "200":
        return f"the server describes the stream but nothing decodable arrived within {timeout_s:.0f} s"
    meaning = {"401": "credentials needed or refused", "404": "wrong path?",
               "503": "the camera is not streaming"}.get(code)
    return f"the server answered {' '.join(fields[1:])}" + (f" ({meaning})" if meaning else "")


def _open_ffmpeg(target: str, params: list[int], options: str) -> cv2.VideoCapture:
    with _OPEN_LOCK:
        previous = os.environ.get("OPENCV_FFMPEG_CAPTURE_OPTIONS")
        os.environ["OPENCV_FFMPEG_CAPTURE_OPTIONS"] = options
        try:
            return cv2.VideoCapture(target, cv2.CAP_FFMPEG, params)
        finally:
            if previous is None:
                del os.environ["OPENCV_FFMPEG_CAPTURE_OPTIONS"]
            else:
                os.environ["OPENCV_FFMPEG_CAPTURE_OPTIONS"] = previous


def _open_device(source: VideoSource) -> cv2.VideoCapture:
    parts = urlsplit(source.uri)
    query = parse_qs(parts.query)
    spec = parts.path if source.uri.startswith("/dev/video") else (parts.netloc or parts.path)
    index = int(spec.removeprefix("/dev/video")) if spec.removeprefix("/dev/video").isdigit() else None
    if index is None:
        raise VideoOpenError(f"cannot read a device number from {source.uri!r}")
    cap = cv2.VideoCapture(index, cv2.CAP_V4L2)
    if not cap.isOpened():
        cap.release()
        raise VideoOpenError(f"cannot open video device {index} ({source.uri})")
    if query.get("y16", ["0"])[0] == "1":
        # raw 16-bit counts: ask for Y16 and keep OpenCV from converting them to BGR
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc("Y", "1", "6", " "))
        cap.set(cv2.CAP_PROP_CONVERT_RGB, 0)
    return cap


def _sdp_file(uri: str) -> str:
    """Write the SDP that tells FFmpeg how to read a raw RTP stream (payload type 96)."""
    parts = urlsplit(uri)
    codec = parse_qs(parts.query).get("codec", ["h264"])[0].lower()
    if codec not in RTP_CODECS:
        raise VideoOpenError(f"unsupported RTP codec {codec!r}; use h264 or h265")
    if parts.port is None:
        raise VideoOpenError(f"RTP URI needs a port: {uri!r}")
    host = parts.hostname or "0.0.0.0"
    sdp = (f"v=0\no=- 0 0 IN IP4 {host}\ns=groundstation\nc=IN IP4 {host}\nt=0 0\n"
           f"m=video {parts.port} RTP/AVP 96\na=rtpmap:96 {RTP_CODECS[codec]}/90000\n")
    fd, path = tempfile.mkstemp(prefix="groundstation-rtp-", suffix=".sdp")
    with os.fdopen(fd, "w") as f:
        f.write(sdp)
    return path
