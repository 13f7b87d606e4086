"""The real-PX4 launcher: how it builds the command line, and (where PX4 exists) a real start."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from sitl import px4
from sitl.__main__ import main
from sitl.vehicle import SimulatedFleet


def _fake_tree(tmp_path: Path) -> Path:
    """A directory shaped like a PX4 build, enough for the path checks (never executed)."""
    binary = tmp_path / "PX4-Autopilot" / "build" / "px4_sitl_default" / "bin" / "px4"
    binary.parent.mkdir(parents=True)
    binary.write_text("")
    binary.chmod(0o755)
    return tmp_path / "PX4-Autopilot"


def test_launch_plan_matches_px4s_multi_instance_script(tmp_path):
    root = _fake_tree(tmp_path)
    plan = px4.plan_launch(px4.find_px4(root), 2, home=(49.47, 6.37, 200.0), work_dir=tmp_path / "runs",
                           speed_factor=4.0, base_env={"PATH": "/usr/bin"})
    build = root.resolve() / "build" / "px4_sitl_default"
    assert plan.argv == [str(build / "bin" / "px4"), "-i", "2", "-d", str(build / "etc")]
    assert plan.cwd == tmp_path / "runs" / "instance_2"
    assert plan.env["PX4_SYS_AUTOSTART"] == "10040" and plan.env["PX4_SIM_MODEL"] == "sihsim_quadx"
    assert plan.env["HEADLESS"] == "1" and plan.env["PATH"] == "/usr/bin"
    assert (plan.env["PX4_HOME_LAT"], plan.env["PX4_HOME_LON"], plan.env["PX4_HOME_ALT"]) == ("49.47", "6.37", "200.0")
    assert plan.env["PX4_SIM_SPEED_FACTOR"] == "4.0"
    assert (plan.system_id, plan.gcs_local_port, plan.api_remote_port) == (3, 18572, 14542)
    assert px4.plan_launch(root, 12).api_remote_port == 14549          # instances past 9 share it


def test_missing_px4_is_explained(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("PX4_DIR", raising=False)
    with pytest.raises(px4.Px4NotFound, match="PX4_DIR is not set"):
        px4.find_px4()
    with pytest.raises(px4.Px4NotFound, match="make px4_sitl_default"):
        px4.find_px4(tmp_path)
    assert main(["px4", "--px4-dir", str(tmp_path)]) == 2
    assert "make px4_sitl_default" in capsys.readouterr().out


def test_heartbeat_wait_sees_every_system_and_names_the_missing_ones():
    # the built-in simulator stands in as a real MAVLink sender on a free port
    with SimulatedFleet(count=2, gcs=None, base_port=0, speedup=5) as fleet:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        for v in fleet.vehicles:
            v.links[0].default_peer = ("127.0.0.1", port)
        seen = px4.wait_for_heartbeats({1, 2}, port=port, timeout=10)
        assert set(seen) == {1, 2}
        with pytest.raises(TimeoutError, match=r"\[3\]"):
            px4.wait_for_heartbeats({1, 3}, port=port, timeout=1.0)


def _px4_root() -> Path | None:
    try:
        return px4.find_px4()
    except px4.Px4NotFound:
        return None


@pytest.mark.px4
@pytest.mark.slow
@pytest.mark.skipif(_px4_root() is None, reason="needs a PX4 v1.16 SITL build: set PX4_DIR (make px4_sitl_default)")
def test_real_px4_sitl_starts_and_sends_heartbeats(tmp_path):
    plan = px4.plan_launch(_px4_root(), 0, home=(49.47, 6.37, 200.0), work_dir=tmp_path)
    with px4.Px4Sitl([plan]) as sitl:
        seen = px4.wait_for_heartbeats({plan.system_id}, timeout=60)
        assert plan.system_id in seen
        assert sitl.processes[0].poll() is None
    assert sitl.processes[0].poll() is not None
    assert os.path.exists(plan.cwd / "out.log")
