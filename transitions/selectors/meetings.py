"""selectors: meetings (issue 4)."""
