"""Evaluate a detector on a labeled folder.

    python -m vision.eval DIR [--detector NAME] [--json OUT] [--model ONNX]

Prints AP50 (VOC all-point; IoU 0.3 for hotspot sets, whose blob boxes are loose),
recall, precision and false detections per frame at the detector's operating threshold,
and milliseconds per frame on one core. Without --detector, the set's target class and
modality choose it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2

from vision.blob_person import BlobPersonDetector
from vision.hotspot import ContrastHotspotDetector, RadiometricHotspotDetector
from vision.labeled_set import LabeledSet, load_labeled_set
from vision.metrics import ScoredFrame, Scores, score
from vision.rgb_person import RgbPersonDetector
from vision.thermal_person import ThermalPersonDetector

AP_FLOOR = 0.05  # detections kept for the precision/recall curve
DETECTORS = ("thermal-person-cnn", "thermal-person-blob", "hotspot-radiometric", "hotspot-contrast",
             "rgb-person-fastestdet")


@dataclass(frozen=True)
class Report:
    set: str
    detector: str
    iou: float
    operating_threshold: float
    scores: Scores
    ms_per_frame: float

    def as_dict(self) -> dict:
        return {**{k: v for k, v in asdict(self).items() if k != "scores"}, **asdict(self.scores)}


def choose_detector(labeled: LabeledSet) -> str:
    modality = labeled.modality.lower()
    if labeled.target_class == "hotspot":
        return "hotspot-radiometric" if labeled.is_radiometric else "hotspot-contrast"
    if labeled.target_class == "person":
        return "rgb-person-fastestdet" if modality.startswith("rgb") else "thermal-person-cnn"
    raise ValueError(f"no detector for target class {labeled.target_class!r}")


def make_detector(name: str, model: Path | None):
    if name == "thermal-person-cnn":
        return ThermalPersonDetector(model) if model else ThermalPersonDetector()
    if name == "thermal-person-blob":
        return BlobPersonDetector()
    if name == "hotspot-radiometric":
        return RadiometricHotspotDetector()
    if name == "hotspot-contrast":
        return ContrastHotspotDetector()
    if name == "rgb-person-fastestdet":
        if model is None:
            raise ValueError("rgb-person-fastestdet needs --model (e.g. shared/data/vision/models/fastestdet-coco-352x352.onnx)")
        return RgbPersonDetector(model)
    raise ValueError(f"unknown detector {name!r}; choose one of {', '.join(DETECTORS)}")


def evaluate(labeled: LabeledSet, name: str, model: Path | None = None) -> Report:
    detector = make_detector(name, model)
    iou = 0.3 if labeled.target_class == "hotspot" else 0.5
    frames, seconds = [], 0.0
    for image in labeled.images:
        if name == "hotspot-radiometric":
            if image.radiometric is None:
                raise ValueError(f"{image.file}: the set has no radiometric frame for it")
            frame = cv2.imread(str(image.radiometric), cv2.IMREAD_UNCHANGED)
        else:
            frame = cv2.imread(str(image.file), cv2.IMREAD_COLOR)
        if frame is None:
            raise ValueError(f"cannot read image {image.file}")
        start = time.perf_counter()
        found = detector.detect(frame, min_confidence=min(AP_FLOOR, detector.confidence_threshold))
        seconds += time.perf_counter() - start
        frames.append(ScoredFrame(image.targets(labeled.target_class),
                                  [(d.box, d.confidence) for d in found], image.dontcare()))
    return Report(labeled.name, name, iou, detector.confidence_threshold,
                  score(frames, iou, detector.confidence_threshold),
                  1000.0 * seconds / max(1, len(frames)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vision.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path, help="labeled folder with labels.json")
    parser.add_argument("--detector", choices=DETECTORS)
    parser.add_argument("--model", type=Path, help="ONNX model file for the CNN detectors")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"error: no folder {args.dir}; give a labeled set, a folder with labels.json such as "
              f"../shared/data/vision/hituav-thermal-person", file=sys.stderr)
        return 2
    cv2.setNumThreads(1)  # targets are stated for one core
    try:
        labeled = load_labeled_set(args.dir)
        name = args.detector or choose_detector(labeled)
        report = evaluate(labeled, name, args.model)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    s = report.scores
    print(f"set {report.set}  detector {report.detector}  ({s.frames} frames, {s.targets} targets)")
    print(f"AP{round(report.iou * 100)}            {s.ap:.3f}")
    print(f"recall          {s.recall:.3f}   (confidence >= {report.operating_threshold:g})")
    print(f"precision       {s.precision:.3f}")
    print(f"false / frame   {s.false_per_frame:.2f}")
    print(f"ms / frame      {report.ms_per_frame:.1f}   (one core)")
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
