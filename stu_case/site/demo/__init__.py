"""Demo data for ``manage.py seed_demo``, one module per app, built through the services.

Randomness comes from one seeded ``random.Random`` that the command passes down, so the demo
is the same every time it is built on the same day; names and addresses come from the fixed
lists in ``common``.
"""
