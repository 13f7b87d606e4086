"""`groundstation mission|params ...` from a script, against MAVSDK's autopilot-side servers:
files in, files out, progress on stderr, one clear line and a non-zero exit on failure."""

from __future__ import annotations

import json
import socket

import pytest

from groundstation.core.ops_cli import main
from missions.qgc_plan import read_plan

mavsdk = pytest.importorskip("mavsdk")
from mavsdk.plugins.mission_raw_server import MissionRawServer  # noqa: E402
from mavsdk.plugins.param_server import ParamServer  # noqa: E402

PLAN = {
    "fileType": "Plan", "version": 1, "groundStation": "QGroundControl",
    "mission": {
        "version": 2, "firmwareType": 12, "vehicleType": 2, "cruiseSpeed": 15, "hoverSpeed": 5,
        "plannedHomePosition": [49.47, 6.37, 200],
        "items": [
            {"type": "SimpleItem", "command": 22, "frame": 3, "autoContinue": True, "doJumpId": 1,
             "params": [0, 0, 0, None, 49.4701, 6.3701, 30]},
            {"type": "SimpleItem", "command": 16, "frame": 3, "autoContinue": True, "doJumpId": 2,
             "params": [0, 0, 0, None, 49.4712, 6.3723, 40]},
            {"type": "SimpleItem", "command": 20, "frame": 2, "autoContinue": True, "doJumpId": 3,
             "params": [0, 0, 0, 0, 0, 0, 0]},
        ],
    },
    "geoFence": {"version": 2, "circles": [{"circle": {"center": [49.47, 6.37], "radius": 300.0},
                                            "inclusion": True, "version": 1}],
                 "polygons": [{"inclusion": False, "version": 1,
                               "polygon": [[49.471, 6.371], [49.472, 6.371], [49.472, 6.373]]}]},
    "rallyPoints": {"version": 2, "points": [[49.4695, 6.3695, 25.0], [49.4705, 6.3720, 30.0]]},
}


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def vehicle():
    """A MAVSDK autopilot with mission and parameter servers, listening for the station."""
    port = free_udp_port()
    config = mavsdk.Configuration.create_with_component_type(mavsdk.ComponentType.AUTOPILOT)
    drone = mavsdk.Mavsdk(config)
    assert drone.add_any_connection(f"udpin://127.0.0.1:{port}") == mavsdk.ConnectionResult.SUCCESS
    server = drone.server_component()
    missions, params = MissionRawServer(server), ParamServer(server)
    params.provide_param_int("COM_RC_IN_MODE", 1)
    params.provide_param_int("NAV_RCL_ACT", -3)
    params.provide_param_float("MPC_XY_VEL_MAX", 12.0)
    yield f"udpout:127.0.0.1:{port}", missions, params
    drone.destroy()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_mission_fence_and_rally_upload_then_download_to_a_plan_qgc_reads(vehicle, tmp_path, capsys):
    link, _missions, _params = vehicle
    source = tmp_path / "sortie.plan"
    source.write_text(json.dumps(PLAN))
    common = ["--link", link, "--data-dir", str(tmp_path / "data")]
    for kind in ("mission", "fence", "rally"):
        code, out, err = run(capsys, "mission", "upload", "--type", kind, str(source), *common)
        assert code == 0, err
        assert "uploaded" in out and f"{kind} upload:" in err  # plain progress lines: not a terminal
    original = read_plan(source)
    for kind in ("mission", "fence", "rally"):
        target = tmp_path / f"back-{kind}.plan"
        code, out, err = run(capsys, "mission", "download", "--type", kind, str(target), *common)
        assert code == 0, err
        back = read_plan(target)
        if kind == "mission":
            assert [(i.command, i.x, i.y, i.z) for i in back.mission_items()] == \
                [(i.command, i.x, i.y, i.z) for i in original.mission_items()]
        elif kind == "fence":
            assert back.fence_polygons == original.fence_polygons
            assert back.fence_circles == original.fence_circles
        else:
            assert [v for p, a in back.rally_points for v in (p.lat, p.lon, a)] == \
                pytest.approx([v for p, a in original.rally_points for v in (p.lat, p.lon, a)], abs=1e-7)
    code, out, _ = run(capsys, "mission", "clear", *common)
    assert code == 0 and "mission cleared" in out
    code, _, _ = run(capsys, "mission", "download", str(tmp_path / "empty.plan"), *common)
    assert read_plan(tmp_path / "empty.plan").mission_items() == []


def test_params_download_edit_upload(vehicle, tmp_path, capsys):
    link, _missions, params = vehicle
    common = ["--link", link, "--data-dir", str(tmp_path / "data")]
    saved = tmp_path / "vehicle.params"
    code, out, err = run(capsys, "params", "download", str(saved), *common)
    assert code == 0, err
    text = saved.read_text()
    assert "# Vehicle-Id Component-Id Name Value Type" in text
    assert "1\t1\tNAV_RCL_ACT\t-3\t6" in text
    saved.write_text(text.replace("NAV_RCL_ACT\t-3", "NAV_RCL_ACT\t2").replace("MPC_XY_VEL_MAX\t12", "MPC_XY_VEL_MAX\t8"))
    code, out, err = run(capsys, "params", "upload", str(saved), *common)
    assert code == 0, err
    assert "2 parameters set, 1 already as in" in out
    assert params.retrieve_param_int("NAV_RCL_ACT") == 2
    assert params.retrieve_param_float("MPC_XY_VEL_MAX") == 8.0


def test_a_file_naming_parameters_the_vehicle_lacks_changes_nothing(vehicle, tmp_path, capsys):
    link, _missions, params = vehicle
    wrong = tmp_path / "other.params"
    wrong.write_text("1\t1\tNAV_RCL_ACT\t0\t6\n1\t1\tNOT_ON_THIS\t1\t6\n")
    code, out, err = run(capsys, "params", "upload", str(wrong), "--link", link, "--data-dir", str(tmp_path))
    assert code == 1
    assert "NOT_ON_THIS" in err and "nothing changed" in err and "Traceback" not in err
    assert params.retrieve_param_int("NAV_RCL_ACT") == -3


def test_no_vehicle_on_the_link_fails_cleanly(tmp_path, capsys):
    code, _, err = run(capsys, "params", "download", str(tmp_path / "p.params"), "--link",
                       f"udpout:127.0.0.1:{free_udp_port()}", "--wait", "0.5", "--data-dir", str(tmp_path))
    assert code == 1 and "no vehicle heard on" in err and "Traceback" not in err
    assert not (tmp_path / "p.params").exists()


def test_a_malformed_link_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "params", "download", "x.params", "--link", "udpin:nowhere", "--data-dir", str(tmp_path))
    assert code == 2 and "expected udpin:HOST:PORT" in err
