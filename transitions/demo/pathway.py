"""demo: pathway (issue 4)."""
