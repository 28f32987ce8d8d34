from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from portal import content_version

        # Connected here rather than in the middleware, so publishing from a command counts too.
        content_version.connect_signals()
