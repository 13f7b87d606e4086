"""A small live RTSP 1.0 server (RFC 2326), as on real drone cameras (Siyi, Skydroid, PX4 camera managers).

`RtspServer(host, port)` serves live paths (``rtsp://HOST:PORT/thermal``); `add_stream(path, w, h,
fps, codec)` gives an `RtspStream` with the `send(image_bgr, capture_time_s)` / `close()` of
VideoStreamer, encoding H.264 or H.265 with PyAV and packetising as sitl/camera/rtp.py describes.

Methods: OPTIONS, DESCRIBE (SDP with the parameter sets and a=control), SETUP with RTP/AVP/TCP
interleaved or RTP/AVP unicast UDP (client_port), PLAY, PAUSE, TEARDOWN, GET_PARAMETER (keep-alive).
Errors: 400 malformed, 404 unknown path or track, 405 publishing methods, 451 GET_PARAMETER asking
for a parameter, 454 unknown session, 455 transport change while playing, 459 two paths in one
session, 461 unsupported transport, 501 unknown method, 503 no picture yet, 505 not RTSP/1.0.

One asyncio loop in its own thread does all network I/O; the cameras' threads only encode and hand
access units over. A receiver starts at the next key frame. A receiver that stops reading loses
pictures (and waits for the next key frame) instead of holding up the others, and a session that
sends no request or RTCP for `session_timeout_s` is dropped; a TCP interleaved session also ends with
its connection (a UDP one outlives it, as RFC 2326 allows).
"""
from __future__ import annotations

import asyncio
import math
import re
import secrets
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np

from sitl.camera.rtp import AccessUnit, AccessUnitEncoder, ParameterSets, RtpPacketiser

SERVER = "groundstation-sim RTSP"
PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER"
TRACK = "trackID=0"  # one video track per path
MAX_HEAD_BYTES = 8192  # request line + headers
MAX_BODY_BYTES = 65536
MAX_BACKLOG_BYTES = 1 << 20  # unsent bytes for a TCP receiver beyond which its pictures are dropped
SENDER_REPORT_S = 1.0
DESCRIBE_WAIT_S = 3.0  # how long DESCRIBE waits for the first parameter sets of a just-started path
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 451: "Parameter Not Understood",
           454: "Session Not Found",
           455: "Method Not Valid in This State", 459: "Aggregate Operation Not Allowed",
           461: "Unsupported Transport", 501: "Not Implemented", 503: "Service Unavailable",
           505: "RTSP Version Not Supported"}


class RtspError(Exception):
    def __init__(self, status: int, why: str = "") -> None:
        super().__init__(f"{status} {REASONS[status]}{': ' + why if why else ''}")
        self.status = status


@dataclass
class Request:
    method: str
    uri: str
    version: str
    headers: dict[str, str]  # lower-case names
    body: bytes = b""

    @property
    def cseq(self) -> str:
        return self.headers["cseq"]


@dataclass(eq=False)  # a session is itself, not its fields: kept in sets
class Session:
    id: str
    path: "LivePath"
    connection: "Connection"
    tcp_channel: int | None = None  # RTP on this interleaved channel, RTCP on the next one
    client_ports: tuple[int, int] | None = None  # UDP RTP/RTCP ports on the client's host
    playing: bool = False
    waiting_for_key: bool = True
    last_heard: float = field(default_factory=time.monotonic)
    dropped_pictures: int = 0

    @property
    def udp_rtcp_address(self) -> tuple[str, int] | None:
        return None if self.client_ports is None else (self.connection.peer[0], self.client_ports[1])


@dataclass(frozen=True)
class SessionInfo:
    id: str
    path: str
    transport: str  # "tcp" (interleaved) or "udp"
    playing: bool
    dropped_pictures: int  # not sent because the receiver was not reading


class LivePath:
    """A served path: its parameter sets, RTP stream and sessions; used on the server's loop only."""

    def __init__(self, name: str, codec: str) -> None:
        self.name, self.codec = name, codec
        self.parameter_sets = ParameterSets(codec)
        self.rtp = RtpPacketiser(codec)
        self.sessions: set[Session] = set()
        self.ready = asyncio.Event()  # set once the parameter sets are known


class RtspStream:
    """A camera's video on one path: `send` encodes a BGR frame and hands it to the server."""

    def __init__(self, server: "RtspServer", path: str, encoder: AccessUnitEncoder) -> None:
        self.server, self.path, self.encoder = server, path, encoder
        self.url = server.url(path)
        self.frames = 0

    def send(self, image_bgr: np.ndarray, capture_time_s: float) -> None:
        for au in self.encoder.encode(image_bgr, capture_time_s):
            self.server.publish(self.path, au)
        self.frames += 1

    def close(self) -> None:
        for au in self.encoder.flush():
            self.server.publish(self.path, au)
        self.server.remove_path(self.path)


class RtspServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, session_timeout_s: float = 60.0) -> None:
        self.host, self.session_timeout_s = host, session_timeout_s
        self._requested_port = port
        self.port = 0
        self.rtp_ports = (0, 0)  # the server's UDP RTP/RTCP ports, shared by every UDP session
        self._paths: dict[str, LivePath] = {}
        self._sessions: dict[str, Session] = {}
        self._connections: set[Connection] = set()
        self._handlers: set[asyncio.Task] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None

    # ---- called from any thread ----------------------------------------------------------------

    def start(self) -> "RtspServer":
        if self._thread is not None:
            raise RuntimeError("RTSP server already started")
        started = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(started, failure), name="sim RTSP server", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            self._thread.join()
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join(timeout=5.0)

    def __enter__(self) -> "RtspServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def url(self, path: str) -> str:
        return f"rtsp://{self.host}:{self.port}/{path.strip('/')}"

    def add_stream(self, path: str, width: int, height: int, fps: float = 10.0, codec: str = "h264",
                   gop: int | None = None) -> RtspStream:
        """A new live path; a key frame every second unless `gop` says otherwise."""
        encoder = AccessUnitEncoder(codec, width, height, fps, gop or max(1, round(fps)))
        self._call(self._add_path, path.strip("/"), codec)
        return RtspStream(self, path.strip("/"), encoder)

    def publish(self, path: str, au: AccessUnit) -> None:
        if self._loop is not None and not self._loop.is_closed():
            try:
                self._loop.call_soon_threadsafe(self._fan_out, path, au)
            except RuntimeError:  # the server stopped meanwhile: nobody to send to
                pass

    def remove_path(self, path: str) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._call(self._remove_path, path.strip("/"))

    def sessions(self) -> list[SessionInfo]:
        """What each client session is doing, for tests and the simulator's status."""
        return self._call(lambda: [
            SessionInfo(s.id, s.path.name, "tcp" if s.tcp_channel is not None else "udp", s.playing,
                        s.dropped_pictures) for s in self._sessions.values()])

    def _call(self, fn: Callable, *args):
        """Run `fn` on the server's loop and return its result."""
        if self._loop is None or self._thread is None or not self._thread.is_alive():
            raise RuntimeError("RTSP server is not running")

        async def run():
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(timeout=5.0)

    # ---- the loop --------------------------------------------------------------------------------

    def _run(self, started: threading.Event, failure: list[BaseException]) -> None:
        try:
            asyncio.run(self._serve(started))
        except BaseException as exc:  # a port in use: the caller of start() hears of it
            if not started.is_set():
                failure.append(exc)
                started.set()
            else:
                raise

    async def _serve(self, started: threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        server = await asyncio.start_server(self._connection, self.host, self._requested_port,
                                            limit=MAX_HEAD_BYTES)
        self.port = server.sockets[0].getsockname()[1]
        rtp_sock, rtcp_sock = _udp_port_pair(self.host)
        self.rtp_ports = (rtp_sock.getsockname()[1], rtcp_sock.getsockname()[1])
        self._rtp_out, _ = await self._loop.create_datagram_endpoint(asyncio.DatagramProtocol, sock=rtp_sock)
        self._rtcp_out, _ = await self._loop.create_datagram_endpoint(lambda: _RtcpListener(self), sock=rtcp_sock)
        housekeeping = asyncio.create_task(self._housekeeping())
        started.set()
        try:
            await self._stopped.wait()
        finally:
            housekeeping.cancel()
            server.close()
            for session in list(self._sessions.values()):
                self._end_session(session)
            for connection in list(self._connections):
                connection.close()
            if self._handlers:  # each sees its connection end and returns: nothing is left to cancel
                await asyncio.wait(self._handlers, timeout=2.0)
            await server.wait_closed()
            self._rtp_out.close()
            self._rtcp_out.close()

    def _add_path(self, name: str, codec: str) -> None:
        if name in self._paths:
            raise ValueError(f"path {name!r} is already served")
        self._paths[name] = LivePath(name, codec)

    def _remove_path(self, name: str) -> None:
        path = self._paths.pop(name, None)
        if path is not None:
            for session in list(path.sessions):
                self._end_session(session)
                session.connection.close()  # a camera gone: its receivers see the connection end

    def _fan_out(self, name: str, au: AccessUnit) -> None:
        path = self._paths.get(name)
        if path is None:
            return
        path.parameter_sets.update(au)
        if path.parameter_sets.complete:
            path.ready.set()
        receivers = [s for s in path.sessions if s.playing and not (s.waiting_for_key and not au.key)]
        packets = path.rtp.packets(au)  # always: the sequence numbers count what the camera sent
        for session in receivers:
            if session.tcp_channel is not None:
                transport = session.connection.writer.transport
                if transport.is_closing():
                    continue
                if transport.get_write_buffer_size() > MAX_BACKLOG_BYTES:
                    session.dropped_pictures += 1
                    session.waiting_for_key = True  # a picture missing: the next ones need a key frame
                    continue
                head = struct.pack("!cB", b"$", session.tcp_channel)
                transport.write(b"".join(head + struct.pack("!H", len(p)) + p for p in packets))
            else:
                address = (session.connection.peer[0], session.client_ports[0])
                for packet in packets:
                    self._rtp_out.sendto(packet, address)
            session.waiting_for_key = False

    async def _housekeeping(self) -> None:
        """Sender reports to every playing receiver, and sessions that went silent dropped."""
        while True:
            await asyncio.sleep(min(SENDER_REPORT_S, self.session_timeout_s / 4))
            now = time.monotonic()
            for session in list(self._sessions.values()):
                if now - session.last_heard > self.session_timeout_s:
                    self._end_session(session)
                    if session.tcp_channel is not None:
                        session.connection.close()
                elif session.playing and not session.waiting_for_key:
                    report = session.path.rtp.sender_report(time.time(), f"{SERVER}@{self.host}")
                    if session.tcp_channel is not None:
                        transport = session.connection.writer.transport
                        if not transport.is_closing() and transport.get_write_buffer_size() <= MAX_BACKLOG_BYTES:
                            transport.write(struct.pack("!cBH", b"$", session.tcp_channel + 1, len(report)) + report)
                    else:
                        self._rtcp_out.sendto(report, session.udp_rtcp_address)

    def _end_session(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
        session.path.sessions.discard(session)
        session.connection.sessions.discard(session)

    def _heard_rtcp(self, address: tuple[str, int]) -> None:
        for session in self._sessions.values():
            if session.udp_rtcp_address == address:
                session.last_heard = time.monotonic()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = Connection(self, reader, writer)
        handler = asyncio.current_task()
        self._handlers.add(handler)
        try:
            await connection.serve()
        finally:
            for session in list(connection.sessions):
                if session.tcp_channel is not None:  # its media went over this connection
                    self._end_session(session)
            connection.close()
            self._handlers.discard(handler)

    # ---- requests --------------------------------------------------------------------------------

    async def handle(self, connection: "Connection", request: Request) -> tuple[int, dict[str, str], bytes]:
        if request.version != "RTSP/1.0":
            raise RtspError(505, f"{request.version} requested; this server speaks RTSP/1.0")
        handler = {"OPTIONS": self._options, "DESCRIBE": self._describe, "SETUP": self._setup,
                   "PLAY": self._play, "PAUSE": self._pause, "TEARDOWN": self._teardown,
                   "GET_PARAMETER": self._get_parameter}.get(request.method)
        if handler is None:
            if request.method in ("ANNOUNCE", "RECORD", "SET_PARAMETER", "REDIRECT"):
                raise RtspError(405, f"{request.method}: this camera only plays")
            raise RtspError(501, f"unknown method {request.method}")
        return await handler(connection, request)

    async def _options(self, connection: "Connection", request: Request):
        return 200, {"Public": PUBLIC}, b""

    async def _describe(self, connection: "Connection", request: Request):
        path, track = self._path_of(request.uri)
        if track:
            raise RtspError(404, "DESCRIBE a path, not its track")
        try:
            await asyncio.wait_for(path.ready.wait(), DESCRIBE_WAIT_S)
        except TimeoutError:
            raise RtspError(503, f"no picture on {path.name} yet") from None
        base = request.uri.rstrip("/") + "/"
        origin = secrets.randbits(31)
        sdp = (f"v=0\r\no=- {origin} 1 IN IP4 {self.host}\r\ns={path.name}\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
               f"a=tool:{SERVER}\r\na=range:npt=now-\r\na=control:*\r\n" + path.parameter_sets.sdp_media(TRACK))
        return 200, {"Content-Base": base, "Content-Type": "application/sdp"}, sdp.encode()

    async def _setup(self, connection: "Connection", request: Request):
        path, _ = self._path_of(request.uri)  # the path itself stands for its one track too
        kind, params = _choose_transport(request.headers.get("transport", ""))
        session = self._session_of(request, required=False)
        if session is not None:
            if session.path is not path:
                raise RtspError(459, "one session per path")
            if session.playing:
                raise RtspError(455, "cannot change the transport while playing")
        else:
            session = Session(secrets.token_hex(8), path, connection)
        if kind == "tcp":
            wanted = params.get("interleaved")
            channel = int(wanted.split("-")[0]) if wanted else connection.free_channel()
            session.tcp_channel, session.client_ports, session.connection = channel, None, connection
            reply = f"RTP/AVP/TCP;unicast;interleaved={channel}-{channel + 1}"
        else:
            ports = _port_range(params.get("client_port", ""))
            session.tcp_channel, session.client_ports, session.connection = None, ports, connection
            reply = (f"RTP/AVP;unicast;client_port={ports[0]}-{ports[1]};"
                     f"server_port={self.rtp_ports[0]}-{self.rtp_ports[1]}")
        self._sessions[session.id] = session
        path.sessions.add(session)
        connection.sessions.add(session)
        return 200, {"Transport": f"{reply};ssrc={path.rtp.ssrc:08X}", **self._session_header(session)}, b""

    async def _play(self, connection: "Connection", request: Request):
        session = self._session_of(request)
        self._check_aggregate(session, request.uri)
        if not session.playing:
            session.playing, session.waiting_for_key = True, True
        rtp = session.path.rtp
        # the track's URL as the client spells it (host name, trailing slash), or it ignores rtptime
        track_url = request.uri if request.uri.endswith(TRACK) else request.uri.rstrip("/") + "/" + TRACK
        info = f"url={track_url};seq={rtp.seq};rtptime={rtp.timestamp(time.time())}"
        return 200, {"Range": "npt=now-", "RTP-Info": info, **self._session_header(session)}, b""

    async def _pause(self, connection: "Connection", request: Request):
        session = self._session_of(request)
        self._check_aggregate(session, request.uri)
        session.playing = False
        return 200, self._session_header(session), b""

    async def _teardown(self, connection: "Connection", request: Request):
        session = self._session_of(request)
        self._check_aggregate(session, request.uri)
        self._end_session(session)
        return 200, {}, b""

    async def _get_parameter(self, connection: "Connection", request: Request):
        session = self._session_of(request, required=False)
        if request.body.strip():
            raise RtspError(451, "GET_PARAMETER is a keep-alive here: no parameters to report")
        return 200, self._session_header(session) if session else {}, b""

    def _session_header(self, session: Session) -> dict[str, str]:
        return {"Session": f"{session.id};timeout={math.ceil(self.session_timeout_s)}"}

    def _session_of(self, request: Request, required: bool = True) -> Session | None:
        value = request.headers.get("session")
        if value is None:
            if required:
                raise RtspError(454, f"{request.method} needs a Session")
            return None
        session = self._sessions.get(value.split(";")[0].strip())
        if session is None:
            raise RtspError(454, f"no session {value.split(';')[0].strip()!r}")
        session.last_heard = time.monotonic()
        return session

    def _check_aggregate(self, session: Session, uri: str) -> None:
        path, _ = self._path_of(uri)
        if path is not session.path:
            raise RtspError(459, f"session {session.id} plays {session.path.name}, not {path.name}")

    def _path_of(self, uri: str) -> tuple[LivePath, bool]:
        """The path a request URI names, and whether it names the path's track."""
        parts = urlsplit(uri)
        if parts.scheme.lower() not in ("rtsp", "rtspu") or not parts.netloc:
            raise RtspError(400, f"not an absolute rtsp:// URI: {uri!r}")
        name = parts.path.strip("/")
        track = name == TRACK or name.endswith("/" + TRACK)
        if track:
            name = name[:-len(TRACK)].rstrip("/")
        path = self._paths.get(name)
        if path is None:
            raise RtspError(404, f"no stream at /{parts.path.strip('/')}; served: "
                            f"{', '.join('/' + p for p in sorted(self._paths)) or 'none'}")
        return path, track


class Connection:
    """One client's TCP connection: RTSP requests in, replies and interleaved RTP out."""

    def __init__(self, server: RtspServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.server, self.reader, self.writer = server, reader, writer
        self.peer: tuple[str, int] = writer.get_extra_info("peername")[:2]
        self.sessions: set[Session] = set()
        server._connections.add(self)

    def free_channel(self) -> int:
        used = {s.tcp_channel for s in self.sessions if s.tcp_channel is not None}
        return next(c for c in range(0, 256, 2) if c not in used)

    def close(self) -> None:
        self.server._connections.discard(self)
        if not self.writer.transport.is_closing():
            self.writer.close()

    async def serve(self) -> None:
        while True:
            try:
                first = await self.reader.readexactly(1)
                if first == b"$":  # interleaved data from the client: RTCP receiver reports
                    channel, length = struct.unpack("!BH", await self.reader.readexactly(3))
                    await self.reader.readexactly(length)
                    for session in self.sessions:
                        if session.tcp_channel in (channel, channel - 1):
                            session.last_heard = time.monotonic()
                    continue
                head = first + await self.reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return  # the client went away
            except (asyncio.LimitOverrunError, ValueError):
                self._reply(400, None, {}, b"", why="request head too long or not RTSP")
                return
            try:
                request = _parse_head(head)
                length = int(request.headers.get("content-length", "0"))
                if not 0 <= length <= MAX_BODY_BYTES:
                    raise RtspError(400, f"Content-Length {length} out of range")
            except (RtspError, ValueError) as exc:
                status = exc.status if isinstance(exc, RtspError) else 400
                self._reply(status, None, {}, b"", why=str(exc))
                return  # framing unknown: nothing after this can be trusted
            try:
                request.body = await self.reader.readexactly(length)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            try:
                status, headers, body = await self.server.handle(self, request)
                why = ""
            except RtspError as exc:
                status, headers, body, why = exc.status, {}, b"", str(exc)
            self._reply(status, request.cseq, headers, body, why)

    def _reply(self, status: int, cseq: str | None, headers: dict[str, str], body: bytes, why: str = "") -> None:
        if self.writer.transport.is_closing():
            return
        lines = [f"RTSP/1.0 {status} {REASONS[status]}"]
        if cseq is not None:
            lines.append(f"CSeq: {cseq}")
        lines += [f"Server: {SERVER}", f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime())}"]
        if why and status != 200:
            body = (why + "\r\n").encode()
            headers = {**headers, "Content-Type": "text/plain"}
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


class _RtcpListener(asyncio.DatagramProtocol):
    """Receiver reports on the server's RTCP port keep UDP sessions alive."""

    def __init__(self, server: RtspServer) -> None:
        self.server = server

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if len(data) >= 8 and data[0] >> 6 == 2:
            self.server._heard_rtcp(addr[:2])


def _parse_head(head: bytes) -> Request:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        raise RtspError(400, "request is not UTF-8 text") from None
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not re.fullmatch(r"[A-Za-z_]+", parts[0]) or not parts[2].startswith("RTSP/"):
        raise RtspError(400, f"malformed request line {lines[0][:80]!r}")
    method, uri, version = parts
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or name != name.strip():
            raise RtspError(400, f"malformed header line {line[:80]!r}")
        headers[name.lower()] = value.strip()
    if not headers.get("cseq", "").isdigit():
        raise RtspError(400, "missing or malformed CSeq")
    return Request(method, uri, version, headers)


def _choose_transport(header: str) -> tuple[str, dict[str, str]]:
    """The first transport offered that this server can do: ("tcp" | "udp", its parameters)."""
    offered = []
    for spec in filter(None, (s.strip() for s in header.split(","))):
        protocol, *rest = spec.split(";")
        params = dict((p.split("=", 1) + [""])[:2] for p in rest if p)
        params = {k.strip().lower(): v.strip() for k, v in params.items()}
        offered.append(protocol)
        if "multicast" in params or params.get("mode", "play").strip('"').lower() != "play":
            continue
        if protocol.upper() == "RTP/AVP/TCP":
            channels = re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", params.get("interleaved", "0"))
            if channels is None or int(channels[1]) > 254:
                raise RtspError(461, f"bad interleaved channels {params['interleaved']!r}")
            return "tcp", params
        if protocol.upper() in ("RTP/AVP", "RTP/AVP/UDP") and "client_port" in params:
            _port_range(params["client_port"])
            return "udp", params
    raise RtspError(461, f"offered {offered or 'no transport'}; this server does RTP/AVP/TCP interleaved "
                    "or RTP/AVP unicast with client_port")


def _port_range(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,5})(?:-(\d{1,5}))?", value)
    ports = (int(match[1]), int(match[2] or int(match[1]) + 1)) if match else (0, 0)
    if not all(0 < port <= 65535 for port in ports):
        raise RtspError(461, f"bad client_port {value!r}")
    return ports


def _udp_port_pair(host: str) -> tuple[socket.socket, socket.socket]:
    """Two UDP sockets on an even port and the next one (RTP and RTCP, RFC 3550 section 11)."""
    for _ in range(50):
        rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rtp.bind((host, 0))
        port = rtp.getsockname()[1]
        if port % 2 == 0 and port < 65535:
            rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                rtcp.bind((host, port + 1))
            except OSError:
                rtcp.close()
            else:
                rtp.setblocking(False)
                rtcp.setblocking(False)
                return rtp, rtcp
        rtp.close()
    raise OSError(f"no free even/odd UDP port pair on {host}")
