"""Careers and what describes them: sectors, skills, salary figures and progression.

snippets: what careers are filed under and sourced from; pages: the list and the articles;
salary: the figures and the import runs that write them; inlines: the rest of an article's lists;
feedback: what readers answered to "Was this helpful?".
"""

from careers.models.feedback import HelpfulComment, HelpfulVoteDay
from careers.models.inlines import CareerSkill, ProgressionStep, RelatedCareer, Specialisation
from careers.models.pages import CareerIndexPage, CareerPage
from careers.models.salary import SalaryFigure, SalaryImportRun, implausible_salary_message
from careers.models.snippets import SalarySource, Sector, Skill

__all__ = [
    "CareerIndexPage",
    "CareerPage",
    "CareerSkill",
    "HelpfulComment",
    "HelpfulVoteDay",
    "ProgressionStep",
    "RelatedCareer",
    "SalaryFigure",
    "SalaryImportRun",
    "SalarySource",
    "Sector",
    "Skill",
    "Specialisation",
    "implausible_salary_message",
]
