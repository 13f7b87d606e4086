"""`groundstation robot keygen|watch` and `python -m sitl robot`, as a user runs them."""

import argparse
import os
import stat
import subprocess
import sys

import pytest

from drivers.robot.keys import KeyFileError, client_keys, load_pair
from groundstation.core.robots_cli import add_robot_parser, run_robot
from sitl.robot.cli import main as sim_main

from sitl.robot.simulator import free_port_pair


def robot_command(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="groundstation")
    add_robot_parser(parser.add_subparsers(dest="command"))
    return run_robot(parser.parse_args(["robot", *argv]))


def test_keygen_writes_a_pair_with_a_private_secret_and_never_overwrites(tmp_path, capsys):
    assert robot_command("keygen", str(tmp_path / "keys"), "--name", "station") == 0
    public, secret = tmp_path / "keys/station.key", tmp_path / "keys/station.key_secret"
    assert public.is_file() and secret.is_file()
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    assert load_pair(secret)[0] == client_keys(public, secret).server_public
    before = secret.read_bytes()
    assert robot_command("keygen", str(tmp_path / "keys"), "--name", "station") == 2
    assert "already exists" in capsys.readouterr().err
    assert secret.read_bytes() == before


def test_a_public_key_file_is_not_taken_for_a_secret(tmp_path):
    robot_command("keygen", str(tmp_path), "--name", "robot")
    with pytest.raises(KeyFileError, match="no secret key"):
        load_pair(tmp_path / "robot.key")


def test_sim_robot_refuses_an_open_unencrypted_endpoint(capsys):
    assert sim_main(["--zmq", "tcp://0.0.0.0:5599", "--duration", "0.1"]) == 2
    assert "--curve-secret" in capsys.readouterr().err


def test_sim_robot_with_curve_needs_station_keys(tmp_path, capsys):
    robot_command("keygen", str(tmp_path / "robot"), "--name", "robot")
    (tmp_path / "empty").mkdir()
    argv = ["--zmq", "tcp://127.0.0.1:5599", "--curve-secret", str(tmp_path / "robot/robot.key_secret"),
            "--authorized", str(tmp_path / "empty"), "--duration", "0.1"]
    assert sim_main(argv) == 2
    assert "holds no station public keys" in capsys.readouterr().err


def test_watch_a_simulated_robot_started_from_its_command(capsys):
    port = free_port_pair()
    robot = subprocess.Popen(
        [sys.executable, "-m", "sitl.robot.cli", "--zmq", f"tcp://127.0.0.1:{port}", "--name", "rescue-7",
         "--serial", "--duration", "6"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        banner = [robot.stdout.readline(), robot.stdout.readline()]
        assert any(line.startswith("robot 'rescue-7' on serial:/dev/") for line in banner)
        assert f"robot 'rescue-7' on zmq:tcp://127.0.0.1:{port}\n" in banner
        assert robot_command("watch", f"zmq:tcp://127.0.0.1:{port}", "--seconds", "2") == 0
        out = capsys.readouterr().out.splitlines()
        assert out[-1].startswith("rescue-7: link open, quality ")
        assert "battery 100 %" in out[-1]
    finally:
        robot.terminate()
        robot.wait(timeout=5)


def test_watch_a_robot_that_is_not_there_says_so_and_fails(capsys):
    assert robot_command("watch", "serial:/dev/no-such-robot:115200", "--seconds", "1") == 1
    out = capsys.readouterr().out
    assert "link reconnecting (cannot open /dev/no-such-robot" in out and "no telemetry yet" in out
