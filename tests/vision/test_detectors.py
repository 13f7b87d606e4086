"""Detectors on real frames from shared/data/vision; thresholds sit just below measured results."""
from pathlib import Path

import cv2
import numpy as np
import pytest

from vision.blob_person import BlobPersonDetector
from vision.eval import evaluate
from vision.hotspot import ContrastHotspotDetector, HotspotBands, RadiometricHotspotDetector
from vision.labeled_set import load_labeled_set
from vision.rgb_person import RgbPersonDetector, decode_fastestdet, tile_origins
from vision import thermal_person
from vision.thermal_person import ThermalPersonDetector


def test_thermal_cnn_finds_persons_on_hituav(data: Path) -> None:
    # measured: AP50 0.824, recall 0.832 at 0.3, 1.55 false detections per frame
    report = evaluate(load_labeled_set(data / "hituav-thermal-person"), "thermal-person-cnn")
    assert report.scores.ap >= 0.80
    assert report.scores.recall >= 0.81
    assert report.scores.false_per_frame <= 2.2


def test_the_second_look_at_the_mirror_image_is_what_lifts_the_cnn_past_080(data: Path, monkeypatch) -> None:
    labeled = load_labeled_set(data / "hituav-thermal-person")
    with_it = evaluate(labeled, "thermal-person-cnn").scores
    monkeypatch.setattr(thermal_person, "MIRROR_FROM", 1.01)  # nobody gets a second look
    without = evaluate(labeled, "thermal-person-cnn").scores
    assert without.ap < 0.80 <= with_it.ap  # measured 0.795 and 0.824
    assert with_it.false_per_frame < without.false_per_frame  # measured 1.55 and 2.28


def test_the_second_look_reads_the_mirror_image_where_the_whole_mirrored_frame_would(data: Path) -> None:
    """A window of the mirror image around each candidate gives (nearly) what the whole mirrored frame gives
    at that cell: right cell, offset measured from the cell's left, same heat."""
    detector = ThermalPersonDetector()
    gray = cv2.imread(str(sorted((data / "hituav-thermal-person" / "images").iterdir())[5]), cv2.IMREAD_GRAYSCALE)
    detector.net.setInput(thermal_person.as_blocks(gray))
    ys, xs = thermal_person.find_centres(detector.net.forward()[0], 0.2)
    detector.net.setInput(thermal_person.as_blocks(np.ascontiguousarray(gray[:, ::-1])))
    whole = detector.net.forward()[0][:, :, ::-1]
    looked, windowed = detector._mirrored(gray, ys, xs)
    assert len(looked) >= 3
    expected = whole[:, ys[looked], xs[looked]]
    expected[1] = 1.0 - expected[1]
    assert np.median(np.abs(windowed[0] - expected[0])) < 0.4  # heat logit (measured 0.24; a cell off: 1.05)
    assert np.median(np.abs(windowed[1:3] - expected[1:3])) < 0.1  # sub-cell offsets, in cells (measured 0.05)
    assert np.median(np.abs(windowed[3:] - expected[3:])) < 0.1  # log sizes


def test_the_cnn_runs_on_frames_smaller_than_its_second_look_window(data: Path) -> None:
    frame = cv2.imread(str(sorted((data / "hituav-thermal-person" / "images").iterdir())[5]), cv2.IMREAD_GRAYSCALE)
    full = ThermalPersonDetector().detect(frame)
    person = max(full, key=lambda d: d.confidence).box
    x0, y0 = int(max(0, person.x - 20)), int(max(0, person.y - 20))
    crop = frame[y0:y0 + 50, x0:x0 + 70]  # padded to 80x64, under the 96 px window
    found = ThermalPersonDetector().detect(crop)
    assert any(abs(d.box.x + x0 - person.x) < 3 and abs(d.box.y + y0 - person.y) < 3 for d in found)


def test_thermal_cnn_beats_the_blob_fallback_on_the_same_frames(data: Path) -> None:
    labeled = load_labeled_set(data / "hituav-thermal-person")
    small = type(labeled)(labeled.name, labeled.root, labeled.modality, labeled.target_class, labeled.images[:12])
    cnn = evaluate(small, "thermal-person-cnn").scores
    blob = evaluate(small, "thermal-person-blob").scores
    assert blob.recall >= 0.4  # measured 0.53 on the whole set: it does find warm persons
    assert cnn.ap > blob.ap + 0.4
    assert cnn.false_per_frame * 10 < blob.false_per_frame


def test_radiometric_hotspots_on_flame3(data: Path) -> None:
    # measured: AP30 0.954, recall 1.000 (15 of 15), precision 0.789; a single 100 deg C cut (no
    # split between hot cores) had recall 0.867: two label components merged with the fire front
    report = evaluate(load_labeled_set(data / "flame3-radiometric-hotspot"), "hotspot-radiometric")
    assert report.iou == 0.3
    assert report.scores.recall >= 0.95
    assert report.scores.ap >= 0.93
    assert report.scores.precision >= 0.75


@pytest.mark.parametrize("min_temp", [60.0, 100.0, 250.0])
def test_no_hotspot_below_the_configured_temperature(data: Path, min_temp: float) -> None:
    labeled = load_labeled_set(data / "flame3-radiometric-hotspot")
    celsius = cv2.imread(str(labeled.images[0].radiometric), cv2.IMREAD_UNCHANGED)
    found = RadiometricHotspotDetector(HotspotBands(min_temp_c=min_temp, fire_temp_c=600)).detect(celsius)
    assert found
    for det in found:
        b = det.box
        region = celsius[int(b.y):int(b.y + b.h), int(b.x):int(b.x + b.w)]
        # split hotspots' boxes may overlap a hotter neighbour, so the box may hold more than max_temp_c
        assert det.mean_temp_c >= min_temp and det.max_temp_c >= min_temp
        assert np.any(region == np.float32(det.max_temp_c))  # its hottest pixel lies in its box


def test_cold_radiometric_frame_gives_nothing() -> None:
    frame = np.full((64, 80), 35.0, np.float32)  # a warm person-like patch is no fire
    frame[10:20, 10:20] = 37.0
    assert RadiometricHotspotDetector().detect(frame) == []


def test_rgb_person_model_runs_on_tiles_without_inventing_persons_in_a_burn(data: Path) -> None:
    detector = RgbPersonDetector(data / "models" / "fastestdet-coco-352x352.onnx")
    frame = cv2.imread(str(data / "flame3-radiometric-hotspot" / "rgb" / "wilamette_00001.jpg"))
    # a prescribed burn: cars and smoke score up to 0.55 as "person", under the 0.6 default
    assert detector.detect(frame) == []
    assert len(detector.detect(frame, min_confidence=0.01)) > 0  # but the net does answer


def test_fastestdet_decode_places_a_cell_in_tile_pixels() -> None:
    out = np.zeros((85, 22, 22), np.float32)
    out[4 + 1:] = 0.0
    out[0, 11, 5] = 0.9
    out[5 + 0, 11, 5] = 1.0  # person
    out[3:5, 11, 5] = 0.0  # sigmoid(0) = half the input
    (box, conf), = decode_fastestdet(out, 0.5, 352, 352)
    assert box.centre == pytest.approx((5 / 22 * 352, 11 / 22 * 352))
    assert box.w == pytest.approx(176) and conf == pytest.approx(0.9 ** 0.6)


def test_tiles_cover_the_frame_with_overlap() -> None:
    starts = tile_origins(1920, 352, 48)
    assert starts[0] == 0 and starts[-1] + 352 == 1920
    assert all(b - a <= 352 - 48 for a, b in zip(starts, starts[1:]))


@pytest.mark.parametrize("detector", [BlobPersonDetector(), ContrastHotspotDetector(), ThermalPersonDetector()])
@pytest.mark.parametrize("frame, message", [
    (np.zeros((0, 640), np.uint8), "empty frame"),
    (np.zeros((512, 640), np.float32), "8-bit"),
    (np.zeros((512, 640, 2), np.uint8), "channels"),
    (np.zeros((4, 4, 4, 4), np.uint8), "2-D or 3-D"),
])
def test_bad_frames_give_a_clear_error(detector, frame, message) -> None:
    with pytest.raises(ValueError, match=message):
        detector.detect(frame)
    detector.detect(np.zeros((64, 64), np.uint8))  # and the detector still works afterwards


def test_radiometric_detector_refuses_8bit_frames() -> None:
    with pytest.raises(ValueError, match="float deg C"):
        RadiometricHotspotDetector().detect(np.zeros((8, 8), np.uint8))


def test_a_model_for_another_input_is_refused_by_name_not_run_into_nonsense(data: Path, tmp_path: Path) -> None:
    # cv2.dnn would run this COCO model (or an older person model taking the plain frame) on pixel blocks.
    with pytest.raises(ValueError, match="fastestdet.*not a thermal person model.*not \\(1, 5, 8, 8\\)"):
        ThermalPersonDetector(data / "models" / "fastestdet-coco-352x352.onnx")


def test_missing_model_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nothing.onnx"):
        ThermalPersonDetector(tmp_path / "nothing.onnx")
