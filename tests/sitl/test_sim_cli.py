"""`python -m sitl vehicle` as an operator runs it: ports printed, vehicles talking, Ctrl-C stops it."""
from __future__ import annotations

import re
import signal
import subprocess
import sys

from pymavlink.dialects.v20 import common as mavlink

from .sim_cli import sim_vehicle_cli


def test_cli_runs_a_fleet_until_interrupted(gcs):
    host, port = gcs.address
    with sim_vehicle_cli("--count", "2", "--base-port", "0", "--speedup", "5", "--gcs", f"udp:{host}:{port}") as proc:
        lines = [proc.stdout.readline() for _ in range(3)]
        ports = [int(m.group(1)) for line in lines if (m := re.search(r"gcs-link udp [\d.]+:(\d+)", line))]
        assert len(ports) == 2 and "sysid=2" in lines[1]
        for sysid in (1, 2):
            gcs.wait_for("HEARTBEAT", system_id=sysid)
        assert gcs.command(ports[1], mavlink.MAV_CMD_NAV_LOITER_UNLIM, target=2) == mavlink.MAV_RESULT_UNSUPPORTED
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_cli_rejects_bad_arguments_with_a_message():
    result = subprocess.run([sys.executable, "-m", "sitl", "vehicle", "--home", "49.4,north,200"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "LAT,LON,ALT" in result.stderr


def test_cli_refuses_a_signing_key_that_is_not_32_bytes():
    result = subprocess.run([sys.executable, "-m", "sitl", "vehicle", "--signing-key", "abcd"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "32 bytes" in result.stderr
