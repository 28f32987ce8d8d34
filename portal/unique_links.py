"""Inline rows that link their page to another object at most once (a course a career names, a
skill it needs), saved so that two editor requests adding the same link at once both succeed.

Wagtail autosaves a draft page 500 ms after a change, writing its new inline rows; a submit posted
while that autosave is still in flight carries the new row without the id the autosave gave it.
modelcluster's commit reads the rows it can see (not the autosave's, not yet committed), deletes
none and inserts: the unique pair refuses the insert once the autosave commits. The row the
editor meant is the one already there, so the insert becomes an update of it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import IntegrityError, models, router, transaction


class UniqueLink(models.Model):
    """An inline row editors add to say "this page is linked to that object", at most once per
    pair. ``link_fields`` names the pair's fields, as the model's unique constraint does."""

    link_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, **kwargs: Any) -> None:
        if not self._state.adding:
            super().save(**kwargs)
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        try:
            # A savepoint, so a refused insert leaves the request's transaction usable (PostgreSQL
            # aborts the whole transaction on an error otherwise).
            with transaction.atomic(using=using):
                super().save(**kwargs)
            return
        except IntegrityError:
            holder = self._pair_holder(using)
            if holder is None:
                raise  # refused for another reason: not ours to hide
        self.pk = holder
        self._state.adding = False
        kwargs.pop("force_insert", None)
        super().save(**kwargs)

    def _pair_holder(self, using: str) -> Any | None:
        """The pk of the row already linking this pair, or None."""
        if not self.link_fields:
            return None
        pair = {}
        for name in self.link_fields:
            attname = self._meta.get_field(name).attname
            value = getattr(self, attname)
            if value is None:
                return None
            pair[attname] = value
        return type(self)._base_manager.using(using).filter(**pair).values_list("pk", flat=True).first()
