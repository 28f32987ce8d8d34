from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from portal import login_limits, page_cache

        # Connected here rather than in the middleware, so publishing from a command counts too.
        page_cache.connect_signals()
        login_limits.connect_signals()
