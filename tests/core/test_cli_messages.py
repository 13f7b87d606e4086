"""What a user reads when the command line goes wrong: each message says what to do next, and a
mistake in a file is found before anything waits for a vehicle."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.tlog import TlogWriter
from groundstation.cli import main

REPO = Path(__file__).resolve().parents[2]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(capsys, *argv: str) -> tuple[int, str, str, float]:
    start = time.monotonic()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - start


def silent_link() -> list[str]:
    """A link where no vehicle will ever answer, and a long wait that a file check must not sit through."""
    return ["--link", f"udpout:127.0.0.1:{free_udp_port()}", "--wait", "20"]


def test_a_missing_plan_is_refused_before_any_wait(tmp_path, capsys):
    code, _, err, took = run(capsys, "--data-dir", str(tmp_path), "mission", "upload",
                             str(tmp_path / "nowhere.plan"), *silent_link())
    assert code == 2 and took < 5
    assert err.startswith("groundstation mission upload: cannot read plan file ") and "nowhere.plan" in err
    assert "no vehicle heard" not in err and "Traceback" not in err


def test_a_broken_plan_is_refused_before_any_wait(tmp_path, capsys):
    broken = tmp_path / "broken.plan"
    broken.write_text('{"fileType": "Plan", "version": 1, "mission": {"items": [{"type": "SimpleItem"}]}}')
    code, _, err, took = run(capsys, "--data-dir", str(tmp_path), "mission", "upload", str(broken),
                             *silent_link())
    assert code == 2 and took < 5
    assert err.strip().splitlines() == [
        "groundstation mission upload: mission item 1: 'command' must be a whole number, got None"]
    assert broken.read_text().startswith('{"fileType"')  # the user's file is left as it was


def test_a_broken_params_file_is_refused_before_any_wait(tmp_path, capsys):
    broken = tmp_path / "vehicle.params"
    broken.write_text("1\t1\tNAV_RCL_ACT\t2\n")
    code, _, err, took = run(capsys, "--data-dir", str(tmp_path), "params", "upload", str(broken),
                             *silent_link())
    assert code == 2 and took < 5
    assert err.strip() == ("groundstation params upload: line 1: expected 5 tab-separated fields "
                           "(Vehicle-Id Component-Id Name Value Type), got 4")


def test_no_vehicle_heard_says_what_to_check(tmp_path, capsys):
    port = free_udp_port()
    code, _, err, _ = run(capsys, "--data-dir", str(tmp_path), "mission", "download", str(tmp_path / "b.plan"),
                          "--link", f"udpin:127.0.0.1:{port}", "--wait", "0.3")
    assert code == 1
    text = " ".join(err.split())
    assert f"no vehicle heard on udpin:127.0.0.1:{port} within 0.3 s." in text
    for hint in ("Check the link address", "the simulator or vehicle sends to this port",
                 "no other program (QGroundControl, another station) holds the port", "--wait S"):
        assert hint in text
    assert not (tmp_path / "b.plan").exists()


def test_an_unknown_link_kind_lists_every_kind_accepted(tmp_path, capsys):
    code, _, err, _ = run(capsys, "--headless", "--data-dir", str(tmp_path), "--link", "udp:127.0.0.1:14550")
    assert code == 2
    assert "unknown kind 'udp'" in err
    for form in ("udpin:HOST:PORT", "udpout:HOST:PORT", "tcp:HOST:PORT", "serial:DEVICE[:BAUD]",
                 "tlog:FILE[:SPEED]"):
        assert form in err


def test_a_web_port_in_use_suggests_another(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["--headless", "--duration", "0.2", "--data-dir", str(tmp_path),
                         "--link", "udpin:127.0.0.1:0", "--web", str(port)])
    assert code == 0  # the drones matter more than the web view: the station runs on
    assert (f"web view NOT available: web view cannot listen on 127.0.0.1:{port}: port {port} is in use "
            f"(another station?): choose another with --web PORT") in out.getvalue()


def test_a_station_that_heard_nothing_leaves_no_telemetry_log(tmp_path):
    with redirect_stdout(io.StringIO()):
        assert main(["--headless", "--duration", "1.5", "--data-dir", str(tmp_path),
                     "--link", "udpin:127.0.0.1:0"]) == 0
    assert list((tmp_path / "logs").glob("*.tlog")) == []  # its own heartbeats into silence are no session


def test_a_window_that_fails_to_start_leaves_no_telemetry_log(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":97"  # no X server there: the window cannot open
    result = subprocess.run([sys.executable, "-m", "groundstation", "--data-dir", str(tmp_path),
                             "--link", "udpin:127.0.0.1:0", "--duration", "5"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert list((tmp_path / "logs").glob("*.tlog")) == []


def test_replaying_a_log_does_not_record_another(tmp_path):
    recorded = tmp_path / "flight.tlog"
    writer = TlogWriter(recorded)
    vehicle = mavlink.MAVLink(None, srcSystem=1, srcComponent=1)
    start = time.time()
    for i in range(10):
        writer.write(mavlink.MAVLink_heartbeat_message(
            mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4, 1, 0x03040000, 3, 3).pack(vehicle),
            start + 0.1 * i)
    writer.close()
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--headless", "--duration", "1.5", "--data-dir", str(tmp_path / "station"),
                     "--link", f"tlog:{recorded}:4"]) == 0
    assert "vehicle 1: appeared on tlog:" in out.getvalue()
    assert "telemetry log" not in out.getvalue()  # nothing is said to be recorded
    assert list((tmp_path / "station" / "logs").glob("*.tlog")) == []
