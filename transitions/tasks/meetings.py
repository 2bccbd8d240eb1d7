"""tasks: meetings (issue 4)."""
