from wagtail import hooks
from wagtail.snippets.models import register_snippet

from careers.viewsets import CareersViewSetGroup, SalaryImportViewSet

register_snippet(CareersViewSetGroup)


@hooks.register("register_admin_viewset")
def register_salary_import() -> SalaryImportViewSet:
    return SalaryImportViewSet()
