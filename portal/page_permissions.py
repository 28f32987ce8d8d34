"""What a user may do with a page that never has children (a career, a course), answered from the
page itself where Wagtail would ask the database about every page beneath it."""

from __future__ import annotations

from wagtail.models import PagePermissionTester


class LeafPagePermissionTester(PagePermissionTester):
    """Wagtail's rules, with one query fewer a row: before offering an editor "Delete", Wagtail asks
    whether any page at or under this one is live (and whose it is). Under a page without children
    there is only the page, so its own ``live`` and ``owner_id`` answer, and the admin's page
    listings cost the same queries for 3 pages or 300."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if self.page.numchild or not self.user.is_active or self.page_is_root or self.user.is_superuser:
            return super().can_delete(ignore_bulk)
        if "change" in self.permissions:
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            owns_it = self.page.owner_id == self.user.pk
            return owns_it if "publish" in self.permissions else owns_it and not self.page.live
        return False
