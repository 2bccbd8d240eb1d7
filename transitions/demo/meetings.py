"""demo: meetings (issue 4)."""
