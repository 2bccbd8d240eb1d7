"""Plan jobs. Each periodic task calls the service of the same name."""

from stu_case.jobs import job
from students.services import plans as plan_services


@job
def flag_plan_revisions_due() -> int:
    """Flag plans whose yearly revision is due soon; resolve revised ones. Safe to run twice."""
    return plan_services.flag_plan_revisions_due()
