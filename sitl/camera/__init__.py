"""Synthetic RGB + radiometric thermal camera over a scenario with ground truth, streamed as a
real drone camera would (H.264 over UDP plus a lossless radiometric side channel)."""
