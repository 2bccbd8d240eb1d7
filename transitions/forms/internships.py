"""forms: internships (issue 4)."""
