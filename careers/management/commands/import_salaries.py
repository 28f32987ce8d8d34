"""Import salary figures from a CSV file (see careers/salary_csv.py for the format)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from careers.salary_csv import MAX_BYTES, file_too_large_message
from careers.salary_import import FigureChange, ImportPlan, apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Import salary figures from a CSV with the columns career, region, minimum, typical, "
        "typical kind, maximum, source, date. All or nothing; each changed career gets a new revision."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change and any problems; change nothing."
        )
        parser.add_argument(
            "--user",
            help="Record the revisions as made by this user name (default: no user).",
        )

    def handle(self, *args, path: str, dry_run: bool, user: str | None, **options) -> None:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"There is no file at {path}.")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(file_too_large_message(file.stat().st_size))
        data = file.read_bytes()
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"There is no user called “{user}”.")

        plan = plan_import(data, account)
        if not plan.is_valid:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was imported: the file has {len(plan.problems)} problem(s).")
        self._describe(plan)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            return

        result = apply_import(data, account)
        if not result.succeeded:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError("Nothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {result.added} figure(s) added, {result.updated} updated; "
                f"{len(result.published)} career(s) published, {len(result.drafted)} saved as drafts."
            )
        )

    def _describe(self, plan: ImportPlan) -> None:
        self.stdout.write(
            f"{plan.line_count} line(s): {plan.count(FigureChange.ADD)} to add, "
            f"{plan.count(FigureChange.UPDATE)} to update, {plan.count(FigureChange.UNCHANGED)} unchanged."
        )
        for career in plan.careers:
            self.stdout.write(
                f"{career.career.title}: {career.reason if career.has_changes else 'no change.'}"
            )
            for change in career.changes:
                if change.action == FigureChange.UPDATE:
                    self.stdout.write(f"  line {change.line.line}: update {change.before} -> {change.after}")
                elif change.action == FigureChange.ADD:
                    self.stdout.write(f"  line {change.line.line}: add {change.after}")
