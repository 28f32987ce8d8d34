"""Public URLs of the careers app beyond its pages (which Wagtail serves): included under /feedback/."""

from django.urls import path

from careers.feedback_views import helpful_answer

urlpatterns = [
    path("career/<int:career_id>/", helpful_answer, name="career_helpful_answer"),
]
