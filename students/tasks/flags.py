"""Flag jobs. The registered task names are the ones from before the split (the beat schedule
names them), hence the explicit ``name``."""

from celery import shared_task

from students.services import flags as flag_services


@shared_task(name="students.tasks.flag_plan_revisions_due", acks_late=True)
def flag_plan_revisions_due() -> int:
    return flag_services.flag_plan_revisions_due()
