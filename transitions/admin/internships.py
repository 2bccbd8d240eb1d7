"""admin: internships (issue 4)."""
