"""A robot's marker on the map: a robot waiting to be driven is calm; its deadman stopping a drive is an alarm."""

from __future__ import annotations

from dataclasses import replace

from groundstation.core.robots import RobotView
from groundstation.ui.robot_panel import RobotsLayer

WAITING = RobotView(id="zmq:tcp://127.0.0.1:5600", name="sim-robot", kind="robot", link="open", link_error=None,
                    alive=True, link_quality=1.0, lat=49.47, lon=6.37, heading_deg=0.0, speed=0.0, turn_rate=0.0,
                    battery_pct=100, battery_v=25.2, estop_latched=False, estop_confirmed=False,
                    release_pending=False, deadman=True, input_stale=True, commanded=(0.0, 0.0), limits=None,
                    video_url="", last_event="robot stopped by itself: its motion commands stopped arriving")
DRIVING = replace(WAITING, deadman=False, input_stale=False, speed=0.4, commanded=(0.8, 0.0))
STOPPED_BY_OPERATOR = replace(DRIVING, speed=0.0, commanded=(0.0, 0.0))


def label_after(*views: RobotView) -> tuple[str, bool]:
    layer = RobotsLayer(lambda _id: None)
    for v in views:
        layer.show((v,), None)
    return layer.label(views[-1])


def test_a_robot_waiting_to_be_driven_is_calm_and_a_deadman_stopping_a_drive_is_an_alarm():
    assert label_after(WAITING) == ("sim-robot", False)  # its deadman holds it: nothing to alarm anyone
    assert label_after(WAITING, DRIVING) == ("sim-robot", False)
    # commands stopped arriving in the middle of a drive: the robot stopped itself
    assert label_after(WAITING, DRIVING, WAITING) == ("sim-robot  DEADMAN STOP", True)
    # the operator stopped it, then the station stopped sending: the deadman takes over calmly
    assert label_after(DRIVING, STOPPED_BY_OPERATOR, WAITING) == ("sim-robot", False)
    # driven again after the alarm: the alarm goes, and comes back only with the next stopped drive
    assert label_after(DRIVING, WAITING, replace(DRIVING, speed=0.0)) == ("sim-robot", False)
    assert label_after(replace(WAITING, alive=False)) == ("sim-robot  NOT HEARD", True)
    assert label_after(replace(WAITING, estop_latched=True)) == ("sim-robot  E-STOP", True)

