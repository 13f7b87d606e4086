"""Pure Python search planning: geodesy, IAMSAR patterns, camera footprints, mission files."""
