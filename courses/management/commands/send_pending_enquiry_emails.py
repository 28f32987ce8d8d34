"""Send every enquiry email to admissions that has not gone yet and is due. Schedule it every few
minutes (README): it catches what the task worker could not send, however that happened."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from courses.enquiries import notify


class Command(BaseCommand):
    help = "Try again to email admissions about enquiries whose email has not been sent yet."

    def handle(self, *args, **options) -> None:
        outcome = notify.send_pending()
        sent, failed = outcome[notify.SENT], outcome[notify.FAILED]
        self.stdout.write(f"{sent} enquiry email(s) sent, {failed} failed and will be tried again later.")
        if failed:
            # A non-zero exit makes cron (or a systemd timer) report the failures to the operator.
            raise CommandError(f"{failed} enquiry email(s) could not be sent; see the log for why.")
