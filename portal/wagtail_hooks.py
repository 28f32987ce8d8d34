from wagtail.snippets.models import register_snippet

from portal.viewsets import PromotionViewSet

register_snippet(PromotionViewSet)
