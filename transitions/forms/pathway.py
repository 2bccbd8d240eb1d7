"""forms: pathway (issue 4)."""
