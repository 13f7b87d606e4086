import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from vision.eval import main
from vision.metrics import ScoredFrame, average_precision, score
from vision.records import Box

T1, T2 = Box(0, 0, 10, 10), Box(50, 50, 10, 10)


def test_perfect_detections_score_one() -> None:
    s = score([ScoredFrame([T1, T2], [(T1, 0.9), (T2, 0.8)], [])], 0.5, 0.5)
    assert (s.ap, s.recall, s.precision, s.false_per_frame) == (1.0, 1.0, 1.0, 0.0)


def test_hand_computed_voc_all_point_ap() -> None:
    # ranked: hit, miss, hit over 2 targets -> envelope precision 1.0 to recall .5, 2/3 to 1.0
    hits = [(0.9, True), (0.8, False), (0.7, True)]
    assert average_precision(hits, 2) == pytest.approx(0.5 * 1.0 + 0.5 * 2 / 3)
    # one target never found: recall tops out at 1/2
    assert average_precision([(0.9, True)], 2) == pytest.approx(0.5)


def test_duplicate_detection_of_one_target_is_false() -> None:
    s = score([ScoredFrame([T1], [(T1, 0.9), (Box(1, 1, 10, 10), 0.8)], [])], 0.5, 0.5)
    assert s.recall == 1.0 and s.precision == 0.5 and s.false_per_frame == 1.0


def test_iou_threshold_decides_a_hit() -> None:
    shifted = Box(4, 0, 10, 10)  # IoU 6*10/(140) = 0.43
    assert score([ScoredFrame([T1], [(shifted, 0.9)], [])], 0.5, 0.1).recall == 0.0
    assert score([ScoredFrame([T1], [(shifted, 0.9)], [])], 0.3, 0.1).recall == 1.0


def test_detections_in_dontcare_regions_are_ignored() -> None:
    dontcare = [Box(100, 100, 40, 40)]
    s = score([ScoredFrame([T1], [(T1, 0.9), (Box(110, 110, 10, 10), 0.95)], dontcare)], 0.5, 0.5)
    assert s.ap == 1.0 and s.false_per_frame == 0.0


def test_operating_threshold_only_affects_point_metrics() -> None:
    frames = [ScoredFrame([T1, T2], [(T1, 0.9), (T2, 0.2)], [])]
    assert score(frames, 0.5, 0.5).recall == 0.5
    assert score(frames, 0.5, 0.5).ap == 1.0


def test_ap_needs_targets() -> None:
    with pytest.raises(ValueError, match="without targets"):
        average_precision([], 0)


def _tiny_set(root: Path) -> Path:
    (root / "images").mkdir(parents=True)
    frame = np.full((64, 64), 40, np.uint8)
    frame[20:26, 30:36] = 250
    cv2.imwrite(str(root / "images" / "a.png"), frame)
    (root / "labels.json").write_text(json.dumps({
        "set": "tiny", "modality": "thermal 8-bit", "target_class": "hotspot",
        "images": [{"file": "images/a.png", "width": 64, "height": 64,
                    "boxes": [{"class": "hotspot", "bbox": [30, 20, 6, 6]}]}]}))
    return root


def test_cli_picks_a_detector_and_writes_json(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.json"
    assert main([str(_tiny_set(tmp_path / "set")), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "hotspot-contrast" in printed and "AP30" in printed
    report = json.loads(out.read_text())
    assert report["recall"] == 1.0 and report["ap"] == 1.0 and report["ms_per_frame"] > 0


def test_cli_reports_a_folder_without_labels_clearly(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path)]) == 2
    assert "no labels.json" in capsys.readouterr().err


def test_cli_reports_a_broken_labels_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "labels.json").write_text('{"images": [{"file": "x.jpg"}]}')
    assert main([str(tmp_path)]) == 2
    assert "labeled-set layout" in capsys.readouterr().err
