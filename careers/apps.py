from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self) -> None:
        from careers.models import CareerPage
        from careers.structured_data import occupation
        from portal import structured_data

        # Registered here, so the page model never imports its presentation (and portal never
        # imports careers).
        structured_data.register(CareerPage, occupation)
