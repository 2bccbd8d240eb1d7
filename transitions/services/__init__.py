"""Transitions services, one module per area: meetings, pathway, exit, internships."""
