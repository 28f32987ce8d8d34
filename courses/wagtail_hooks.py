from wagtail.snippets.models import register_snippet

from courses.viewsets import CoursesViewSetGroup

register_snippet(CoursesViewSetGroup)
