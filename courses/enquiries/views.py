"""Admin view for a person's data requests: find one person's enquiries by email address, then
download them as CSV or delete them all (after a confirmation).

Every step is a POST, so the address never sits in a URL (nor in the server's access log).
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.enquiries.models import EMAIL_MAX_LENGTH
from courses.enquiries.permissions import can_work_on_enquiries, enquiry_policy
from courses.enquiries.personal_data import delete_enquiries, enquiries_for, write_csv


class PersonLookupForm(forms.Form):
    email = forms.EmailField(
        label="The person's email address",
        max_length=EMAIL_MAX_LENGTH,
        help_text="Finds every enquiry sent from it, however its letters were cased.",
        error_messages={
            "required": "Enter the email address the person used.",
            "invalid": "Enter an email address in the form name@example.com.",
        },
    )


class PersonEnquiriesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/enquiry_person.html"
    page_title = "A person's enquiries"
    header_icon = "user"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_work_on_enquiries(request.user):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("enquiries:index"), "label": "Enquiries"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", PersonLookupForm())
        kwargs["action_url"] = reverse("enquiries:person")
        kwargs["may_delete"] = enquiry_policy.user_has_permission(self.request.user, "delete")
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = PersonLookupForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        email = form.cleaned_data["email"]
        enquiries = enquiries_for(email)
        action = request.POST.get("action", "find")
        if action == "export":
            return self._csv(enquiries)
        if action in ("delete", "confirm_delete"):
            if not enquiry_policy.user_has_permission(request.user, "delete"):
                raise PermissionDenied
            if action == "confirm_delete":
                deleted = delete_enquiries(enquiries)
                messages.success(
                    request, f"Deleted {deleted} enquir{'y' if deleted == 1 else 'ies'} from {email}."
                )
                return redirect("enquiries:person")
        found = list(enquiries.order_by("-created_at"))
        return self.render_to_response(
            self.get_context_data(form=form, email=email, enquiries=found, confirm_delete=action == "delete")
        )

    @staticmethod
    def _csv(enquiries: Any) -> HttpResponse:
        buffer = io.StringIO()
        # A byte-order mark lets spreadsheet programs read accents and "£" as UTF-8.
        buffer.write("\ufeff")
        write_csv(enquiries.order_by("created_at"), buffer)
        # The file name carries the date only, never the person's address.
        name = f"enquiries-for-one-person-{timezone.localdate():%Y-%m-%d}.csv"
        return HttpResponse(
            buffer.getvalue(),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
