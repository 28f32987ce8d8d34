"""Test data for courses: providers, features, the course index and course pages.

Start dates and career links are made through CoursePageFactory's ``start_dates`` and
``careers`` arguments; career-side objects (skills, career pages) come from careers.factories.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils.text import slugify

from courses.enquiries.forms import CONSENT_VERSION
from courses.enquiries.models import Enquiry
from courses.models import (
    CourseCareer,
    CourseFeature,
    CourseIndexPage,
    CoursePage,
    CourseStartDate,
    Provider,
)


class ProviderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.LazyAttribute(lambda provider: slugify(provider.name))
    website = factory.LazyAttribute(lambda provider: f"https://{provider.slug}.example.com/")
    description = "Runs evening and weekend courses for adults changing career."

    class Meta:
        model = Provider
        django_get_or_create = ("slug",)


class CourseFeatureFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Feature {n}")
    slug = factory.LazyAttribute(lambda feature: slugify(feature.name))
    description = factory.LazyAttribute(lambda feature: f"The course includes {feature.name.lower()}.")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = CourseFeature
        django_get_or_create = ("slug",)


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Courses"
    slug = "courses"
    intro = "Every course we list, with filters and a side-by-side comparison."
    show_in_menus = True

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    """CoursePageFactory(parent=index, skills=[...], features=[...], careers=[...], start_dates=[...])."""

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.LazyAttribute(lambda course: slugify(course.title))
    provider = factory.SubFactory(ProviderFactory)
    summary = factory.LazyAttribute(lambda course: f"A practical route into work: {course.title}.")
    level = CoursePage.Level.BEGINNER
    duration_weeks = 12
    hours_per_week = 10
    study_mode = CoursePage.StudyMode.ONLINE
    price = Decimal("1200.00")
    certification = "Certificate of completion"
    awarding_body = "Open Skills Board"

    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    @factory.post_generation
    def features(self, create: bool, extracted: list[CourseFeature] | None, **kwargs) -> None:
        if create and extracted:
            self.features.set(extracted)
            # A ParentalManyToManyField only writes to the database on commit or save.
            self.features.commit()

    @factory.post_generation
    def skills(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.skills.set(extracted)
            # A ParentalManyToManyField only writes to the database on commit or save.
            self.skills.commit()

    @factory.post_generation
    def careers(self, create: bool, extracted: list | None, **kwargs) -> None:
        """careers=[career_page, ...] links the course to careers it prepares for, in order."""
        if create and extracted:
            for order, career in enumerate(extracted):
                CourseCareer.objects.create(course=self, career=career, sort_order=order)

    @factory.post_generation
    def start_dates(self, create: bool, extracted: list[datetime.date] | None, **kwargs) -> None:
        if create and extracted:
            for order, day in enumerate(extracted):
                CourseStartDate.objects.create(course=self, starts_on=day, sort_order=order)


class EnquiryFactory(factory.django.DjangoModelFactory):
    """EnquiryFactory(course=course_page, came_from_page=career, ...): as the form would store it."""

    course = None
    course_title = factory.LazyAttribute(
        lambda enquiry: enquiry.course.title if enquiry.course else "Old course"
    )
    name = factory.Sequence(lambda n: f"Student {n}")
    email = factory.LazyAttribute(lambda enquiry: f"{slugify(enquiry.name)}@example.com")
    question = "When does the next cohort start?"
    consent = True
    consent_text = "I agree that Careers Portal may keep these details and use them to answer my enquiry."
    consent_version = CONSENT_VERSION

    class Meta:
        model = Enquiry
