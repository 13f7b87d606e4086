"""`python -m vision.eval` given a wrong folder: it says which mistake it was and what to give instead."""
from __future__ import annotations

from pathlib import Path

from vision.eval import main


def test_a_missing_folder_is_named_as_missing(tmp_path: Path, capsys):
    assert main([str(tmp_path / "hituav-thermal-persn")]) == 2
    err = capsys.readouterr().err
    assert "no folder" in err and "hituav-thermal-persn" in err and "labels.json" in err


def test_a_folder_without_labels_is_not_taken_for_a_missing_one(tmp_path: Path, capsys):
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no labels.json" in err and "no folder" not in err
