"""views: pathway (issue 4)."""
