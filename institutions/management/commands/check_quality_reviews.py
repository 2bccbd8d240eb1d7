from django.core.management.base import BaseCommand

from institutions import services


class Command(BaseCommand):
    help = (
        "Påmind kommunernes ledere om kvalitetsopfølgninger, der er overskredet "
        "(det samme som det periodiske job check-quality-reviews)."
    )

    def handle(self, *args, **options):
        count = services.quality_reviews_remind_overdue()
        self.stdout.write(f"Påmindelser om {count} overskredne kvalitetsopfølgninger sendt.")
