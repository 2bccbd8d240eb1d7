"""models: exit (issue 4)."""
