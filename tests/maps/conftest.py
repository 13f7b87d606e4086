"""A real tile server on loopback for the map tests, counting every connection and request it gets."""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cv2
import numpy as np
import pytest

from groundstation.core.tiles import TileArea, TileService, TileSource


def tile_png(z: int, x: int, y: int) -> bytes:
    """A small PNG different for every tile, so a wrong tile in the wrong place shows."""
    image = np.zeros((16, 16, 3), np.uint8)
    image[:, :, 0], image[:, :, 1], image[:, :, 2] = z * 9 % 256, x % 256, y % 256
    image[0, 0] = (x // 256 % 256, y // 256 % 256, 7)
    ok, png = cv2.imencode(".png", image)
    assert ok
    return png.tobytes()


class TileServer:
    """Serves /{z}/{x}/{y}.png; `failures` makes a tile answer 503 that many times first."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.open_sockets: set[socket.socket] = set()
        self.hold = threading.Event()
        self.hold.set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                server.connections += 1
                server.open_sockets.add(self.request)
                super().setup()

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.hold.wait(5)
                server.requests[self.path] += 1
                server.user_agents.add(self.headers.get("User-Agent", ""))
                m = re.fullmatch(r"/(\d+)/(\d+)/(\d+)\.png", self.path)
                if m is None:
                    return self._send(404, b"no such tile", "text/plain")
                if server.failures[self.path] > 0:
                    server.failures[self.path] -= 1
                    return self._send(503, b"<html>busy</html>", "text/html")
                self._send(200, tile_png(*map(int, m.groups())), "image/png")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"

    def tile_requests(self) -> int:
        return sum(self.requests.values())

    def stop(self) -> None:
        self.hold.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for sock in list(self.open_sockets):  # keep-alive connections too: the server is really gone
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.thread.join(5)


class CountingListener:
    """A bare listening socket on a port: counts every connection attempt that reaches it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]

    def accepted(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def tile_server():
    server = TileServer()
    yield server
    server.stop()


@pytest.fixture
def listener():
    lst = CountingListener()
    yield lst
    lst.close()


def local_source(url: str, source_id: str = "local", **options) -> TileSource:
    return TileSource(id=source_id, name="Local test tiles", url=url, attribution="© test fixture",
                      licence="test data", **options)


@pytest.fixture
def service(tmp_path):
    return TileService(tmp_path / "tiles", retry_delay_s=0.01, timeout_s=5.0)


# A small area around Schengen (FR/LU/DE): 4 tiles at zoom 12, a few dozen at 14.
SCHENGEN = TileArea.polygon([(49.455, 6.345), (49.455, 6.395), (49.485, 6.395), (49.485, 6.345)])
