"""The one error type the planner raises for bad input: its message is meant for the operator."""


class MissionError(ValueError):
    """Input the planner refuses (bad coordinates, degenerate area, malformed file, ...)."""
