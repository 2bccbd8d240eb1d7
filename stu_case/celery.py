"""Celery application. Tasks live in ``<app>/tasks.py`` and are thin wrappers around services."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stu_case.settings")

app = Celery("stu_case")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
