"""The one static Celery beat schedule. Every periodic job is also a management command."""

from celery.schedules import crontab

from transitions.schedules import exit as _exit
from transitions.schedules import internships as _internships
from transitions.schedules import meetings as _meetings
from transitions.schedules import pathway as _pathway

BEAT_SCHEDULE: dict = {
    # The access log is kept for STU_ACCESS_LOG_RETENTION_DAYS (5 years by default), then purged.
    "purge-expired-access-log": {
        "task": "stu_case.audit.tasks.purge_expired_access_log",
        "schedule": crontab(hour=3, minute=30),
    },
    "flag-plan-revisions-due": {
        "task": "students.tasks.flag_plan_revisions_due",
        "schedule": crontab(hour=5, minute=0),
    },
    # absence and quality follow-up (each is also a management command).
    "detect-rising-absence": {
        "task": "students.tasks.detect_rising_absence",
        "schedule": crontab(hour=5, minute=15),
    },
    "check-missing-absence-reports": {
        "task": "students.tasks.check_missing_absence_reports",
        "schedule": crontab(hour=6, minute=0),
    },
    "check-quality-reviews": {
        "task": "institutions.tasks.check_quality_reviews",
        "schedule": crontab(hour=6, minute=30),
    },
    # visitation: committee access ends a set period after the decision.
    "visitation-revoke-expired-committee-access": {
        "task": "visitation.tasks.revoke_expired_committee_access",
        "schedule": crontab(minute=15),
    },
    "visitation-mark-started-enrolments": {
        "task": "visitation.tasks.mark_started_enrolments",
        "schedule": crontab(hour=5, minute=30),
    },
}

# transitions: each area keeps its own entries.
for _area in (_meetings, _pathway, _exit, _internships):
    BEAT_SCHEDULE.update(_area.BEAT_SCHEDULE)
