"""services: exit (issue 4)."""
