"""forms: meetings (issue 4)."""
