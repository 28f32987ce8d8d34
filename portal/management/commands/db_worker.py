"""django-tasks-db's `db_worker`, logging at the levels LOGGING sets (portal/settings/base.py).

At its default verbosity the upstream command sets its loggers to INFO, which prints two lines for
every one of Wagtail's index tasks: hundreds after a seed_demo, burying `make run`'s sign-in
details. Here the default leaves the levels to LOGGING, so failures and warnings show and routine
successes do not; `-v 0` and `-v 2` behave as upstream. Named the same so `manage.py db_worker`
(the README's worker process) is this one: portal comes first in INSTALLED_APPS.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    def configure_logging(self, verbosity: int) -> None:
        if verbosity != 1:
            super().configure_logging(verbosity)
