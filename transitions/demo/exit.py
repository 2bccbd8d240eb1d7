"""demo: exit (issue 4)."""
