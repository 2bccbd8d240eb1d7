"""models: meetings (issue 4)."""
