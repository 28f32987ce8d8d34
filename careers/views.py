"""Admin views for the careers app: the salary CSV import with its dry run."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from careers.forms import ConfirmImportForm, SalaryImportForm
from careers.salary_import import ImportPlan, apply_import, plan_import

SESSION_KEY = "careers_salary_import"


def can_import_salaries(user: Any) -> bool:
    """Anyone who may edit pages: per-career rights are checked line by line in the dry run."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


class SalaryImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "careers/admin/salary_import.html"
    page_title = "Import salary figures"
    header_icon = "upload"
    index_url_name = "salary_import:index"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_import_salaries(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", SalaryImportForm())
        kwargs["action_url"] = reverse(self.index_url_name)
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "token" in request.POST:
            return self._confirm(request)
        form = SalaryImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data: bytes = form.cleaned_data["file"]
        plan = plan_import(data, request.user)
        if not plan.is_valid or form.cleaned_data["dry_run"]:
            return self._show_plan(request, form, plan, data)
        return self._apply(request, data)

    def _show_plan(
        self, request: HttpRequest, form: SalaryImportForm, plan: ImportPlan, data: bytes
    ) -> HttpResponse:
        confirm_form = None
        if plan.is_valid and plan.changed_careers:
            token = secrets.token_urlsafe(16)
            # The checked file waits in the session, so confirming needs no second upload
            # and imports exactly what the dry run showed (it is checked again on import).
            request.session[SESSION_KEY] = {"token": token, "data": data.decode("utf-8-sig")}
            confirm_form = ConfirmImportForm(initial={"token": token})
        return self.render_to_response(
            self.get_context_data(
                form=form, plan=plan, confirm_form=confirm_form, file_name=_file_name(request)
            )
        )

    def _confirm(self, request: HttpRequest) -> HttpResponse:
        form = ConfirmImportForm(request.POST)
        stored = request.session.get(SESSION_KEY) or {}
        if not form.is_valid() or not secrets.compare_digest(
            str(stored.get("token", "")), form.cleaned_data["token"]
        ):
            messages.error(
                request, "That dry run has expired or was already imported. Upload the file again."
            )
            return redirect(self.index_url_name)
        del request.session[SESSION_KEY]
        return self._apply(request, stored["data"].encode("utf-8"))

    def _apply(self, request: HttpRequest, data: bytes) -> HttpResponse:
        result = apply_import(data, request.user)
        if not result.succeeded:
            plan = ImportPlan(problems=result.problems)
            return self.render_to_response(self.get_context_data(plan=plan, import_failed=True))
        messages.success(
            request,
            f"Salary figures imported: {result.added} added and {result.updated} updated. "
            f"{len(result.published)} career(s) published, {len(result.drafted)} saved as drafts "
            "(each change is a new revision you can roll back).",
            buttons=[
                messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), f"Edit {page.title}")
                for page in [*result.published, *result.drafted][:5]
            ],
        )
        return redirect(self.index_url_name)


def _file_name(request: HttpRequest) -> str:
    upload = request.FILES.get("file")
    return upload.name if upload else ""
