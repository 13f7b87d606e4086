import sys
from pathlib import Path

import cv2
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # importlib import mode: make frames.py importable


@pytest.fixture(autouse=True, scope="session")
def one_core() -> None:
    cv2.setNumThreads(1)
