from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self) -> None:
        from careers.content_version import bump_on_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(bump_on_change, dispatch_uid=f"careers-content-version-{signal!r}")
