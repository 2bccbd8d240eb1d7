"""Joins the four transitions areas, built in parallel, into one migration history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0001_exit"),
        ("transitions", "0001_internships"),
        ("transitions", "0001_meetings"),
        ("transitions", "0001_pathway"),
    ]

    operations = []
