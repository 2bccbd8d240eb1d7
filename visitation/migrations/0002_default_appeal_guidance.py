"""The common appeal guidance an administrator can edit in the admin (DOMAIN.md: data, not code)."""

from django.db import migrations

TEXT = (
    "Du kan klage over afgørelsen til Klagenævnet for Specialundervisning. Klagenævnets "
    "sekretariat ligger i Ankestyrelsen. Du kan klage over, om du får tilbudt STU, og over om "
    "indholdet passer til dine ønsker og behov, herunder din uddannelsesplan. Klagen sendes "
    "direkte til klagenævnet – kommunen skal ikke vurdere sagen igen først.\n\n"
    "Skriv i klagen, hvad du er uenig i, og vedlæg gerne dette brev. Du kan klage digitalt via "
    "Ankestyrelsens hjemmeside. Ring til din kontaktperson, hvis du vil have hjælp til at klage."
)


def create(apps, schema_editor):
    AppealGuidance = apps.get_model("visitation", "AppealGuidance")
    if not AppealGuidance.objects.filter(municipality__isnull=True).exists():
        AppealGuidance.objects.create(municipality=None, text=TEXT, deadline_weeks=None)


def remove(apps, schema_editor):
    apps.get_model("visitation", "AppealGuidance").objects.filter(municipality__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("visitation", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
