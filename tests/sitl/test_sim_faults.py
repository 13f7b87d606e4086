"""Fault injection, flipped at runtime, as seen from a plain pymavlink ground station."""
from __future__ import annotations

import time

import pytest
from pymavlink.dialects.v20 import common as mavlink

from sitl.vehicle import Faults, SimulatedFleet

ARM = mavlink.MAV_CMD_COMPONENT_ARM_DISARM


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=2, gcs=gcs.address, base_port=0, speedup=10, seed=5, gps_fix_delay=0.5) as running:
        yield running


def test_link_cut_silences_the_vehicle_both_ways_and_recovers(fleet, gcs):
    v = fleet.vehicles[0]
    gcs.wait_for("HEARTBEAT", system_id=1)
    v.faults.link_cut = True
    time.sleep(0.1)                      # let frames already on the wire arrive
    mark = gcs.mark()
    fleet.wait_until(lambda: len(gcs.messages("HEARTBEAT", system_id=2, since=mark)) >= 3, timeout=10)
    assert gcs.messages("HEARTBEAT", system_id=1, since=mark) == []   # vehicle 2 still talks
    with pytest.raises(TimeoutError):
        gcs.command(v.port, ARM, 1, timeout=0.5)
    assert not v.truth().armed                                         # the command never got in
    v.faults.link_cut = False
    gcs.wait_for("HEARTBEAT", system_id=1, since=gcs.mark())
    assert gcs.command(v.port, ARM, 1) == mavlink.MAV_RESULT_ACCEPTED


def test_dropped_acks_leave_the_command_executed_but_unanswered(fleet, gcs):
    v = fleet.vehicles[0]
    gcs.wait_for("HOME_POSITION", system_id=1)
    v.faults.drop_command_acks = True
    with pytest.raises(TimeoutError):
        gcs.command(v.port, ARM, 1, timeout=0.5)
    gcs.wait_for("HEARTBEAT", lambda m: m.base_mode & mavlink.MAV_MODE_FLAG_SAFETY_ARMED, system_id=1)
    v.faults.drop_command_acks = False
    # the station's retry (confirmation 1) gets the answer the first try earned
    assert gcs.command(v.port, ARM, 1, confirmation=1) == mavlink.MAV_RESULT_ACCEPTED


def test_packet_loss_shows_as_sequence_gaps_at_the_configured_rate(fleet, gcs):
    v = fleet.vehicles[1]
    v.faults.packet_loss = 0.3
    mark = gcs.mark()
    fleet.wait_until(lambda: len(gcs.messages("ATTITUDE", system_id=2, since=mark)) > 400, timeout=60)
    v.faults.packet_loss = 0.0
    with gcs._lock:
        seqs = [r.msg.get_seq() for r in gcs.received[mark:]
                if (r.msg.get_srcSystem(), r.msg.get_srcComponent()) == (2, 1)]   # sequences are per component
    expected = sum((b - a) % 256 for a, b in zip(seqs, seqs[1:]))
    lost = expected - (len(seqs) - 1)
    assert lost / expected == pytest.approx(0.3, abs=0.06)
    # the other vehicle's link is untouched
    with gcs._lock:
        other = [r.msg.get_seq() for r in gcs.received[mark:]
                 if (r.msg.get_srcSystem(), r.msg.get_srcComponent()) == (1, 1)]
    assert all((b - a) % 256 == 1 for a, b in zip(other, other[1:]))


def test_deny_arming_gives_px4s_refusal_and_reason(fleet, gcs):
    v = fleet.vehicles[0]
    gcs.wait_for("HOME_POSITION", system_id=1)
    v.faults.deny_arming = "ESC failure"
    mark = gcs.mark()
    assert gcs.command(v.port, ARM, 1) == mavlink.MAV_RESULT_TEMPORARILY_REJECTED
    gcs.wait_text("Arming denied: ESC failure", since=mark)
    v.faults.deny_arming = None
    assert gcs.command(v.port, ARM, 1) == mavlink.MAV_RESULT_ACCEPTED


def test_bad_fault_values_are_refused():
    faults = Faults()
    with pytest.raises(ValueError, match="packet_loss"):
        faults.packet_loss = 1.5
    with pytest.raises(ValueError, match="packet_loss"):
        Faults(packet_loss=-0.1)
    assert faults.packet_loss == 0.0
