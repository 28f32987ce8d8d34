"""The staff dashboard with official salary figures: the chart's spread of pay and its table's
percentiles, content health's flag for figures from an older survey year, and unreliable estimates
kept out of the best salary band."""

from __future__ import annotations

from decimal import Decimal

import pytest

from careers.factories import CareerPageFactory, OfficialSalaryFigureFactory, SalaryFigureFactory
from courses.content_health import older_official_figures, summarise
from courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db

SALARIES = "/admin/comparison/salaries/"
CONTENT_HEALTH = "/admin/comparison/content-health/"


@pytest.fixture
def careers(career_index):
    developer = CareerPageFactory(parent=career_index, title="Software Developer", slug="software-developer")
    OfficialSalaryFigureFactory(
        career=developer,
        minimum=26_000,
        percentile_25=33_000,
        typical=41_000,
        percentile_75=52_000,
        maximum=68_000,
        year=2026,
    )
    OfficialSalaryFigureFactory(career=developer, region="London", typical=52_000, maximum=91_000, year=2026)
    tester = CareerPageFactory(parent=career_index, title="Software Tester", slug="software-tester")
    OfficialSalaryFigureFactory(career=tester, minimum=24_000, typical=35_000, maximum=55_000, year=2025)
    florist = CareerPageFactory(parent=career_index, title="Florist", slug="florist")
    SalaryFigureFactory(career=florist, minimum=19_000, typical=24_000, maximum=30_000)
    return {"developer": developer, "tester": tester, "florist": florist}


def test_the_chart_draws_the_middle_half_where_the_headline_has_a_spread(client, staff, careers):
    client.force_login(staff)
    response = client.get(SALARIES)
    bars = {bar.career.title: bar for bar in response.context["chart"].bars}
    developer, florist = bars["Software Developer"], bars["Florist"]
    ticks = {tick.amount: tick.x for tick in response.context["chart"].ticks}
    assert developer.has_box and not florist.has_box
    assert developer.x_min < developer.x_p25 < developer.x_typical < developer.x_p75 < developer.x_max
    assert developer.x_p25 == pytest.approx(ticks[30_000] + (ticks[40_000] - ticks[30_000]) * 0.3, abs=0.1)
    html = response.content.decode()
    assert html.count('class="dashboard-chart__box"') == 2  # the developer's and the tester's
    assert "Software Developer: £26,000–£68,000, UK median £41,000, middle half £33,000–£52,000." in html


def test_the_chart_table_gains_the_percentile_columns(client, staff, careers):
    client.force_login(staff)
    html = client.get(SALARIES).content.decode()
    table = html.split('data-testid="salary-table"')[1].split("</table>")[0]
    headings = [f'<th scope="col">{n}th percentile</th>' for n in (10, 25, 75, 90)]
    assert all(heading in table for heading in headings)
    developer = table.split("Software Developer</a></th>")[1].split("</tr>")[0]
    cells = [cell.strip() for cell in developer.split("<td>")[1:]]
    assert cells[4:8] == ["£26,000</td>", "£33,000</td>", "£52,000</td>", "£68,000</td>"]
    florist = table.split("Florist</a></th>")[1].split("</tr>")[0]
    assert florist.count("Not given") == 4


def test_content_health_flags_official_figures_from_an_older_year(client, staff, careers):
    assert [(f.career.title, f.year, f.newest_year) for f in older_official_figures()] == [
        ("Software Tester", 2025, 2026)
    ]
    client.force_login(staff)
    html = client.get(CONTENT_HEALTH).content.decode()
    section = html.split('id="older-official-figures"')[1].split("</section>")[0]
    assert "Official salary figures from an older survey year (1)" in section
    assert f'href="/admin/comparison/read/{careers["tester"].pk}/">Software Tester</a>' in section
    assert "2025 (provisional)" in section and "<td>2026</td>" in section
    assert "Software Developer" not in section and "Florist" not in section
    assert "Official salary figures from an older survey year: 1" in client.get("/admin/").content.decode()


def test_one_year_of_official_figures_flags_nothing(client, staff, careers):
    careers["tester"].salary_figures.update(year=2026)
    SalaryFigureFactory(career=careers["florist"], region="London", year=2019)  # an editor's: not official
    assert not older_official_figures().exists()
    client.force_login(staff)
    html = client.get(CONTENT_HEALTH).content.decode()
    assert "None: every official figure is from the newest year imported." in html
    assert {check.key: check.count for check in summarise()}["older-official-figures"] == 0


def test_the_best_salary_band_of_a_course_is_never_an_unreliable_estimate(
    client, staff, course_index, careers
):
    OfficialSalaryFigureFactory(
        career=careers["tester"], region="London", typical=99_000, maximum=120_000, cv=Decimal("30")
    )
    CoursePageFactory(parent=course_index, title="Testing Course", careers=[careers["tester"]])
    client.force_login(staff)
    course = client.get("/admin/comparison/").context["object_list"][0]
    assert course.best_salary_text == "£24,000–£55,000, UK median £35,000"
    assert course.best_typical == 35_000
