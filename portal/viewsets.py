"""Admin classes for what the portal app owns."""

from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Promotion


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = "Promotions"
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "heading"]
    search_fields = ["name", "heading"]
