"""views: exit (issue 4)."""
