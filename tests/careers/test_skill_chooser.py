"""An editor adds a missing skill from the chooser on the career's Skills tab; others cannot."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission

from careers.factories import SkillFactory
from careers.models import Skill

pytestmark = pytest.mark.django_db

CHOOSE = "/admin/snippets/choose/careers/skill/"
RESULTS = "/admin/snippets/choose/careers/skill/results/"
CREATE = "/admin/snippets/choose/careers/skill/create/"


def modal_html(response) -> str:
    return json.loads(response.content)["html"]


def test_the_chooser_offers_an_add_a_skill_tab_to_editors(client, editor):
    client.force_login(editor)
    html = modal_html(client.get(CHOOSE))
    assert "Add a skill" in html and "Add this skill" in html


def test_an_editor_adds_a_skill_and_it_comes_back_chosen(client, editor):
    SkillFactory(name="Python", slug="python")
    client.force_login(editor)
    response = client.post(CREATE, {"name": "  Prompt   engineering ", "description": ""})
    data = json.loads(response.content)
    assert data["step"] == "chosen"
    skill = Skill.objects.get(name="Prompt engineering")
    assert skill.slug == "prompt-engineering"
    assert str(data["result"]["id"]) == str(skill.pk)


def test_a_skill_that_exists_is_refused_whatever_its_case(client, editor):
    SkillFactory(name="Python", slug="python")
    client.force_login(editor)
    response = client.post(CREATE, {"name": "python", "description": ""})
    data = json.loads(response.content)
    assert data["step"] == "reshow_creation_form"
    assert "“python” is already a skill: find it on the Search tab." in data["htmlFragment"]
    assert Skill.objects.count() == 1


def test_a_name_whose_slug_is_taken_gets_a_slug_of_its_own(client, editor):
    SkillFactory(name="C", slug="c")
    client.force_login(editor)
    client.post(CREATE, {"name": "C!", "description": ""})
    assert Skill.objects.get(name="C!").slug == "c-2"


def test_a_failed_search_says_how_to_add_the_skill(client, editor):
    client.force_login(editor)
    html = client.get(RESULTS, {"q": "Underwater welding"}).content.decode()
    assert "No skill is called “<em>Underwater welding</em>” yet. Add it on the “Add a skill” tab." in html
    assert "no snippets match" not in html


def test_someone_who_may_not_add_skills_gets_no_tab_and_the_server_refuses(client, editor):
    editor.groups.first().permissions.remove(Permission.objects.get(codename="add_skill"))
    client.force_login(editor)
    assert "Add a skill" not in modal_html(client.get(CHOOSE))
    assert "Ask an editor" in client.get(RESULTS, {"q": "Welding"}).content.decode()
    response = client.post(CREATE, {"name": "Welding", "description": ""})
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied"
    assert not Skill.objects.filter(name="Welding").exists()
