"""admin: meetings (issue 4)."""
