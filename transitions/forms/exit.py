"""forms: exit (issue 4)."""
