"""The training script end to end on a few real HIT-UAV frames: pack, train, export, run with cv2.dnn.

Runs where the `train` extra (torch, onnx) is installed; CI installs it. Seconds of CPU, so it
checks the plumbing (labels to targets, selection on val, ONNX the detector loads), not accuracy.
"""
import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("onnx")

from vision.thermal_person import DEFAULT_MODEL, ThermalPersonDetector, as_blocks  # noqa: E402
from vision.train_person import _load, export_weights, pack, train  # noqa: E402


def _small_split(src: Path, dst: Path, count: int) -> None:
    """The first `count` frames with persons of a labeled folder, in the same layout."""
    doc = json.loads((src / "labels.json").read_text())
    images = [i for i in doc["images"] if any(b["class"] == "person" for b in i["boxes"])][:count]
    (dst / "images").mkdir(parents=True)
    for image in images:
        shutil.copy(src / image["file"], dst / image["file"])
    (dst / "labels.json").write_text(json.dumps({**doc, "images": images}))


@pytest.fixture(scope="module")
def small_pack(data: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hituav-small")
    _small_split(data / "hituav-train", root / "hituav-train", 6)
    _small_split(data / "hituav-val", root / "hituav-val", 3)
    out = root / "pack.npz"
    pack(root, out)
    return out


def test_pack_keeps_every_frame_and_person_box(small_pack: Path) -> None:
    images, boxes, split = _load(small_pack)
    assert images.shape == (9, 512, 640) and images.dtype == np.uint8
    assert list(split) == [0] * 6 + [1] * 3
    persons = boxes[boxes[:, 1] == 0]
    assert len(persons) > 9 and set(persons[:, 0].astype(int)) == set(range(9))
    assert (persons[:, 4] > 2).all() and (persons[:, 5] > 2).all()  # widths and heights in pixels


@pytest.mark.slow
def test_train_exports_a_model_the_detector_runs(small_pack: Path, data: Path, tmp_path: Path) -> None:
    summary = train(small_pack, tmp_path, minutes=0.1, batch=4, seed=1)
    onnx_file = tmp_path / "thermal-person-centrenet.onnx"
    assert onnx_file.is_file() and (tmp_path / "thermal-person-centrenet.pt").is_file()
    assert summary["steps"] > 0 and 0.0 <= summary["best_val_ap50"] <= 1.0
    assert json.loads((tmp_path / "train-log.json").read_text())["val_images"] == 3

    detector = ThermalPersonDetector(onnx_file)
    frame = cv2.imread(str(next((data / "hituav-val" / "images").iterdir())), cv2.IMREAD_COLOR)
    found = detector.detect(frame, min_confidence=0.0)
    assert all(d.label == "person" and 0.0 <= d.confidence <= 1.0 for d in found)

    # Continuing from those weights starts by scoring them, and keeps them unless beaten.
    again = train(small_pack, tmp_path / "again", minutes=0.05, batch=4, seed=2,
                   init=tmp_path / "thermal-person-centrenet.pt", peak_lr=1e-4)
    assert again["log"][0]["step"] == 0 and again["log"][0]["loss"] is None
    assert again["best_val_ap50"] >= again["log"][0]["val_ap50"] - 1e-4  # the log rounds to 4 places


@pytest.mark.parametrize("size", [(512, 640), (500, 630)])
def test_the_exported_model_computes_what_the_trained_network_computes(data: Path, tmp_path: Path, size) -> None:
    """The ONNX takes 2x2 pixel blocks (faster under cv2.dnn): same numbers as the torch network on the frame."""
    import torch

    from vision.person_net import PersonNet

    weights = DEFAULT_MODEL.with_suffix(".pt")
    export_weights(weights, tmp_path / "model.onnx")
    frame = cv2.imread(str(sorted((data / "hituav-thermal-person" / "images").iterdir())[0]), cv2.IMREAD_GRAYSCALE)
    gray = cv2.copyMakeBorder(frame[:size[0], :size[1]], 0, -size[0] % 16, 0, -size[1] % 16, cv2.BORDER_CONSTANT)
    net = PersonNet()
    net.load_state_dict(torch.load(weights, map_location="cpu"))
    with torch.no_grad():
        expected = net.eval()(torch.from_numpy(gray).float()[None, None] / 255.0).numpy()
    for onnx_file in (tmp_path / "model.onnx", DEFAULT_MODEL):  # the shipped model is that export too
        dnn = cv2.dnn.readNetFromONNX(str(onnx_file))
        dnn.setInput(as_blocks(gray))
        got = dnn.forward()
        assert got.shape == expected.shape == (1, 5, gray.shape[0] // 4, gray.shape[1] // 4)
        assert np.abs(got - expected).max() < 1e-3
