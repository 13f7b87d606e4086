from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # importlib import mode: make peers.py and snapshot_jpeg.py importable

from peers import SCHEMAS, HttpsReceiver, Mosquitto, TestCA  # noqa: E402

from groundstation.core.findings import FindingStore  # noqa: E402
from groundstation.share.xmlsafe import load_schema  # noqa: E402


@pytest.fixture(scope="session")
def schemas() -> dict:
    return {
        "cap": load_schema(str(SCHEMAS / "cap" / "cap12.xsd")),
        "cot": load_schema(str(SCHEMAS / "cot" / "mitre" / "CoT_Base-Event_Schema_PUBLIC_RELEASE.xsd")),
        "cot_image": load_schema(str(SCHEMAS / "cot" / "mitre" / "CoT_Image_Schema_PUBLIC_RELEASE.xsd")),
        "emsi": load_schema(str(SCHEMAS / "emsi" / "hub-sante" / "xsd" / "EMSI.xsd")),
        "edxl": load_schema(str(SCHEMAS / "edxl-de" / "edxlde-1_0.xsd")),
    }


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FindingStore]:
    with FindingStore(tmp_path / "findings.sqlite", "LU-GS1") as s:
        yield s


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> TestCA:
    return TestCA(tmp_path_factory.mktemp("ca"))


@pytest.fixture
def https_receiver(test_ca: TestCA) -> Iterator[HttpsReceiver]:
    r = HttpsReceiver(test_ca, token="s3cret-token-value")
    r.start()
    yield r
    try:
        r.stop()
    except Exception:
        pass


@pytest.fixture
def mosquitto(tmp_path: Path, test_ca: TestCA) -> Iterator[Mosquitto]:
    if Mosquitto.binary() is None:
        pytest.skip("mosquitto binary not installed (Debian package 'mosquitto')")
    m = Mosquitto(tmp_path / "mosquitto", test_ca)
    m.start()
    yield m
    m.stop()
