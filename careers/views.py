"""Admin views for the careers app: the salary CSV import with its dry run, and its runs."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from careers.forms import ConfirmImportForm, SalaryImportForm
from careers.models import SalaryImportRun
from careers.salary_csv import Problem
from careers.salary_import import ImportPlan, plan_import
from careers.salary_import_runs import (
    execute_run,
    queue_run,
    record_run,
    runs_in_background,
    runs_visible_to,
)

SESSION_KEY = "careers_salary_import"
# A file with hundreds of bad lines lists this many problems; fixing them shows the rest.
PROBLEMS_SHOWN = 100
RECENT_RUNS_SHOWN = 10
RUN_OVERDUE_AFTER = datetime.timedelta(minutes=15)


def can_import_salaries(user: Any) -> bool:
    """Anyone who may edit pages: per-career rights are checked line by line in the dry run."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


class ImporterOnlyMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_import_salaries(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class SalaryImportView(ImporterOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "careers/admin/salary_import.html"
    page_title = "Import salary figures"
    header_icon = "upload"
    index_url_name = "salary_import:index"

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", SalaryImportForm())
        kwargs["action_url"] = reverse(self.index_url_name)
        plan = kwargs.get("plan")
        if plan is not None:
            kwargs["problems_shown"] = plan.problems[:PROBLEMS_SHOWN]
            kwargs["problems_hidden"] = max(len(plan.problems) - PROBLEMS_SHOWN, 0)
        kwargs["recent_runs"] = runs_visible_to(self.request.user)[:RECENT_RUNS_SHOWN]
        low, high = settings.SALARY_PLAUSIBLE_RANGE
        kwargs["limits"] = {
            "max_rows": f"{settings.SALARY_IMPORT_MAX_ROWS:,}",
            "max_figures": settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER,
            "background_rows": f"{settings.SALARY_IMPORT_BACKGROUND_ROWS:,}",
            "low": f"{low:,}",
            "high": f"{high:,}",
        }
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
        return self._apply(request, data, plan.line_count, _file_name(request))

    def _show_plan(
        self, request: HttpRequest, form: SalaryImportForm, plan: ImportPlan, data: bytes
    ) -> HttpResponse:
        confirm_form = None
        if plan.is_valid and plan.changed_careers:
            token = secrets.token_urlsafe(16)
            # The checked file waits in the session, so confirming needs no second upload
            # and imports exactly what the dry run showed (it is checked again on import).
            request.session[SESSION_KEY] = {
                "token": token,
                "data": data.decode("utf-8-sig"),
                "lines": plan.line_count,
                "file_name": _file_name(request),
            }
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
        return self._apply(
            request, stored["data"].encode("utf-8"), int(stored.get("lines", 0)), stored.get("file_name", "")
        )

    def _apply(self, request: HttpRequest, data: bytes, line_count: int, file_name: str) -> HttpResponse:
        run = record_run(data, request.user, file_name, line_count)
        if runs_in_background(line_count):
            # A long file would hold the request (and its locks) for minutes: the worker applies it.
            queue_run(run)
            return redirect("salary_import:run", run.pk)
        result = execute_run(run)
        if result is None or not result.succeeded:
            plan = ImportPlan(problems=result.problems if result else [])
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


class SalaryImportRunView(ImporterOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One import's status: queued, running, done with what changed, or failed with why."""

    template_name = "careers/admin/salary_import_run.html"
    header_icon = "upload"
    # While the worker has it, the page reloads itself (a meta refresh: no script needed).
    refresh_seconds = 3

    def get_page_title(self) -> str:
        return f"Salary import: {self.run.file_name or 'file'}"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Another importer's run is not found rather than forbidden: its existence is not theirs to know.
        self.run: SalaryImportRun = get_object_or_404(runs_visible_to(request.user), pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("salary_import:index"), "label": "Import salary figures"},
            {"url": "", "label": self.run.file_name or "Run"},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.run
        context["run"] = run
        context["refresh_seconds"] = None if run.is_finished else self.refresh_seconds
        # A worker killed mid-run rolls the import back but cannot say so: tell the editor after a while.
        context["overdue"] = (
            run.status == SalaryImportRun.Status.RUNNING
            and run.started_at is not None
            and timezone.now() - run.started_at > RUN_OVERDUE_AFTER
        )
        context["problems"] = [Problem(**problem) for problem in run.problems[:PROBLEMS_SHOWN]]
        context["problems_hidden"] = max(len(run.problems) - PROBLEMS_SHOWN, 0)
        return context
