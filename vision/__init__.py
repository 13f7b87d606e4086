"""Pure numpy/OpenCV detection, tracking, georeferencing and evaluation."""
