"""Real peers on loopback for the share tests: a test CA, an HTTPS receiver, Mosquitto, taky."""

from __future__ import annotations

import datetime as dt
import getpass
import ipaddress
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SCHEMAS = SHARED / "schemas"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@dataclass
class TestCA:
    __test__ = False  # not a test class, despite the name

    """A throwaway CA with one server certificate (localhost, 127.0.0.1) and one client certificate."""

    folder: Path

    def __post_init__(self) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        self._ca_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "groundstation test CA")])
        self._ca_name = name
        ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
              .public_key(self._ca_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
              .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
              .sign(self._ca_key, hashes.SHA256()))
        self.ca = self.folder / "ca.pem"
        self.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        self.server_cert, self.server_key = self._leaf("server", ExtendedKeyUsageOID.SERVER_AUTH, now)
        self.client_cert, self.client_key = self._leaf("client", ExtendedKeyUsageOID.CLIENT_AUTH, now)

    def _leaf(self, cn: str, usage: x509.ObjectIdentifier, now: dt.datetime) -> tuple[Path, Path]:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
                .issuer_name(self._ca_name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                            x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                               critical=False)
                .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
                .sign(self._ca_key, hashes.SHA256()))
        cert_path, key_path = self.folder / f"{cn}.pem", self.folder / f"{cn}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        return cert_path, key_path


@dataclass
class Received:
    msg_id: str
    content_type: str
    body: bytes


@dataclass
class HttpsReceiver:
    """A command post's HTTPS endpoint: TLS with client certificates, bearer token, records posts."""

    ca: TestCA
    token: str
    port: int = field(default_factory=free_port)
    delay_s: float = 0.0
    received: list[Received] = field(default_factory=list)
    rejected: int = 0
    _connections: set = field(default_factory=set)

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real command-post gateway would

            def setup(self) -> None:
                super().setup()
                receiver._connections.add(self.connection)

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Authorization") != f"Bearer {receiver.token}":
                    receiver.rejected += 1
                    self.send_response(401)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if receiver.delay_s:
                    time.sleep(receiver.delay_s)
                receiver.received.append(Received(self.headers.get("X-Message-Id", ""),
                                                  self.headers.get("Content-Type", ""), body))
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(self.ca.ca))
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_cert_chain(str(self.ca.server_cert), str(self.ca.server_key))
        class Server(ThreadingHTTPServer):
            allow_reuse_address = True
            # a real gateway's listen backlog (nginx: 511), not http.server's 5: with 5, a client
            # opening a few connections at once loses SYNs and waits 1 s to retry each
            request_queue_size = 128

        self._server = Server(("127.0.0.1", self.port), Handler)
        self._server.socket = ctx.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Go away like a crashed server: stop listening and drop open keep-alive connections."""
        self._server.block_on_close = False
        self._server.shutdown()
        for conn in list(self._connections):
            try:
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            except OSError:
                pass
        self._connections.clear()
        self._server.server_close()
        self._thread.join()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/cap"

    def unique_ids(self) -> list[str]:
        """Ids in first-arrival order after de-duplication, as a partner would keep them."""
        seen: dict[str, None] = {}
        for r in self.received:
            seen.setdefault(r.msg_id, None)
        return list(seen)


class Mosquitto:
    """A real Mosquitto broker on loopback with a TLS listener that requires client certificates."""

    def __init__(self, folder: Path, ca: TestCA) -> None:
        self.folder, self.port = folder, free_port()
        (folder / "data").mkdir(parents=True, exist_ok=True)
        self.conf = folder / "mosquitto.conf"
        self.conf.write_text(
            f"user {getpass.getuser()}\n"  # as root, mosquitto would otherwise drop to 'mosquitto'
            f"listener {self.port} 127.0.0.1\nallow_anonymous true\n"
            f"cafile {ca.ca}\ncertfile {ca.server_cert}\nkeyfile {ca.server_key}\n"
            f"require_certificate true\npersistence true\npersistence_location {folder / 'data'}/\n"
            f"log_dest file {folder / 'mosquitto.log'}\n")
        self.proc: subprocess.Popen[bytes] | None = None

    @staticmethod
    def binary() -> str | None:
        return shutil.which("mosquitto") or (
            "/usr/sbin/mosquitto" if os.access("/usr/sbin/mosquitto", os.X_OK) else None)

    def start(self) -> None:
        self.proc = subprocess.Popen([self.binary() or "mosquitto", "-c", str(self.conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(10)
            self.proc = None


class Taky:
    """The taky TAK server (PyPI), plain TCP or TLS with client certificates made by takyctl."""

    def __init__(self, folder: Path, tls: bool) -> None:
        self.folder, self.tls, self.port = folder, tls, free_port()
        bindir = Path(sys.executable).parent
        self.taky, self.takyctl = bindir / "taky", bindir / "takyctl"
        self.proc: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        if tls:
            subprocess.run([str(self.takyctl), "setup", "--host", "localhost", "--bind-ip", "127.0.0.1",
                            "--public-ip", "127.0.0.1", str(folder / "srv")], check=True,
                           capture_output=True, timeout=60)
            self.workdir = folder / "srv"
            self.conf = self.workdir / "taky.conf"
            text = self.conf.read_text().replace("port = 8089", f"port = {self.port}")
            self.conf.write_text(text)
            subprocess.run([str(self.takyctl), "-c", "taky.conf", "build_client", "--dump_pem", "tester"],
                           cwd=self.workdir, check=True, capture_output=True, timeout=60)
            self.ca = self.workdir / "ssl" / "ca.crt"
            self.client_cert = next(self.workdir.glob("tester*.crt"))
            self.client_key = next(self.workdir.glob("tester*.key"))
        else:
            self.workdir = folder
            self.conf = folder / "taky.conf"
            self.conf.write_text(
                f"[taky]\nhostname = localhost\nnode_id = TAKYTEST\nbind_ip = 127.0.0.1\n"
                f"root_dir = {folder / 'root'}\n[cot_server]\nport = {self.port}\n"
                f"[dp_server]\nupload_path = {folder / 'root' / 'dp-user'}\n[ssl]\nenabled = false\n")

    @staticmethod
    def available() -> bool:
        return (Path(sys.executable).parent / "taky").exists()

    def start(self) -> None:
        self.proc = subprocess.Popen([str(self.taky), "-c", str(self.conf)], cwd=self.workdir,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        wait_port(self.port, 20)

    def freeze(self) -> None:
        """Hang like an overloaded or dying server: connections stay open, nothing is read."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGSTOP)

    def crash(self) -> None:
        """Die at once (kill -9): whatever the server had not read yet is gone."""
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
            self.proc = None


class CotListener:
    """A second TAK client: identifies itself, then collects every event the server routes to it."""

    def __init__(self, port: int, tls: tuple[Path, Path, Path] | None = None) -> None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if tls:
            ca, cert, key = tls
            ctx = ssl.create_default_context(cafile=str(ca))
            ctx.check_hostname = False
            ctx.load_cert_chain(str(cert), str(key))
            sock = ctx.wrap_socket(sock)
        self.sock, self.buf = sock, b""
        now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        stale = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        sa = (f'<?xml version="1.0"?><event version="2.0" uid="RX-test" type="a-f-G-U-C" how="h-e" time="{now}" '
              f'start="{now}" stale="{stale}"><point lat="49.6" lon="6.1" hae="0" ce="10" le="10"/><detail>'
              f'<contact callsign="RX-test" endpoint="*:-1:stcp"/><__group name="Cyan" role="Team Member"/>'
              f'<takv device="pytest" platform="test" os="linux" version="0.1"/></detail></event>')
        time.sleep(0.3)
        sock.sendall(sa.encode())
        time.sleep(0.3)
        sock.settimeout(0.2)

    def events_until(self, predicate, timeout: float = 10.0) -> list[bytes]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            events = self.events()
            if predicate(events):
                return events
            try:
                data = self.sock.recv(65536)
                if not data:
                    break
                self.buf += data
            except (socket.timeout, TimeoutError, ssl.SSLWantReadError):
                pass
        return self.events()

    def events(self) -> list[bytes]:
        parts = self.buf.split(b"</event>")
        return [p[p.index(b"<event"):] + b"</event>" for p in parts[:-1] if b"<event" in p]

    def close(self) -> None:
        self.sock.close()
