import cv2
import pytest


@pytest.fixture(autouse=True, scope="session")
def one_core() -> None:
    cv2.setNumThreads(1)  # the detectors' targets are stated for one core
