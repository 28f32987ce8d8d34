from wagtail import hooks
from wagtail.snippets.models import register_snippet

from courses.dashboard import add_content_health_panel
from courses.roles import assign_workflow_to_new_section, dashboard_permissions
from courses.viewsets import ComparisonViewSet, CoursesViewSetGroup, EnquiryViewSet

register_snippet(CoursesViewSetGroup)

hooks.register("after_create_page", assign_workflow_to_new_section)
hooks.register("register_permissions", dashboard_permissions)
hooks.register("construct_homepage_panels", add_content_health_panel)


@hooks.register("register_admin_viewset")
def register_comparison_dashboard() -> ComparisonViewSet:
    return ComparisonViewSet()


@hooks.register("register_admin_viewset")
def register_enquiries_inbox() -> EnquiryViewSet:
    return EnquiryViewSet()
