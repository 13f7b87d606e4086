"""The simulator's RTSP server spoken to over raw sockets: RFC 2326 requests and errors, RFC 6184 /
RFC 7798 packets checked by an independent depacketiser and decoded by FFmpeg (PyAV), RTCP sender
reports that give back the capture time, several clients, and clients that stop reading or vanish."""
from __future__ import annotations

import base64
import itertools
import math
import re
import socket
import struct
import threading
import time

import av
import numpy as np
import pytest

from sitl.camera.rtp import AccessUnitEncoder, RtpPacketiser, nal_type
from sitl.camera.rtsp import RtspServer

W, H, FPS = 320, 256, 20.0


def marked(i: int, w: int = W, h: int = H, noise: bool = False) -> np.ndarray:
    """A frame with a white bar at x = 20 + 3 i: its index can be read back after decoding."""
    img = np.random.default_rng(i).integers(0, 255, (h, w, 3), np.uint8) if noise else \
        np.full((h, w, 3), (40, 90, 60), np.uint8)
    img[h // 2 - 20:h // 2 + 20, :] = (40, 90, 60)
    x = 20 + 3 * (i % 90)
    img[h // 2 - 20:h // 2 + 20, x:x + 3] = 255
    return img


def index_of(img: np.ndarray) -> int:
    row = img[img.shape[0] // 2, :, 1].astype(int)
    return int(round((np.argmax(row > 200) - 20) / 3))


class Camera:
    """Sends frames i = 0, 1, ... at FPS to a server path from its own thread, logging capture times."""

    def __init__(self, server: RtspServer, path: str = "thermal", codec: str = "h264", size=(W, H),
                 noise: bool = False) -> None:
        self.stream = server.add_stream(path, *size, fps=FPS, codec=codec, gop=10)
        self.size, self.noise = size, noise
        self.sent: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        i, due = 0, time.time()
        while not self._stop.wait(max(0.0, due - time.time())):
            capture = time.time()
            self.stream.send(marked(i, *self.size, noise=self.noise), capture)
            self.sent[i] = capture
            i, due = i + 1, due + 1 / FPS

    def __enter__(self) -> "Camera":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class RawClient:
    """An RTSP client with no cleverness: requests, replies, and interleaved data kept aside."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=3.0)
        self.cseq = 0
        self.buffer = b""
        self.interleaved: list[tuple[int, bytes]] = []

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def request(self, method: str, uri: str, headers: dict[str, str] | None = None, body: bytes = b"",
                version: str = "RTSP/1.0"):
        self.cseq += 1
        lines = [f"{method} {uri} {version}", f"CSeq: {self.cseq}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.send_raw(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        return self.reply()

    def reply(self) -> tuple[int, dict[str, str], bytes]:
        while True:
            if self.buffer.startswith(b"$"):
                self._take_interleaved()
                continue
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                head, self.buffer = self.buffer[:end].decode(), self.buffer[end + 4:]
                status_line, *lines = head.split("\r\n")
                headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
                length = int(headers.get("content-length", 0))
                while len(self.buffer) < length:
                    self._fill()
                body, self.buffer = self.buffer[:length], self.buffer[length:]
                return int(status_line.split(" ")[1]), headers, body
            self._fill()

    def packets(self, channel: int, count: int) -> list[bytes]:
        """The next `count` interleaved packets on `channel`."""
        out = []
        while len(out) < count:
            if not self.buffer.startswith(b"$") or len(self.buffer) < 4:
                self._fill()
                continue
            got = self._take_interleaved()
            if got is not None and got[0] == channel:
                out.append(got[1])
        return out

    def _take_interleaved(self):
        while len(self.buffer) < 4:
            self._fill()
        channel, length = struct.unpack("!BH", self.buffer[1:4])
        while len(self.buffer) < 4 + length:
            self._fill()
        data, self.buffer = self.buffer[4:4 + length], self.buffer[4 + length:]
        self.interleaved.append((channel, data))
        return channel, data

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


def depacketise(codec: str, packets: list[bytes]) -> list[tuple[int, list[bytes]]]:
    """RTP packets -> access units (timestamp, NAL units), cut at the marker bit (RFC 6184 / 7798)."""
    units: list[tuple[int, list[bytes]]] = []
    current: list[bytes] = []
    fragment = b""
    for packet in packets:
        marker, ts = packet[1] & 0x80, struct.unpack("!I", packet[4:8])[0]
        assert packet[0] == 0x80 and packet[1] & 0x7F == 96
        payload = packet[12:]
        kind = nal_type(codec, payload)
        if (codec, kind) in (("h264", 28), ("h265", 49)):
            head = 1 if codec == "h264" else 2
            fu = payload[head]
            if fu & 0x80:  # start: rebuild the unit's own header from the FU's
                original = fu & (0x1F if codec == "h264" else 0x3F)
                fragment = bytes([(payload[0] & 0xE0) | original]) if codec == "h264" else \
                    bytes([(payload[0] & 0x81) | (original << 1), payload[1]])
            fragment += payload[head + 1:]
            if fu & 0x40:
                current.append(fragment)
        else:
            current.append(payload)
        if marker:
            units.append((ts, current))
            current = []
    return units


def decode(codec: str, units: list[list[bytes]]) -> list[np.ndarray]:
    decoder = av.CodecContext.create("h264" if codec == "h264" else "hevc", "r")
    images = []
    for nals in units:
        for frame in decoder.decode(av.Packet(b"".join(b"\x00\x00\x00\x01" + n for n in nals))):
            images.append(frame.to_ndarray(format="bgr24"))
    return images


@pytest.mark.parametrize("codec", ["h264", "h265"])
def test_packets_carry_each_picture_whole_with_capture_timestamps(codec):
    encoder = AccessUnitEncoder(codec, 640, 512, FPS, gop=10)
    rtp = RtpPacketiser(codec)
    t0 = 1_790_000_000.0
    aus = [au for i in range(6) for au in encoder.encode(marked(i, 640, 512, noise=True), t0 + i / FPS)]
    packets = [p for au in aus for p in rtp.packets(au)]
    assert len(packets) > 20 * len(aus)  # noisy pictures: most NAL units are fragmented
    assert max(len(p) for p in packets) <= 12 + 1400
    seqs = [struct.unpack("!H", p[2:4])[0] for p in packets]
    assert all((b - a) & 0xFFFF == 1 for a, b in itertools.pairwise(seqs))
    units = depacketise(codec, packets)
    assert [nals for _, nals in units] == [list(au.nal_units) for au in aus]
    stamps = [ts for ts, _ in units]
    assert [((b - a) & 0xFFFFFFFF) for a, b in itertools.pairwise(stamps)] == [4500] * (len(aus) - 1)
    assert [index_of(img) for img in decode(codec, [nals for _, nals in units])] == list(range(6))


def sdp_fmtp(body: bytes) -> dict[str, str]:
    line = next(x for x in body.decode().split("\r\n") if x.startswith("a=fmtp:96 "))
    return dict(p.split("=", 1) for p in line.removeprefix("a=fmtp:96 ").split(";"))


@pytest.mark.timeout(20)
@pytest.mark.parametrize("codec", ["h264", "h265"])
def test_describe_gives_the_parameter_sets_and_controls(codec):
    with RtspServer() as server, Camera(server, "cam/thermal", codec):
        client = RawClient(server.port)
        status, headers, _ = client.request("OPTIONS", "*")
        assert status == 200 and "DESCRIBE" in headers["public"] and "GET_PARAMETER" in headers["public"]
        status, headers, body = client.request("DESCRIBE", server.url("cam/thermal"), {"Accept": "application/sdp"})
        client.close()
    assert status == 200 and headers["content-type"] == "application/sdp"
    assert headers["content-base"] == server.url("cam/thermal") + "/"
    sdp = body.decode()
    assert "m=video 0 RTP/AVP 96" in sdp and "a=control:*" in sdp and "a=control:trackID=0" in sdp
    fmtp = sdp_fmtp(body)
    if codec == "h264":
        assert "a=rtpmap:96 H264/90000" in sdp and fmtp["packetization-mode"] == "1"
        sps, pps = (base64.b64decode(x) for x in fmtp["sprop-parameter-sets"].split(","))
        assert (nal_type(codec, sps), nal_type(codec, pps)) == (7, 8)
        assert fmtp["profile-level-id"] == sps[1:4].hex()
    else:
        assert "a=rtpmap:96 H265/90000" in sdp
        assert [nal_type(codec, base64.b64decode(fmtp[f"sprop-{k}"])) for k in ("vps", "sps", "pps")] == [32, 33, 34]


def play_tcp(server: RtspServer, path: str = "thermal") -> tuple[RawClient, str]:
    client = RawClient(server.port)
    base = server.url(path) + "/"
    assert client.request("DESCRIBE", server.url(path))[0] == 200
    status, headers, _ = client.request("SETUP", base + "trackID=0",
                                        {"Transport": "RTP/AVP/TCP;unicast;interleaved=0-1"})
    assert status == 200 and headers["transport"].startswith("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=")
    session = headers["session"].split(";")[0]
    assert headers["session"].endswith(f";timeout={math.ceil(server.session_timeout_s)}")
    status, headers, _ = client.request("PLAY", base, {"Session": session, "Range": "npt=0.000-"})
    assert status == 200 and headers["rtp-info"].startswith(f"url={base}trackID=0;seq=")
    return client, session


def capture_times(packets: list[bytes], report: bytes) -> list[float]:
    """Each picture's capture time from its RTP timestamp and an RTCP sender report's NTP/RTP pair."""
    assert report[1] == 200  # SR first in the compound packet (RFC 3550 6.1)
    seconds, fraction, rtp_ts = struct.unpack("!IIIxxxxxxxx", report[8:28])
    wall = seconds - 2_208_988_800 + fraction / 2 ** 32
    return [wall + ((struct.unpack("!I", p[4:8])[0] - rtp_ts + 2 ** 31) % 2 ** 32 - 2 ** 31) / 90000
            for p in packets if p[1] & 0x80]


@pytest.mark.timeout(20)
def test_tcp_interleaved_play_starts_at_a_key_frame_and_reports_capture_times():
    with RtspServer() as server, Camera(server) as camera:
        client, session = play_tcp(server)
        packets = client.packets(0, 150)
        report = client.packets(1, 1)[0]  # the sender report follows within a second
        assert client.request("GET_PARAMETER", server.url("thermal") + "/", {"Session": session})[0] == 200
        assert client.request("TEARDOWN", server.url("thermal") + "/", {"Session": session})[0] == 200
        assert server.sessions() == []
        client.close()
    units = depacketise("h264", packets)
    assert nal_type("h264", units[0][1][0]) == 7  # the first picture a receiver sees starts with its SPS
    images = decode("h264", [nals for _, nals in units])
    indices = [index_of(img) for img in images]
    assert len(images) == len(units) >= 5 and indices == list(range(indices[0], indices[0] + len(indices)))
    # a receiver recovers each picture's capture time to well within a millisecond
    errors = [abs(t - camera.sent[i]) for t, i in zip(capture_times(packets, report), indices)]
    assert max(errors) < 0.001, errors


@pytest.mark.timeout(20)
def test_udp_unicast_play_sends_rtp_and_sender_reports_to_the_client_ports():
    rtp_in = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rtp_in.bind(("127.0.0.1", 0))
    rtcp_in = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rtcp_in.bind(("127.0.0.1", 0))
    ports = rtp_in.getsockname()[1], rtcp_in.getsockname()[1]
    with RtspServer() as server, Camera(server, codec="h265") as camera:
        client = RawClient(server.port)
        status, headers, _ = client.request("SETUP", server.url("thermal") + "/trackID=0",
                                            {"Transport": f"RTP/AVP;unicast;client_port={ports[0]}-{ports[1]}"})
        assert status == 200, headers
        server_ports = re.search(r"server_port=(\d+)-(\d+)", headers["transport"]).groups()
        assert int(server_ports[0]) % 2 == 0 and int(server_ports[1]) == int(server_ports[0]) + 1
        session = headers["session"].split(";")[0]
        assert client.request("PLAY", server.url("thermal"), {"Session": session})[0] == 200
        rtp_in.settimeout(3.0)
        rtcp_in.settimeout(3.0)
        packets = []
        while sum(p[1] >> 7 for p in packets) < 10:
            packet, source = rtp_in.recvfrom(2048)
            assert source[1] == int(server_ports[0])
            packets.append(packet)
        report = rtcp_in.recv(2048)
        client.close()
    units = depacketise("h265", packets)
    assert nal_type("h265", units[0][1][0]) == 32  # a key frame with its VPS first
    indices = [index_of(img) for img in decode("h265", [nals for _, nals in units])]
    errors = [abs(t - camera.sent[i]) for t, i in zip(capture_times(packets, report), indices)]
    assert len(indices) == 10 and max(errors) < 0.001, errors
    rtp_in.close()
    rtcp_in.close()


@pytest.mark.timeout(20)
def test_bad_requests_get_rtsp_error_codes_and_the_connection_carries_on():
    with RtspServer() as server, Camera(server):
        client, session = play_tcp(server)
        url = server.url("thermal")
        cases = [
            (("DESCRIBE", server.url("nope")), 404),
            (("SETUP", url + "/trackID=3", {"Transport": "RTP/AVP/TCP;interleaved=2-3"}), 404),
            (("PLAY", url), 454),
            (("PLAY", url, {"Session": "deadbeef"}), 454),
            (("SETUP", url + "/trackID=0", {"Transport": "RTP/AVP;multicast"}), 461),
            (("SETUP", url + "/trackID=0", {"Transport": "RTP/AVP;unicast"}), 461),  # no client_port
            (("SETUP", url + "/trackID=0", {"Transport": "RTP/SAVP;unicast;client_port=5000-5001"}), 461),
            (("SETUP", url + "/trackID=0", {"Transport": "RTP/AVP/TCP;interleaved=0-1", "Session": session}), 455),
            (("GET_PARAMETER", url, {"Session": session}, b"packets_received\r\n"), 451),
            (("RECORD", url, {"Session": session}), 405),
            (("FLY", url), 501),
            (("DESCRIBE", "/thermal"), 400),
        ]
        for args, expected in cases:
            status, headers, body = client.request(*args)
            assert status == expected, (args, status, body)
            assert int(headers["cseq"]) == client.cseq and body, args  # each error says why
        assert b"served: /thermal" in client.request("DESCRIBE", server.url("nope"))[2]
        assert client.request("OPTIONS", "*", version="RTSP/2.0")[0] == 505
        # after all that the session still plays
        assert len(client.packets(0, 20)) == 20
        assert [s.playing for s in server.sessions()] == [True]
        # a request without CSeq, or bytes that are not RTSP, end the connection after a 400
        for junk in (b"OPTIONS * RTSP/1.0\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\r\n\r\n"):
            other = RawClient(server.port)
            other.send_raw(junk)
            assert other.reply()[0] == 400
            with pytest.raises(ConnectionError):
                other.reply()
            other.close()
        client.close()


@pytest.mark.timeout(30)
def test_a_client_that_stops_reading_or_vanishes_does_not_hold_up_the_others():
    with RtspServer() as server, Camera(server, size=(640, 512), noise=True) as camera:
        stuck = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stuck.connect(("127.0.0.1", server.port))
        stuck.sendall(f"SETUP {server.url('thermal')}/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                      "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n".encode())
        session = re.search(rb"Session: (\w+)", stuck.recv(4096))[1].decode()
        stuck.sendall(f"PLAY {server.url('thermal')} RTSP/1.0\r\nCSeq: 2\r\nSession: {session}\r\n\r\n".encode())
        vanished, _ = play_tcp(server)
        vanished.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        vanished.close()  # reset, no TEARDOWN
        watcher, _ = play_tcp(server)
        start = len(camera.sent)
        units = []
        while len(units) < 40:  # two seconds of noisy 640x512 pictures, ~6 MB
            units += depacketise("h264", watcher.packets(0, 200))
        received = len(camera.sent) - start
        sessions = {s.id: s for s in server.sessions()}
        watcher.close()
        stuck.close()
    assert len(units) >= 0.8 * received, (len(units), received)  # the watcher kept up with the camera
    assert sessions[session].dropped_pictures > 0  # the stuck client lost pictures instead of blocking
    assert len(sessions) == 2  # the vanished client's session ended with its connection


@pytest.mark.timeout(20)
def test_silent_sessions_time_out_and_kept_alive_ones_stay():
    with RtspServer(session_timeout_s=0.6) as server, Camera(server):
        sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sink.bind(("127.0.0.1", 0))
        silent = RawClient(server.port)
        status, headers, _ = silent.request("SETUP", server.url("thermal") + "/trackID=0", {
            "Transport": f"RTP/AVP;unicast;client_port={sink.getsockname()[1]}-{sink.getsockname()[1] + 1}"})
        assert status == 200 and headers["session"].endswith(";timeout=1")
        lively, session = play_tcp(server)
        for _ in range(8):
            time.sleep(0.2)
            assert lively.request("GET_PARAMETER", server.url("thermal"), {"Session": session})[0] == 200
        left = server.sessions()
        silent.close()
        sink.close()
        lively.close()
    assert [s.id for s in left] == [session]


@pytest.mark.timeout(20)
def test_a_camera_that_goes_away_ends_its_receivers_connections():
    with RtspServer() as server:
        camera = Camera(server)
        with camera:
            client, _ = play_tcp(server)
            client.packets(0, 5)
        camera.stream.close()
        with pytest.raises(ConnectionError):
            while True:
                client._fill()
        assert server.sessions() == []
        assert RawClient(server.port).request("DESCRIBE", server.url("thermal"))[0] == 404
        client.close()


PIECES = ["RTP/AVP/TCP", "RTP/AVP", "RTP/AVP/UDP", "RTP/SAVP", "unicast", "multicast", "interleaved=",
          "client_port=", "mode=record", "mode=play", "-", ";", ",", "=", "0", "1", "65536", "99999", "x"]


@pytest.mark.timeout(60)
def test_malformed_requests_never_break_the_server():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with RtspServer() as server, Camera(server):
        url = server.url("thermal")
        field_text = st.one_of(st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
                               st.text(st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=30))

        @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
        @given(method=st.sampled_from(["OPTIONS", "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN",
                                       "GET_PARAMETER", "RECORD", "X_Y"]),
               uri=st.sampled_from([url, url + "/", url + "/trackID=0", url + "/trackID=9", "*", "rtsp://",
                                    "rtsp://h:1/", "thermal", url + "%00"]),
               transport=field_text, session=field_text, cseq=st.sampled_from(["7", "", "x", "-1"]))
        def check(method, uri, transport, session, cseq):
            client = RawClient(server.port)
            head = f"{method} {uri} RTSP/1.0\r\nCSeq: {cseq}\r\nTransport: {transport}\r\nSession: {session}\r\n\r\n"
            client.send_raw(head.encode("latin-1"))
            status = client.reply()[0]  # every request gets an RTSP answer, never a dropped connection
            assert status in (200, 400, 404, 405, 454, 455, 459, 461, 501), head
            client.close()

        check()
        assert play_tcp(server)[0].packets(0, 10)  # and the camera is still served
