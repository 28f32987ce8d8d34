"""The admin view of the ONS earnings import: upload the workbook, read the dry run, apply it.

The dry run reads and plans in the request (openpyxl's read-only mode streams even a full
workbook in a second or two). The checked workbook is kept as an unconfirmed run, so confirming
needs no second upload and imports exactly the file the editor saw. Applying it happens in
the request for a few careers and on the task worker for more, with a status page.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from careers.forms import ConfirmImportForm, EarningsWorkbookForm
from careers.models import SalaryImportRun
from careers.ons_import import plan_problems, plan_workbook
from careers.ons_import_plan import Action, OnsImportPlan
from careers.salary_import_runs import (
    confirm_run,
    execute_run,
    forget_unconfirmed_runs,
    queue_run,
    record_run,
    runs_in_background,
    runs_visible_to,
)
from careers.views import PROBLEMS_SHOWN, RECENT_RUNS_SHOWN, ImporterOnlyMixin

SESSION_KEY = "careers_earnings_import"


class EarningsImportView(ImporterOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "careers/admin/earnings_import.html"
    page_title = "Import ONS earnings"
    header_icon = "upload"
    index_url_name = "salary_import:earnings"

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", EarningsWorkbookForm())
        kwargs["action_url"] = reverse(self.index_url_name)
        low, high = settings.SALARY_RANGE_PERCENTILES
        kwargs["range_percentiles"] = f"{low}th–{high}th"
        kwargs["max_cv"] = f"{settings.SALARY_MAX_CV:g}"
        kwargs["recent_runs"] = runs_visible_to(self.request.user).filter(kind=SalaryImportRun.Kind.ONS)[
            :RECENT_RUNS_SHOWN
        ]
        if settings.DEBUG:
            # On a development machine, point at the demo's workbooks (make run writes them).
            folder = Path(settings.VAR_DIR) / "demo"
            kwargs["demo_workbooks"] = sorted(path.name for path in folder.glob("*.xlsx"))
            kwargs["demo_folder"] = folder
        problems = kwargs.get("problems") or []
        kwargs["problems_shown"] = problems[:PROBLEMS_SHOWN]
        kwargs["problems_hidden"] = max(len(problems) - PROBLEMS_SHOWN, 0)
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "token" in request.POST:
            return self._confirm(request)
        form = EarningsWorkbookForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data: bytes = form.cleaned_data["file"]
        plan = plan_workbook(data, request.user)
        file_name = request.FILES["file"].name
        if not plan.is_valid:
            return self.render_to_response(
                self.get_context_data(form=form, problems=plan_problems(plan), file_name=file_name)
            )
        confirm_form = None
        if plan.changed_careers:
            forget_unconfirmed_runs(request.user)
            run = record_run(
                data,
                request.user,
                file_name,
                len(plan.tables.estimates),
                kind=SalaryImportRun.Kind.ONS,
                status=SalaryImportRun.Status.CHECKED,
            )
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "run": run.pk,
                "careers": len(plan.changed_careers),
            }
            confirm_form = ConfirmImportForm(initial={"token": token})
        return self.render_to_response(
            self.get_context_data(
                form=form, plan=plan, rows=dry_run_rows(plan), confirm_form=confirm_form, file_name=file_name
            )
        )

    def _confirm(self, request: HttpRequest) -> HttpResponse:
        form = ConfirmImportForm(request.POST)
        stored = request.session.get(SESSION_KEY) or {}
        run = None
        token = str(stored.get("token", ""))
        if form.is_valid() and secrets.compare_digest(token, form.cleaned_data["token"]):
            del request.session[SESSION_KEY]
            run = confirm_run(int(stored["run"]), request.user)
        if run is None:
            messages.error(
                request, "That dry run has expired or was already imported. Upload the workbook again."
            )
            return redirect(self.index_url_name)
        if runs_in_background(int(stored.get("careers", 0))):
            queue_run(run)
            return redirect("salary_import:run", run.pk)
        result = execute_run(run)
        if result is None or not result.succeeded:
            return self.render_to_response(
                self.get_context_data(problems=result.problems if result else [], import_failed=True)
            )
        # The run's page says what was imported, with a link to each career changed.
        return redirect("salary_import:run", run.pk)


def dry_run_rows(plan: OnsImportPlan) -> list[dict[str, Any]]:
    """One row per region that changes or keeps an override, the UK first within each career;
    a career with nothing to change gets one row saying so, so the dry run lists every career."""
    rows = []
    for career_plan in plan.careers:
        shown = [
            change
            for change in career_plan.changes
            if change.action != Action.UNCHANGED or change.kept_override is not None
        ]
        unchanged = len(career_plan.changes) - len(shown)
        rows.append({"career": career_plan, "changes": shown, "unchanged": unchanged})
    return rows
