"""Make sure a local superuser exists for development and print how to sign in."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the local 'admin' superuser if missing (development only) and print its credentials."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for development only (DEBUG is off).")
        # The password is generated once and kept in the ignored var/ folder, so every
        # `make run` prints the same working credentials without any being in the repository.
        secret_file = Path(settings.VAR_DIR) / "local-admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if secret_file.exists() and user is not None and user.check_password(secret_file.read_text().strip()):
            password = secret_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            secret_file.parent.mkdir(parents=True, exist_ok=True)
            secret_file.write_text(password + "\n")
            secret_file.chmod(0o600)
            if user is None:
                user = User(username=USERNAME, email="admin@example.com")
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(password)
            user.save()
        self.stdout.write(f"Admin sign-in: user name '{USERNAME}', password '{password}'")
        for line in self._demo_user_lines():
            self.stdout.write(line)

    def _demo_user_lines(self) -> list[str]:
        """Demo users per role, if an app created them (see seed_demo)."""
        secret_file = Path(settings.VAR_DIR) / "demo-users.txt"
        return secret_file.read_text().splitlines() if secret_file.exists() else []
