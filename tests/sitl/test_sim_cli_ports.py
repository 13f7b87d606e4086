"""`python -m sitl vehicle` as a newcomer meets it: its help names the ports, a taken port is said plainly."""
from __future__ import annotations

import socket
import subprocess
import sys


def _sim(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitl", "vehicle", *args], capture_output=True, text=True,
                          timeout=30)


def test_help_gives_the_ports_a_pilot_must_know():
    result = _sim("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "default udp:127.0.0.1:14550" in text  # where the simulator sends
    assert "BASE_PORT+i-1 (default 18570" in text  # where vehicle 1 listens: 18570, not 18571


def test_a_port_already_taken_is_said_with_what_to_do():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        result = _sim("--base-port", str(port), "--count", "2")
    assert result.returncode == 1
    assert f"ports {port}..{port + 1}" in result.stderr and "--base-port" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""  # no vehicle announced that is not there


def test_count_below_one_is_refused_on_stderr():
    result = _sim("--count", "0")
    assert result.returncode == 2
    assert "--count must be at least 1" in result.stderr
