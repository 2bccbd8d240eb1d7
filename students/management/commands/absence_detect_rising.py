from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Find stigende fravær i alle åbne STU-forløb, rejs og løs flag (det periodiske job af "
        "samme navn). Kan køres flere gange uden dubletter."
    )
    message = "{evaluated} forløb vurderet: {raised} flag rejst, {resolved} flag løst."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enrolment", type=int, action="append", help="Kun dette forløb (kan gentages)."
        )

    def task_kwargs(self, options: dict) -> dict:
        return {"enrolment_ids": options.get("enrolment")}
