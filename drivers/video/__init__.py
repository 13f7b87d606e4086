"""Video sources through OpenCV/FFmpeg and thermal decoding."""
