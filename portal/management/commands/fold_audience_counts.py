"""Move the page views counted in Redis into the database's daily counts (portal/audience_fold.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from redis.exceptions import RedisError

from portal.audience_fold import fold_pending, redis_cache


class Command(BaseCommand):
    help = (
        "Fold the audience counts waiting in Redis into the database. The site schedules this "
        "itself about once a minute; run it from cron too if no task worker runs. Safe to run at "
        "any time, alongside other folds."
    )

    def handle(self, *args, **options) -> None:
        if redis_cache() is None:
            self.stdout.write("Nothing to fold: without Redis (REDIS_URL) views go straight to the database.")
            return
        try:
            result = fold_pending()
        except RedisError as error:
            # Nothing was taken from Redis that is not still there for the next fold.
            self.stderr.write(f"Redis did not answer ({error}); the counts wait there for the next fold.")
            raise SystemExit(1) from error
        self.stdout.write(f"Folded {result}.")
