"""Careers and what describes them: sectors, skills, salary figures and progression.

snippets: what careers are filed under and sourced from; pages: the list and the articles;
salary: the figures and the import runs that write them; inlines: the rest of an article's lists;
at_a_glance: hours, working pattern and routes in; self_check: the "Is this role for you?" statements;
feedback: what readers answered to "Was this helpful?"; course_links: courses linked from the
career's own editor.
"""

from careers.models.at_a_glance import CareerRoute, WorkingPattern
from careers.models.course_links import CareerCourse
from careers.models.feedback import HelpfulComment, HelpfulVoteDay
from careers.models.index_page import CareerIndexPage
from careers.models.inlines import CareerSkill, ProgressionStep, RelatedCareer, Specialisation
from careers.models.pages import CareerPage
from careers.models.salary import SalaryFigure, SalaryImportRun, implausible_salary_message
from careers.models.self_check import SelfCheckStatement
from careers.models.snippets import SalarySource, Sector, Skill

__all__ = [
    "CareerCourse",
    "CareerIndexPage",
    "CareerPage",
    "CareerRoute",
    "CareerSkill",
    "HelpfulComment",
    "HelpfulVoteDay",
    "ProgressionStep",
    "RelatedCareer",
    "SalaryFigure",
    "SalaryImportRun",
    "SalarySource",
    "SelfCheckStatement",
    "Sector",
    "Skill",
    "Specialisation",
    "WorkingPattern",
    "implausible_salary_message",
]
