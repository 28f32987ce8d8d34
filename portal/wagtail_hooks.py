from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.accessibility_checker import use_portal_accessibility_checker
from portal.viewsets import PromotionViewSet

register_snippet(PromotionViewSet)

hooks.register("construct_wagtail_userbar", use_portal_accessibility_checker)
