"""Visitation forms, one module per area: clarification, recommendations, committee, decisions."""
