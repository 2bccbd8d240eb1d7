"""demo: internships (issue 4)."""
