"""models: pathway (issue 4)."""
