from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from courses.enquiries.models import Enquiry
        from courses.enquiries.permissions import enquiry_policy
        from courses.models import CourseIndexPage, CoursePage
        from courses.structured_data import course, course_list
        from portal import structured_data

        # Registered here, so the page models never import their presentation (and portal never
        # imports courses).
        structured_data.register(CourseIndexPage, course_list)
        structured_data.register(CoursePage, course)
        # Admin views and the inbox ask the registry: nobody adds an enquiry, not even a superuser.
        register_permission_policy(Enquiry, enquiry_policy)
