import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # importlib import mode: make waiting.py importable

VISION_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "vision"


@pytest.fixture(scope="session")
def data() -> Path:
    """The shared vision data sets (read-only), for the vision and video tests."""
    if not VISION_DATA.is_dir():
        pytest.skip(f"shared vision data not found at {VISION_DATA}")
    return VISION_DATA
