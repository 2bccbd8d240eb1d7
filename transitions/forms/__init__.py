"""Transitions forms, one module per area: meetings, pathway, exit, internships."""
