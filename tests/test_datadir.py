from pathlib import Path

import pytest

from groundstation.core.datadir import DataDir


def test_data_dir_created_with_logs_folder(tmp_path: Path) -> None:
    d = DataDir.open(tmp_path / "station")
    assert d.root.is_dir()
    assert d.logs.is_dir()
    assert d.settings_file.parent == d.root


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "not-a-dir"
    f.write_text("x")
    with pytest.raises(NotADirectoryError, match="not a directory"):
        DataDir.open(f)
