"""tasks: pathway (issue 4)."""
