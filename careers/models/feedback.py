"""What readers answered to "Was this helpful?" under a career article (careers/helpful.py).

Aggregates only: a day's yes and no counts per career, and each optional comment with the day it
was sent and its answer. No address, browser, cookie or other personal data is kept, so a comment
cannot be traced back to whoever wrote it. Staff read them in the dashboard's Audience view.
"""

from __future__ import annotations

from django.db import models

from careers.models.pages import CareerPage

COMMENT_MAX_LENGTH = 500


class HelpfulVoteDay(models.Model):
    """One career's "Was this helpful?" answers on one day."""

    career = models.ForeignKey(CareerPage, on_delete=models.CASCADE, related_name="helpful_days")
    day = models.DateField()
    yes = models.PositiveIntegerField(default=0)
    no = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["career", "day"], name="helpful_votes_once_per_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.career_id}: {self.yes} yes, {self.no} no"


class HelpfulComment(models.Model):
    """A reader's optional comment on a career article, with their answer and the day only."""

    career = models.ForeignKey(CareerPage, on_delete=models.CASCADE, related_name="helpful_comments")
    day = models.DateField(db_index=True)
    helpful = models.BooleanField()
    text = models.CharField(max_length=COMMENT_MAX_LENGTH)

    class Meta:
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]
