"""views: internships (issue 4)."""
