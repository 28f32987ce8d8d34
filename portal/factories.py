"""Test data for the portal layer."""

from __future__ import annotations

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import HomePage, Promotion, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "Find your career"
    hero_intro = "Explore careers and compare courses."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short introduction."
    show_in_menus = True

    class Meta:
        model = StandardPage


class PromotionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Promotion {n}")
    eyebrow = "Beyond the certificate"
    heading = "Qualified, prepared and introduced to employers"
    body = "Interview practice and job matching come with every course."

    class Meta:
        model = Promotion


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct-horse-battery")
    is_active = True

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create: bool, names: list[str] | None, **kwargs) -> None:
        """UserFactory(groups=["Editors"]) puts the user in existing groups by name."""
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
