"""Transitions views, one module per area: meetings, pathway, exit, internships."""
