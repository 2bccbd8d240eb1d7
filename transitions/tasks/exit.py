"""tasks: exit (issue 4)."""
