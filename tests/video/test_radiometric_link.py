"""The radiometric side channel: lossless frames with capture time and pose, and recovery from
corrupt, truncated, missing and wrongly formatted frames."""
import time

import numpy as np
import pytest

from drivers.video.radiometric_link import (HEADER, FramePose, RadiometricReceiver, Reassembler, pack_frame)
from drivers.video.thermal import KELVIN_64
from sitl.camera.render import CameraPose, Intrinsics
from sitl.camera.stream import RadiometricSender

POSE = FramePose(49.47, 6.37, 220.0, 1.0, -2.0, 135.0, 0.0, -90.0, 0.0, 32.0)


def frame(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(17000, 40000, (512, 640), dtype=np.uint16)


def assembler():
    errors = []
    return Reassembler(errors.append), errors


def feed(r, datagrams):
    return [f for f in (r.push(d) for d in datagrams) if f is not None]


def test_frame_round_trip_keeps_every_count_time_and_pose():
    r, errors = assembler()
    counts = frame(1)
    parts = pack_frame(counts, KELVIN_64, 7, 1234.5, POSE, vehicle_id=3)
    assert len(parts) == 11 and all(len(p) <= 65507 for p in parts)
    [got] = feed(r, reversed(parts))  # order within a frame does not matter
    assert np.array_equal(got.counts, counts) and got.seq == 7 and got.vehicle_id == 3
    assert got.capture_time_s == 1234.5 and got.pose.lat_deg == 49.47 and got.pose.gimbal_pitch_deg == -90.0
    assert got.celsius()[0, 0] == pytest.approx(counts[0, 0] / 64 - 273.15, abs=1e-3)
    assert errors == []


def test_corrupt_part_drops_that_frame_and_the_next_one_arrives():
    r, errors = assembler()
    bad = pack_frame(frame(1), KELVIN_64, 1, 1.0, POSE)
    bad[4] = bad[4][:500] + bytes([bad[4][500] ^ 0xFF]) + bad[4][501:]
    assert feed(r, bad) == []
    assert any("corrupt" in e and "frame 1" in e for e in errors)
    [good] = feed(r, pack_frame(frame(2), KELVIN_64, 2, 2.0, POSE))
    assert good.seq == 2 and np.array_equal(good.counts, frame(2))


def test_truncated_datagrams_are_refused_clearly():
    r, errors = assembler()
    parts = pack_frame(frame(1), KELVIN_64, 1, 1.0, POSE)
    assert feed(r, [parts[0][:40]] + [parts[3][:-100]]) == []
    assert "shorter than the 88-byte header" in errors[0] and "CRC mismatch" in errors[1]
    assert HEADER.size == 88
    assert len(feed(r, pack_frame(frame(2), KELVIN_64, 2, 2.0, POSE))) == 1


def test_missing_and_incomplete_frames_are_reported_and_skipped():
    r, errors = assembler()
    feed(r, pack_frame(frame(1), KELVIN_64, 1, 1.0, POSE))
    partial = pack_frame(frame(2), KELVIN_64, 2, 2.0, POSE)[:5]  # frame 2 loses parts
    feed(r, partial)
    # frames 3 and 4 never come at all
    got = feed(r, pack_frame(frame(5), KELVIN_64, 5, 5.0, POSE)) + feed(r, pack_frame(frame(6), KELVIN_64, 6, 6.0, POSE))
    assert [f.seq for f in got] == [5, 6]
    assert any("2 frame(s) missing (3..4)" in e for e in errors)
    assert any("frame 2 incomplete (5 of 11 parts)" in e for e in errors)


def test_wrong_pixel_format_is_refused_and_the_feed_goes_on():
    r, errors = assembler()
    parts = pack_frame(frame(1), KELVIN_64, 1, 1.0, POSE)
    wrong = [p[:5] + bytes([2]) + p[6:] for p in parts]  # pixel format code 2: not defined
    assert feed(r, wrong) == []
    assert "wrong pixel format code 2" in errors[0]
    assert len(feed(r, pack_frame(frame(2), KELVIN_64, 2, 2.0, POSE))) == 1
    with pytest.raises(ValueError, match="uint16"):
        pack_frame(frame(1).astype(np.float32), KELVIN_64, 3, 3.0, POSE)


def test_synthetic_camera_sends_degrees_over_udp_to_the_station():
    celsius = np.full((512, 640), 14.0, np.float32)
    celsius[100:110, 200:220] = 450.0
    cam = Intrinsics(640, 512, 32.0)
    pose = CameraPose(0.0, 49.47, 6.37, 220.0, yaw_deg=90.0)
    with RadiometricReceiver() as rx:
        tx = RadiometricSender(rx.address, vehicle_id=2)
        try:
            sent_at = time.time()
            tx.send(celsius, sent_at, pose, cam)
            got = rx.next_frame(3.0)
        finally:
            tx.close()
    assert got is not None and got.vehicle_id == 2 and got.capture_time_s == sent_at
    assert got.received_time_s >= sent_at and got.pose.yaw_deg == 90.0 and got.pose.hfov_deg == 32.0
    c = got.celsius()
    assert c[105, 210] == pytest.approx(450.0, abs=0.01) and c[0, 0] == pytest.approx(14.0, abs=0.01)
    assert rx.errors() == []
