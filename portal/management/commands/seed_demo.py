"""Load the demo content. Safe to run again: a second run changes nothing."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create or update the demo site: each installed app seeds its own content from <app>.demo."

    def handle(self, *args, **options) -> None:
        # INSTALLED_APPS order is the layer order, so careers exist before courses link to them.
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                summary = import_module(module_name).seed()
                self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
