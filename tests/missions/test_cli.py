import json
import subprocess
import sys

import pytest

from missions.cli import main
from missions.kml import read_kml_text
from missions.qgc_plan import read_plan_text

from .test_kml_geojson import AREA_KML


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_expanding_square_as_geojson(capsys):
    code, out, err = run(capsys, "pattern", "expanding-square", "--datum", "49.47,6.37", "--spacing", "40",
                         "--legs", "12", "--altitude", "60", "--format", "geojson")
    assert code == 0 and err == ""
    track = json.loads(out)["features"][0]
    assert len(track["geometry"]["coordinates"]) == 13
    assert track["properties"]["pattern"] == "expanding-square"
    assert track["properties"]["track_length_m"] == pytest.approx(1680, abs=0.01)


def test_module_entry_point_runs():
    proc = subprocess.run([sys.executable, "-m", "missions", "pattern", "sector", "--datum", "49.47,6.37",
                           "--radius", "300", "--altitude", "60", "--spacing", "40", "--format", "plan"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    items = read_plan_text(proc.stdout).mission_items()
    assert len(items) == 10 + 3  # 10 waypoints + takeoff, speed, RTL


def test_parallel_with_camera_from_kml_and_split(capsys, tmp_path):
    (tmp_path / "area.kml").write_text(AREA_KML)
    code, out, err = run(capsys, "pattern", "parallel", "--area", str(tmp_path / "area.kml"), "--camera",
                         "dji-m30t-thermal", "--overlap", "0.3", "--altitude", "60", "--format", "kml")
    assert code == 0
    shapes = read_kml_text(out)
    assert shapes.areas[0].name == "Forest sector B" and len(shapes.routes) == 1
    code, _, err = run(capsys, "pattern", "parallel", "--area", str(tmp_path / "area.kml"), "--spacing", "40",
                       "--altitude", "60", "--drones", "2", "--format", "plan", "--output", str(tmp_path / "s.plan"))
    assert code == 0
    assert (tmp_path / "s-drone1.plan").exists() and (tmp_path / "s-drone2.plan").exists()


def test_creeping_line_and_track_line(capsys):
    code, out, _ = run(capsys, "pattern", "creeping-line", "--start", "49.47,6.37", "--advance-azimuth", "90",
                       "--length", "1000", "--width", "400", "--spacing", "50", "--altitude", "60")
    assert code == 0 and json.loads(out)["features"][0]["properties"]["pattern"] == "creeping-line"
    code, out, _ = run(capsys, "pattern", "track-line", "--route", "49.47,6.37;49.48,6.39", "--spacing", "80",
                       "--altitude", "60", "--no-return")
    assert code == 0 and len(json.loads(out)["features"][0]["geometry"]["coordinates"]) == 2


def test_warnings_go_to_stderr(capsys):
    code, out, err = run(capsys, "pattern", "expanding-square", "--datum", "49.47,6.37", "--spacing", "200",
                         "--legs", "40", "--altitude", "60", "--endurance", "10")
    assert code == 0 and json.loads(out)
    assert err.startswith("warning: needs ")


@pytest.mark.parametrize("argv,fragment", [
    (["pattern", "expanding-square", "--datum", "49.47,6.37", "--spacing", "0", "--altitude", "60"], "track spacing 0"),
    (["pattern", "expanding-square", "--datum", "149.47,6.37", "--spacing", "40", "--altitude", "60"], "latitude 149.47"),
    (["pattern", "sector", "--spacing", "40", "--altitude", "60"], "sector needs --datum"),
    (["pattern", "parallel", "--area", "/nonexistent.kml", "--spacing", "40", "--altitude", "60"], "cannot read KML"),
    (["pattern", "parallel", "--spacing", "40", "--altitude", "60", "--camera", "x"], "--spacing or --camera"),
    (["pattern", "expanding-square", "--datum", "49,6", "--camera", "gopro", "--altitude", "60"], "unknown camera 'gopro'"),
    (["pattern", "zigzag"], "invalid choice: 'zigzag'"),
])
def test_errors_are_one_line_and_exit_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and fragment in err


def test_cameras_are_listed(capsys):
    code, out, _ = run(capsys, "cameras")
    assert code == 0 and "dji-m30t-thermal" in out and "flir-boson-640-14mm" in out


def test_pattern_help_describes_the_command_and_every_option_with_its_default(capsys):
    import argparse

    from missions.cli import _parser

    (commands,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    pattern = commands.choices["pattern"]
    for action in pattern._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"{action.dest} has no help"
        if action.default not in (None, False):
            assert "default" in action.help, f"{action.dest}: help does not give its default {action.default!r}"
    with pytest.raises(SystemExit):
        main(["pattern", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Generate an IAMSAR search pattern as a flight plan" in text
    assert "which way the pattern turns (default right)" in text
    assert "plan for QGroundControl (default geojson)" in text
    assert "cruise speed m/s (default 10)" in text and "battery endurance, minutes (default 25)" in text
