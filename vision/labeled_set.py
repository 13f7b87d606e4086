"""Reader for the labeled evaluation folders (layout of shared/data/vision/README.md)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vision.records import Box

DONTCARE = "dontcare"


@dataclass(frozen=True)
class LabeledImage:
    file: Path  # image to show the detector (8-bit thermal or RGB)
    radiometric: Path | None  # float32 deg C TIFF, where the set has one
    width: int
    height: int
    boxes: tuple[tuple[str, Box], ...]  # (class, box)

    def targets(self, target_class: str) -> list[Box]:
        return [b for c, b in self.boxes if c == target_class]

    def dontcare(self) -> list[Box]:
        return [b for c, b in self.boxes if c == DONTCARE]


@dataclass(frozen=True)
class LabeledSet:
    name: str
    root: Path
    modality: str
    target_class: str
    images: tuple[LabeledImage, ...]

    @property
    def is_radiometric(self) -> bool:
        return any(i.radiometric is not None for i in self.images)


def load_labeled_set(root: str | Path) -> LabeledSet:
    """Read `root/labels.json`; images without ground truth (`labeled: false`) are skipped."""
    root = Path(root)
    labels = root / "labels.json"
    if not labels.is_file():
        raise FileNotFoundError(f"{root} is not a labeled set: no labels.json in it")
    try:
        doc = json.loads(labels.read_text())
        images = []
        for entry in doc["images"]:
            if entry.get("labeled", True) is False or entry.get("boxes") is None:
                continue
            boxes = tuple((b["class"], Box(*map(float, b["bbox"]))) for b in entry["boxes"])
            radiometric = root / entry["radiometric"] if entry.get("radiometric") else None
            images.append(LabeledImage(root / entry["file"], radiometric,
                                       int(entry["width"]), int(entry["height"]), boxes))
        return LabeledSet(doc.get("set", root.name), root, doc.get("modality", ""),
                          doc["target_class"], tuple(images))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{labels}: not in the labeled-set layout ({exc!r})") from exc
