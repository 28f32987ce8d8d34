from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.accessibility_checker import use_portal_accessibility_checker
from portal.editor_field_names import editor_field_names_js
from portal.viewsets import PromotionViewSet

register_snippet(PromotionViewSet)

hooks.register("construct_wagtail_userbar", use_portal_accessibility_checker)
hooks.register("insert_editor_js", editor_field_names_js)
