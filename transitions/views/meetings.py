"""views: meetings (issue 4)."""
