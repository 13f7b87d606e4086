"""The commander's read-only web view and feeds, served by the engine."""
