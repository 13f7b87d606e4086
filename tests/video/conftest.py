from pathlib import Path

import cv2
import pytest

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "vision"


@pytest.fixture(autouse=True, scope="session")
def one_core() -> None:
    cv2.setNumThreads(1)


@pytest.fixture(scope="session")
def data() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"shared vision data not found at {DATA}")
    return DATA
