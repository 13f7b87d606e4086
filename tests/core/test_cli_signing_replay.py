"""Signing and log replay as a user reaches them: `groundstation --sign` and `--link tlog:... --seek`."""

from __future__ import annotations

import hashlib
import io
import time
from contextlib import redirect_stdout

import pytest

from groundstation.cli import main
from sitl.vehicle import SimulatedFleet

HOME = (49.47, 6.37, 200.0)


def free_udp_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_headless(args: list[str]) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--headless", *args]) == 0
    return out.getvalue()


@pytest.mark.parametrize("passphrase, appears", [("moselle-2026", True), ("wrong words", False)])
def test_sign_with_a_passphrase_accepts_the_right_key_and_refuses_a_wrong_one(tmp_path, passphrase, appears):
    port = free_udp_port()
    key = hashlib.sha256(b"moselle-2026").digest()
    with SimulatedFleet(count=1, home=HOME, gcs=("127.0.0.1", port), speedup=5, seed=2, base_port=0,
                        signing_key=key):
        printed = run_headless(["--duration", "4", "--data-dir", str(tmp_path), "--link",
                                f"udpin:127.0.0.1:{port}", "--sign", "1", "--passphrase", passphrase])
    assert ("vehicle 1: appeared" in printed) is appears
    assert ("traffic REFUSED (signing required" in printed) is not appears  # shown, not silently dropped
    assert (tmp_path / "keys" / "1.key").exists()


def test_a_recorded_log_replays_from_a_chosen_point(tmp_path):
    port = free_udp_port()
    with SimulatedFleet(count=1, home=HOME, gcs=("127.0.0.1", port), speedup=5, seed=2, base_port=0):
        run_headless(["--duration", "3", "--data-dir", str(tmp_path / "record"), "--link", f"udpin:127.0.0.1:{port}"])
    (log,) = (tmp_path / "record" / "logs").glob("*.tlog")
    start = time.monotonic()
    printed = run_headless(["--duration", "2", "--data-dir", str(tmp_path / "replay"),
                            "--link", f"tlog:{log}:1", "--seek", "1.5"])
    assert "vehicle 1: appeared on tlog:" in printed
    assert time.monotonic() - start < 10
