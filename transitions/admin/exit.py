"""admin: exit (issue 4)."""
