"""Serial framing: frames survive any split of the byte stream, and the reader finds its feet again
after garbage, cut frames and damaged bytes, counting each as an error instead of raising."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.robot.framing import MAX_FRAME, FrameReader, encode_frame, frame_message
from drivers.robot.protocol import EStop, Heartbeat, Role, Telemetry, Teleop, encode

from .test_protocol import messages


def feed_in_pieces(reader: FrameReader, stream: bytes, cuts: list[int]) -> list:
    out, start = [], 0
    for cut in sorted(c % (len(stream) + 1) for c in cuts) + [len(stream)]:
        out += reader.feed(stream[start:cut])
        start = max(start, cut)
    return out


@given(st.lists(messages, min_size=1, max_size=8), st.lists(st.integers(0, 10_000), max_size=12))
def test_messages_arrive_whole_however_the_stream_is_cut(sent, cuts):
    reader = FrameReader()
    stream = b"".join(frame_message(m) for m in sent)
    assert feed_in_pieces(reader, stream, cuts) == sent
    assert reader.stats.errors == 0
    assert reader.stats.messages == len(sent)


@given(st.lists(st.tuples(st.binary(max_size=40), messages), min_size=1, max_size=6))
def test_garbage_between_frames_loses_no_frame_and_is_counted(pieces):
    reader = FrameReader()
    stream = b"".join(garbage + frame_message(m) for garbage, m in pieces)
    assert reader.feed(stream) == [m for _, m in pieces]
    # Each run of garbage between zero bytes is one bad frame at most.
    runs = sum(1 for garbage, _ in pieces for run in garbage.split(b"\x00") if run)
    assert reader.stats.errors <= runs
    assert reader.stats.messages == len(pieces)


def test_a_frame_cut_short_costs_only_itself():
    first, second = Heartbeat(Role.ROBOT, 1), EStop(7, True)
    cut = frame_message(first)[:-5]  # the cable dropped the end of a frame
    reader = FrameReader()
    assert reader.feed(cut + frame_message(second)) == [second]
    assert reader.stats.errors == 1


def test_a_flipped_bit_is_caught_by_the_crc():
    frame = bytearray(frame_message(Teleop(1, 5, 100, 150, 0.5, 0.0)))
    frame[8] ^= 0x10
    reader = FrameReader()
    assert reader.feed(bytes(frame)) == []
    assert reader.stats.errors == 1
    assert "CRC" in reader.stats.last_error


def test_endless_garbage_is_dropped_without_growing_the_buffer_then_the_next_frame_arrives():
    reader = FrameReader()
    noise = bytes(random.Random(1).randrange(1, 256) for _ in range(5 * MAX_FRAME))
    assert reader.feed(noise) == []
    assert len(reader._buffer) <= MAX_FRAME
    message = Heartbeat(Role.ROBOT, 42)
    assert reader.feed(frame_message(message)) == [message]
    assert reader.stats.errors == 1
    assert "longer than" in reader.stats.last_error


def test_a_valid_frame_with_an_unknown_message_is_counted_as_a_protocol_error():
    reader = FrameReader()
    assert reader.feed(encode_frame(b"\x01\x7f")) == []
    assert reader.stats.last_error == "unknown message type 0x7f"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_fuzz_random_bytes_never_raise(data):
    reader = FrameReader()
    reader.feed(data)
    reader.feed(b"\x00")
    frames_seen = data.count(b"\x00") + 1
    assert reader.stats.errors + reader.stats.messages <= frames_seen


def test_fuzz_mutated_streams_never_raise_and_good_frames_after_still_arrive():
    rng = random.Random(7)
    sample = [Telemetry(i, i * 100, 49.6, 6.1, 10.0, 0.5, 0.25, 24.5, 90, False, False, i) for i in range(20)]
    stream = bytearray(b"".join(frame_message(m) for m in sample))
    total_errors = 0
    for _ in range(2000):
        mutated = bytearray(stream)
        for _ in range(rng.randrange(1, 8)):
            position = rng.randrange(len(mutated))
            action = rng.random()
            if action < 0.5:
                mutated[position] = rng.randrange(256)
            elif action < 0.8:
                del mutated[position]
            else:
                mutated.insert(position, rng.randrange(256))
        reader = FrameReader()
        got = reader.feed(bytes(mutated))
        total_errors += reader.stats.errors
        assert all(m in sample for m in got)  # never a wrong message built from damaged bytes
        tail = Heartbeat(Role.ROBOT, 99)
        # A frame whose closing zero was lost is completed by the tail's opening zero: still whole.
        late = reader.feed(frame_message(tail))
        assert late[-1] == tail and all(m in sample for m in late[:-1])
    assert total_errors > 0


def test_frames_hold_no_zero_byte_between_their_delimiters():
    payload = encode(EStop(1, False))
    frame = encode_frame(payload)
    assert frame[0] == 0 and frame[-1] == 0 and 0 not in frame[1:-1]
