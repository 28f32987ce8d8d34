"""Delete course enquiries older than the site's retention period. Schedule it daily (README)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from courses.enquiries.personal_data import delete_enquiries, older_than, retention_days


class Command(BaseCommand):
    help = (
        "Delete course enquiries received more than the retention period ago (Settings › Site settings, "
        "'Keep enquiries for'), with their admin history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )
        parser.add_argument(
            "--days", type=int, help="Use this many days instead of the site setting (at least 1)."
        )

    def handle(self, *args, dry_run: bool, days: int | None, **options) -> None:
        if days is not None and days < 1:
            raise CommandError("--days must be a whole number of days, at least 1.")
        keep_days = days if days is not None else retention_days()
        old = older_than(keep_days)
        if dry_run:
            count = old.count()
            self.stdout.write(f"Dry run: {_enquiries(count)} older than {keep_days} days would be deleted.")
            return
        deleted = delete_enquiries(old)
        self.stdout.write(f"Deleted {_enquiries(deleted)} older than {keep_days} days.")


def _enquiries(count: int) -> str:
    return f"{count} enquir{'y' if count == 1 else 'ies'}"
