"""`groundstation export`: the findings of the data directory named, before or after the command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from groundstation.cli import main
from groundstation.core.datadir import DataDir
from groundstation.core.findings import open_store
from groundstation.core.settings import Settings


def station_with_findings(root: Path, n: int) -> Path:
    data = DataDir.open(root)
    with open_store(data.root, Settings.load(data.settings_file).station_id) as store:
        for i in range(n):
            store.record(kind="person", lat=49.47 + i * 1e-4, lon=6.37, h_acc_m=4.0, source="UAV-1", who="detector")
    return data.root


@pytest.mark.parametrize("where", ["before", "after"])
def test_export_reads_the_data_directory_given_before_or_after_the_command(tmp_path, monkeypatch, where):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # the user data folder holds nothing
    root = station_with_findings(tmp_path / "station", 3)
    out = tmp_path / "findings.geojson"
    data_dir = ["--data-dir", str(root)]
    command = ["export", "--format", "geojson", "--out", str(out)]
    assert main(data_dir + command if where == "before" else command + data_dir) == 0
    features = json.loads(out.read_text())["features"]
    assert len(features) == 3 and {f["properties"]["kind"] for f in features} == {"person"}


def test_a_kmz_needs_kml_and_nothing_is_written(tmp_path, capsys):
    root = station_with_findings(tmp_path / "station", 1)
    out = tmp_path / "findings.kmz"
    assert main(["--data-dir", str(root), "export", "--format", "geojson", "--out", str(out)]) == 2
    assert ".kmz output needs --format kml" in capsys.readouterr().err
    assert not out.exists()
