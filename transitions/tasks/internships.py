"""tasks: internships (issue 4)."""
