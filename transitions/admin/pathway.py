"""admin: pathway (issue 4)."""
