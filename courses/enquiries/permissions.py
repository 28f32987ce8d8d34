"""Who may see and work on enquiries: holders of the model's permissions, which only the
Admissions group (courses/roles.py) and superusers have. Wagtail's views for the inbox and the
person view ask this policy; courses/apps.py registers it for the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.enquiries.models import Enquiry


class EnquiryPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody adds an enquiry: students send them."""

    @property
    def _content_type(self) -> ContentType:
        # Wagtail caches this on the policy, which lives as long as the process; Django's own
        # content type cache is the one that is cleared when the table is emptied and refilled
        # (as a test database is), so a stale id can never hide the people who may work here.
        return ContentType.objects.get_for_model(self.auth_model)

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        return super().users_with_any_permission([action for action in actions if action != "add"])


enquiry_policy = EnquiryPermissionPolicy(Enquiry)


def can_work_on_enquiries(user: Any) -> bool:
    """May open the inbox, update enquiries and look up a person's (Admissions, superusers)."""
    return bool(user and user.is_active and enquiry_policy.user_has_permission(user, "change"))
