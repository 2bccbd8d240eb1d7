"""Letter tasks: sending one letter after commit (retried with backoff) and the periodic jobs
that send what is still queued and flag hearings past their deadline."""

from celery import shared_task

from stu_case.jobs import job
from students.services import letters as letter_services
from students.services import letters_outbox as outbox

MAX_RETRIES = outbox.MAX_ATTEMPTS - 1
BACKOFF_SECONDS = 60


@shared_task(name="students.tasks.letters.letter_send", bind=True, acks_late=True)
def letter_send(self, letter_id: int) -> str:
    """Queued on commit when a letter is made. A failure that may pass is retried after 1, 2,
    4 … minutes; after the last try the letter is marked failed and flagged. Run in-process
    (no Redis) it tries once and leaves the letter queued for ``letters_send_queued``, so a
    request never waits for retries."""
    final = self.request.retries >= MAX_RETRIES
    result = outbox.letter_send(letter_id=letter_id, final=final and not self.request.is_eager)
    if result.retry and not self.request.is_eager:
        raise self.retry(
            countdown=BACKOFF_SECONDS * 2**self.request.retries, max_retries=MAX_RETRIES
        )
    return result.status


@job
def letters_send_queued() -> dict:
    return outbox.letters_send_queued()


@job
def hearings_flag_overdue() -> dict:
    return letter_services.hearings_flag_overdue()
