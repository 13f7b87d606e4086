"""Synthetic RGB + radiometric thermal camera over a scenario with ground truth, streamed as a
real drone camera would (H.264 or H.265 over UDP or RTSP, plus a lossless radiometric side channel)."""
