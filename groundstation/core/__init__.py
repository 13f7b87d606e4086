"""Qt-free engine: fleet state, links, commands, settings and the data directory."""
