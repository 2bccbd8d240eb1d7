"""The one static Celery beat schedule, as plain data.

Each entry's key is the job's one name: the registered task, the service that does the work and
the management command (``manage.py <name>``) are called the same (``stu_case.jobs``). Tasks are
named by string, so loading the settings imports no app. Times are Europe/Copenhagen.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # The access log is kept for STU_ACCESS_LOG_RETENTION_DAYS (5 years by default), then purged.
    "access_log_purge_expired": {
        "task": "access_log_purge_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    # The daily e-mail for users who chose it for a kind of message (notifications).
    "notifications_send_digest": {
        "task": "notifications_send_digest",
        "schedule": crontab(hour=7, minute=30),
    },
    # students
    "flag_plan_revisions_due": {
        "task": "flag_plan_revisions_due",
        "schedule": crontab(hour=5, minute=0),
    },
    "absence_detect_rising": {
        "task": "absence_detect_rising",
        "schedule": crontab(hour=5, minute=15),
    },
    "absence_check_missing_reports": {
        "task": "absence_check_missing_reports",
        "schedule": crontab(hour=6, minute=0),
    },
    # students: letters still queued (Redis was down) are sent; hearings past their deadline
    "letters_send_queued": {
        "task": "letters_send_queued",
        "schedule": crontab(minute="*/10"),
    },
    "hearings_flag_overdue": {
        "task": "hearings_flag_overdue",
        "schedule": crontab(hour=5, minute=20),
    },
    # institutions
    "quality_reviews_remind_overdue": {
        "task": "quality_reviews_remind_overdue",
        "schedule": crontab(hour=6, minute=30),
    },
    # visitation: committee access ends a set period after the decision.
    "committee_access_revoke_expired": {
        "task": "committee_access_revoke_expired",
        "schedule": crontab(minute=15),
    },
    "people_mark_enrolled": {
        "task": "people_mark_enrolled",
        "schedule": crontab(hour=5, minute=30),
    },
    # transitions: status meetings
    "status_requests_send": {
        "task": "status_requests_send",
        "schedule": crontab(hour=6, minute=40),
    },
    "status_requests_remind": {
        "task": "status_requests_remind",
        "schedule": crontab(hour=6, minute=50),
    },
    "status_meeting_gaps_notify": {
        "task": "status_meeting_gaps_notify",
        "schedule": crontab(hour=7, minute=0),
    },
    "meeting_actions_flag_overdue": {
        "task": "meeting_actions_flag_overdue",
        "schedule": crontab(hour=5, minute=45),
    },
    # transitions: pathway
    "pause_flags_check": {
        "task": "pause_flags_check",
        "schedule": crontab(hour=5, minute=40),
    },
    "housing_flags_check": {
        "task": "housing_flags_check",
        "schedule": crontab(hour=5, minute=45),
    },
    # transitions: final year and exit
    "final_year_activate": {
        "task": "final_year_activate",
        "schedule": crontab(hour=5, minute=40),
    },
    "end_conversations_check": {
        "task": "end_conversations_check",
        "schedule": crontab(hour=5, minute=45),
    },
    "follow_ups_create": {
        "task": "follow_ups_create",
        "schedule": crontab(hour=5, minute=50),
    },
    # transitions: the enrolment's life. A transfer dated in the future moves the institution
    # access early on its day; the 5-year and age-25 limits are flagged 6 and 3 months ahead.
    "enrolment_transfers_carry_out": {
        "task": "enrolment_transfers_carry_out",
        "schedule": crontab(hour=0, minute=5),
    },
    "stu_limits_check": {
        "task": "stu_limits_check",
        "schedule": crontab(hour=5, minute=35),
    },
    # transitions: internships start on their start date; one reminder when an ended internship
    # lacks an evaluation.
    "internships_daily": {
        "task": "internships_daily",
        "schedule": crontab(hour=6, minute=10),
    },
}
