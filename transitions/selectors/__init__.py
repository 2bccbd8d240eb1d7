"""Transitions selectors, one module per area: meetings, pathway, exit, internships."""
