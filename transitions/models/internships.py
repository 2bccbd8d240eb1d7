"""models: internships (issue 4)."""
