"""services: internships (issue 4)."""
