"""The headless demo's --report: the sortie summary plus what the search drone's camera found,
scored against the Schengen scenario's ground truth. A shortened run: the duration ends it mid-search."""

import json

import pytest

from groundstation.cli import main
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.demo import demo_robot


@pytest.mark.timeout(90)
def test_the_report_scores_the_search_against_ground_truth(tmp_path, capsys):
    report = tmp_path / "report.json"
    code = main(["demo", "--data-dir", str(tmp_path / "data"), "--headless", "--duration", "25",
                 "--speedup", "5", "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 0, out
    data = json.loads(report.read_text())

    # the sortie summary is still there: three drones, the searcher up at 60 m
    assert not data["completed"] and data["problems"] == []
    assert [v["system_id"] for v in data["vehicles"]] == [1, 2, 3]
    assert data["vehicles"][0]["max_alt_rel_m"] > 55.0

    d = data["detection"]
    assert (d["vehicle"], d["persons_total"], d["fires_total"]) == (1, 6, 3)
    assert d["persons_found"] + d["fires_found"] >= 3, out
    assert (d["duplicates"], d["false_findings"]) == (0, 0)
    assert 0.0 <= d["median_error_m"] <= 3.0 and d["max_error_m"] >= d["median_error_m"]
    assert 0.0 < d["latency_p50_ms"] <= d["latency_p95_ms"]
    assert 0 < d["frames_processed"] and d["frames_processed"] + d["frames_dropped"] <= d["frames_sent"]
    assert d["camera_fps"] == pytest.approx(2.0)  # 10 frames per wall second at 5x

    # the findings are in the demo's own store, for partners and the map, and the operator saw them come
    assert (tmp_path / "data" / "findings.sqlite").stat().st_size > 0
    assert "finding: person at" in out or "finding: hotspot at" in out
    assert f"Search by vehicle 1: {d['persons_found']}/6 persons and {d['fires_found']}/3 fires found" in out

    # the demo's ground robot drove a few metres over its CURVE-encrypted link, and its e-stop stopped it
    r = data["robot"]
    assert r["name"] == "sim-robot" and 3.0 <= r["driven_m"] <= 8.0 and r["top_speed_mps"] > 0.5, out
    assert r["estop_latched"] and r["estop_confirmed"] and r["stopped"]
    assert "robot sim-robot: connected over ZeroMQ with CURVE" in out
    assert f"Robot sim-robot: drove {r['driven_m']:.1f} m" in out and "stopped by its e-stop" in out
    assert (tmp_path / "data" / "demo-robot-keys" / "robot" / "sim-robot.key_secret").exists()


def test_an_unwritable_report_path_is_refused_before_the_flight(tmp_path, capsys):
    report = tmp_path / "no such folder" / "report.json"
    code = main(["demo", "--data-dir", str(tmp_path / "data"), "--headless", "--duration", "5",
                 "--report", str(report)])
    assert code == 2
    assert "cannot write the report" in capsys.readouterr().err


def test_a_broken_robot_key_is_told_and_the_fleet_flies_without_the_robot(tmp_path):
    data = DataDir.open(tmp_path / "data")
    robot_keys = data.root / "demo-robot-keys" / "robot"
    robot_keys.mkdir(parents=True)
    (robot_keys / "sim-robot.key_secret").write_text("not a key\n")
    told = []
    with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        with demo_robot(data, engine, 49.47, 6.37, told.append) as robot_id:
            assert robot_id is None and engine.robots.views() == ()
    assert len(told) == 1 and "the demo robot did not start" in told[0] and "sim-robot.key_secret" in told[0]
    assert (robot_keys / "sim-robot.key_secret").read_text() == "not a key\n"  # the operator's file is kept
