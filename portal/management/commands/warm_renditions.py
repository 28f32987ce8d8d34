"""Generate every image rendition the templates use, so no visitor waits for one to be made."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.images import get_image_model

from portal.rendition_specs import all_filter_specs, missing_from_list


class Command(BaseCommand):
    help = "Create the renditions listed in portal.rendition_specs for every image (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check that every spec the templates use is in RENDITION_SPECS.",
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        missing = missing_from_list()
        if missing:
            lines = [f"  {spec!r} in {', '.join(sorted(paths))}" for spec, paths in sorted(missing.items())]
            message = "Templates use renditions missing from portal.rendition_specs.RENDITION_SPECS:\n"
            message += "\n".join(lines)
            if check:
                raise CommandError(message)
            self.stderr.write(self.style.WARNING(message))
        if check:
            self.stdout.write(self.style.SUCCESS("Every rendition the templates use is listed."))
            return
        specs = all_filter_specs()
        images = get_image_model().objects.prefetch_renditions(*specs)
        count = 0
        for image in images.iterator(chunk_size=50):
            count += len(image.get_renditions(*specs))
        self.stdout.write(self.style.SUCCESS(f"{count} renditions in place ({len(specs)} specs)."))
