"""Demo content for courses: the index, providers, features and sixteen courses.

Runs after careers/demo.py: each course names the careers it prepares for and the skills it
teaches from the careers vocabulary, then the careers' calls to action and the home page are
pointed at the courses. Providers and awarding bodies are fictional.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from careers.models import CareerPage, Skill
from courses.models import CourseCareer, CourseFeature, CourseIndexPage, CoursePage, CourseStartDate, Provider
from courses.roles import seed_demo_users
from portal.models import HomePage, HomePageFeaturedCourse, Promotion

INDEX_INTRO = (
    "Every course below lists what it costs, how long it takes, what it teaches and the careers it "
    "prepares you for. Add up to 16 to a comparison to see them side by side."
)

# slug, name, website, description
PROVIDERS = [
    (
        "northbridge-digital-academy",
        "Northbridge Digital Academy",
        "https://northbridge.example/",
        "An online academy for career changers, known for live labs and one-to-one support.",
    ),
    (
        "open-pathways-college",
        "Open Pathways College",
        "https://openpathways.example/",
        "A further education college with part-time and free introductory courses.",
    ),
    (
        "ridgeway-institute",
        "Ridgeway Institute of Technology",
        "https://ridgeway.example/",
        "A technical institute offering intensive professional courses on campus and online.",
    ),
    (
        "codeforge-bootcamps",
        "CodeForge Bootcamps",
        "https://codeforge.example/",
        "Full-time and part-time bootcamps built with hiring partners.",
    ),
]

# slug, name, description (shown as a tooltip and to screen readers)
FEATURES = [
    ("hands-on-labs", "Hands-on labs", "Practical exercises in real tools, not just videos."),
    ("ai-tutor-support", "AI tutor support", "An AI assistant that answers questions about the material."),
    ("human-tutor-support", "Tutor support", "A named tutor who answers questions and marks your work."),
    ("mentoring", "One-to-one mentoring", "Regular sessions with a practitioner from industry."),
    ("portfolio-project", "Portfolio project", "A finished project you can show employers."),
    ("career-services", "Career services", "Help with your CV, LinkedIn profile and job search."),
    ("job-matching", "Job matching", "Introductions to employers hiring for the skills you learned."),
    ("interview-coaching", "Interview coaching", "Mock interviews with feedback."),
    ("flexible-start", "Flexible start", "Start when you like instead of waiting for a cohort."),
]


@dataclass(frozen=True)
class Module:
    title: str
    summary: str
    hours: int


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    provider: str
    summary: str
    level: str
    study_mode: str
    duration_weeks: int
    hours_per_week: int
    price: Decimal
    certification: str
    awarding_body: str
    features: list[str]
    skills: list[str]
    careers: list[str]
    starts: list[datetime.date]
    modules: list[Module]
    # Careers whose article's call to action should point at this course.
    call_to_action_for: list[str] = field(default_factory=list)


L = CoursePage.Level
M = CoursePage.StudyMode
d = datetime.date

COURSES = [
    Course(
        slug="artificial-intelligence",
        title="Artificial Intelligence",
        provider="northbridge-digital-academy",
        summary="From Python and statistics to deploying deep learning models, with labs on real data.",
        level=L.INTERMEDIATE,
        study_mode=M.ONLINE,
        duration_weeks=24,
        hours_per_week=15,
        price=Decimal("4995"),
        certification="Professional Certificate in Artificial Intelligence",
        awarding_body="Northbridge Digital Academy",
        features=[
            "hands-on-labs",
            "ai-tutor-support",
            "career-services",
            "job-matching",
            "interview-coaching",
        ],
        skills=[
            "Python",
            "Statistics and probability",
            "Machine learning",
            "Deep learning frameworks",
            "Data preprocessing and feature engineering",
            "Model deployment",
            "Natural language processing",
            "Computer vision",
        ],
        careers=["ai-specialist", "machine-learning-engineer", "data-scientist"],
        starts=[d(2027, 1, 11), d(2027, 4, 12), d(2027, 9, 13)],
        modules=[
            Module("Python for machine learning", "NumPy, pandas and writing clean notebook code.", 40),
            Module("The maths you need", "Probability, statistics and the linear algebra behind models.", 45),
            Module("Classical machine learning", "Regression, trees and ensembles with scikit-learn.", 60),
            Module("Deep learning", "Neural networks in PyTorch, with a language and a vision project.", 110),
            Module("Shipping models", "Docker, FastAPI and monitoring a model once it is live.", 45),
            Module("Capstone", "An end-to-end project assessed by a practising ML engineer.", 60),
        ],
        call_to_action_for=["ai-specialist"],
    ),
    Course(
        slug="introduction-to-python",
        title="Introduction to Python",
        provider="open-pathways-college",
        summary="A free, gentle first course in programming for complete beginners.",
        level=L.BEGINNER,
        study_mode=M.ONLINE,
        duration_weeks=6,
        hours_per_week=4,
        price=Decimal("0"),
        certification="Certificate of completion",
        awarding_body="Open Pathways College",
        features=["ai-tutor-support", "flexible-start"],
        skills=["Python", "Version control with Git"],
        careers=["software-developer", "data-analyst"],
        starts=[d(2027, 1, 4), d(2027, 2, 1), d(2027, 3, 1)],
        modules=[
            Module("First steps", "Variables, types and your first program.", 6),
            Module("Making decisions", "Conditions, loops and functions.", 8),
            Module("Working with data", "Lists, dictionaries and reading files.", 6),
            Module("Sharing your code", "Saving work with Git and publishing it.", 4),
        ],
    ),
    Course(
        slug="data-analytics",
        title="Data Analytics",
        provider="ridgeway-institute",
        summary="Learn SQL, spreadsheets and dashboards by answering real business questions.",
        level=L.BEGINNER,
        study_mode=M.BLENDED,
        duration_weeks=16,
        hours_per_week=10,
        price=Decimal("2950"),
        certification="Level 4 Certificate in Data Analytics",
        awarding_body="Ridgeway Institute of Technology",
        features=["hands-on-labs", "human-tutor-support", "portfolio-project", "career-services"],
        skills=[
            "SQL",
            "Spreadsheet modelling",
            "Data visualisation",
            "Statistics and probability",
            "Python",
            "Stakeholder communication",
        ],
        careers=["data-analyst"],
        starts=[d(2027, 2, 8), d(2027, 6, 7)],
        modules=[
            Module("Spreadsheets done properly", "Formulas, pivot tables and checking your work.", 25),
            Module("SQL from scratch", "Selecting, joining and summarising data.", 40),
            Module("Statistics for analysts", "Averages, spread, sampling and significance.", 30),
            Module("Dashboards and storytelling", "Charts that inform, and presenting findings.", 35),
            Module("Analysis project", "A real data set, a real question, a written report.", 30),
        ],
        call_to_action_for=["data-analyst"],
    ),
    Course(
        slug="data-science",
        title="Data Science",
        provider="northbridge-digital-academy",
        summary="Statistics, machine learning and Python for people ready to move beyond reporting.",
        level=L.INTERMEDIATE,
        study_mode=M.ONLINE,
        duration_weeks=20,
        hours_per_week=15,
        price=Decimal("3995"),
        certification="Professional Certificate in Data Science",
        awarding_body="Northbridge Digital Academy",
        features=["hands-on-labs", "ai-tutor-support", "mentoring", "career-services", "job-matching"],
        skills=[
            "Python",
            "Statistics and probability",
            "Machine learning",
            "Data preprocessing and feature engineering",
            "SQL",
            "Data visualisation",
        ],
        careers=["data-scientist", "data-analyst"],
        starts=[d(2027, 3, 1), d(2027, 9, 6)],
        modules=[
            Module("Python and pandas", "Loading, cleaning and reshaping data.", 50),
            Module("Statistical thinking", "Inference, regression and experiment design.", 60),
            Module("Machine learning", "Supervised and unsupervised models, and how to judge them.", 80),
            Module("Communicating results", "Visualisation and writing for decision makers.", 30),
            Module("Capstone", "An end-to-end project with a mentor from industry.", 80),
        ],
        call_to_action_for=["data-scientist"],
    ),
    Course(
        slug="machine-learning-engineering",
        title="Machine Learning Engineering",
        provider="ridgeway-institute",
        summary="Deploy, scale and monitor machine learning models in production.",
        level=L.ADVANCED,
        study_mode=M.ONLINE,
        duration_weeks=16,
        hours_per_week=20,
        price=Decimal("5495"),
        certification="Advanced Diploma in Machine Learning Engineering",
        awarding_body="Ridgeway Institute of Technology",
        features=["hands-on-labs", "mentoring", "portfolio-project", "job-matching", "interview-coaching"],
        skills=[
            "Python",
            "Machine learning",
            "Deep learning frameworks",
            "Model deployment",
            "Containers (Docker and Kubernetes)",
            "Cloud platforms",
            "Infrastructure as code",
        ],
        careers=["machine-learning-engineer", "ai-specialist"],
        starts=[d(2027, 1, 18), d(2027, 5, 17), d(2027, 10, 4)],
        modules=[
            Module("Production-grade Python", "Packaging, typing and testing ML code.", 40),
            Module("Training pipelines", "Reproducible training and experiment tracking.", 60),
            Module("Serving models", "APIs, containers and Kubernetes.", 80),
            Module("Monitoring and retraining", "Spotting drift and automating retraining.", 60),
            Module("Capstone", "A model deployed to the cloud with monitoring.", 80),
        ],
        call_to_action_for=["machine-learning-engineer"],
    ),
    Course(
        slug="data-engineering",
        title="Data Engineering",
        provider="codeforge-bootcamps",
        summary="Build the pipelines and warehouses that analysts and data scientists rely on.",
        level=L.INTERMEDIATE,
        study_mode=M.BLENDED,
        duration_weeks=14,
        hours_per_week=20,
        price=Decimal("4250"),
        certification="Data Engineering Bootcamp Certificate",
        awarding_body="CodeForge Bootcamps",
        features=[
            "hands-on-labs",
            "human-tutor-support",
            "portfolio-project",
            "career-services",
            "job-matching",
        ],
        skills=[
            "SQL",
            "Python",
            "Data pipelines (ETL)",
            "Cloud platforms",
            "Version control with Git",
            "Data preprocessing and feature engineering",
        ],
        careers=["data-engineer"],
        starts=[d(2027, 2, 15), d(2027, 7, 5)],
        modules=[
            Module("Advanced SQL", "Window functions, performance and data modelling.", 50),
            Module("Python for pipelines", "Reading APIs and files, testing transformations.", 60),
            Module("Orchestration", "Scheduling and monitoring jobs.", 50),
            Module("Cloud warehouses", "Storage, cost and access control.", 50),
            Module("Team project", "A working pipeline built with a small team.", 70),
        ],
        call_to_action_for=["data-engineer"],
    ),
    Course(
        slug="full-stack-web-development",
        title="Full-Stack Web Development",
        provider="codeforge-bootcamps",
        summary="A full-time, in-person bootcamp taking you from first lines of code to a junior "
        "developer role.",
        level=L.BEGINNER,
        study_mode=M.IN_PERSON,
        duration_weeks=12,
        hours_per_week=35,
        price=Decimal("7500"),
        certification="Full-Stack Bootcamp Certificate",
        awarding_body="CodeForge Bootcamps",
        features=[
            "hands-on-labs",
            "human-tutor-support",
            "mentoring",
            "portfolio-project",
            "career-services",
            "job-matching",
            "interview-coaching",
        ],
        skills=[
            "JavaScript",
            "Python",
            "Version control with Git",
            "Software testing",
            "APIs and web services",
            "SQL",
            "Agile delivery",
        ],
        careers=["software-developer"],
        starts=[d(2027, 1, 25), d(2027, 5, 4), d(2027, 9, 20)],
        modules=[
            Module("Web foundations", "HTML, CSS and accessible page structure.", 70),
            Module("JavaScript", "The language, the browser and testing.", 100),
            Module("Back-end development", "APIs and databases with Python.", 100),
            Module("Working as a team", "Git, code review and agile delivery.", 50),
            Module("Final project", "A full application built in a team and demonstrated to employers.", 100),
        ],
        call_to_action_for=["software-developer"],
    ),
    Course(
        slug="software-engineering-fundamentals",
        title="Software Engineering Fundamentals",
        provider="open-pathways-college",
        summary="A part-time course in programming, testing and teamwork for people who are working.",
        level=L.BEGINNER,
        study_mode=M.ONLINE,
        duration_weeks=30,
        hours_per_week=8,
        price=Decimal("1200"),
        certification="Level 3 Certificate in Software Development",
        awarding_body="Open Pathways College",
        features=["human-tutor-support", "portfolio-project", "flexible-start"],
        skills=["Python", "Version control with Git", "Software testing", "SQL", "APIs and web services"],
        careers=["software-developer", "data-engineer"],
        starts=[d(2027, 1, 4), d(2027, 9, 6)],
        modules=[
            Module("Programming in Python", "Core language features and problem solving.", 70),
            Module("Testing and debugging", "Writing tests and finding faults.", 40),
            Module("Databases", "Designing tables and querying with SQL.", 40),
            Module("Building a web service", "A small API, version controlled and tested.", 60),
        ],
    ),
    Course(
        slug="cloud-computing",
        title="Cloud Computing",
        provider="ridgeway-institute",
        summary="Design, build and run services on the major cloud platforms, with guided labs.",
        level=L.INTERMEDIATE,
        study_mode=M.ONLINE,
        duration_weeks=12,
        hours_per_week=10,
        price=Decimal("2495"),
        certification="Professional Certificate in Cloud Computing",
        awarding_body="Ridgeway Institute of Technology",
        features=["hands-on-labs", "ai-tutor-support", "career-services", "flexible-start"],
        skills=[
            "Cloud platforms",
            "Linux administration",
            "Networking",
            "Infrastructure as code",
            "Containers (Docker and Kubernetes)",
        ],
        careers=["cloud-engineer", "data-engineer"],
        starts=[d(2027, 2, 1), d(2027, 6, 1), d(2027, 10, 4)],
        modules=[
            Module("Linux and the command line", "Files, processes, permissions and scripting.", 25),
            Module("Cloud networking", "Virtual networks, DNS, load balancers and firewalls.", 25),
            Module("Compute and storage", "Virtual machines, containers and managed databases.", 35),
            Module("Infrastructure as code", "Building environments with Terraform.", 35),
        ],
        call_to_action_for=["cloud-engineer"],
    ),
    Course(
        slug="devops-and-infrastructure-as-code",
        title="DevOps and Infrastructure as Code",
        provider="codeforge-bootcamps",
        summary="Automate builds, deployments and infrastructure the way modern platform teams do.",
        level=L.ADVANCED,
        study_mode=M.BLENDED,
        duration_weeks=10,
        hours_per_week=15,
        price=Decimal("3750"),
        certification="DevOps Engineering Certificate",
        awarding_body="CodeForge Bootcamps",
        features=["hands-on-labs", "mentoring", "job-matching", "interview-coaching"],
        skills=[
            "Infrastructure as code",
            "Containers (Docker and Kubernetes)",
            "Cloud platforms",
            "Linux administration",
            "Version control with Git",
            "Software testing",
        ],
        careers=["cloud-engineer", "software-developer"],
        starts=[d(2027, 3, 8), d(2027, 9, 13)],
        modules=[
            Module("Continuous integration", "Pipelines that build and test every change.", 30),
            Module("Containers and Kubernetes", "Packaging and running services at scale.", 40),
            Module("Terraform in depth", "Modules, state and safe changes.", 40),
            Module("Observability", "Logs, metrics, alerts and on-call.", 40),
        ],
    ),
    Course(
        slug="cyber-security-foundations",
        title="Cyber Security Foundations",
        provider="open-pathways-college",
        summary="A short, low-cost introduction to how attacks work and how organisations defend "
        "against them.",
        level=L.BEGINNER,
        study_mode=M.ONLINE,
        duration_weeks=10,
        hours_per_week=6,
        price=Decimal("395"),
        certification="Certificate in Cyber Security Foundations",
        awarding_body="Open Pathways College",
        features=["hands-on-labs", "ai-tutor-support", "flexible-start"],
        skills=["Networking", "Threat analysis", "Linux administration", "Incident response"],
        careers=["cyber-security-analyst"],
        starts=[d(2027, 1, 11), d(2027, 4, 5), d(2027, 7, 5), d(2027, 10, 4)],
        modules=[
            Module("How networks work", "Addresses, ports, protocols and what attackers look for.", 15),
            Module("Common attacks", "Phishing, malware, passwords and web attacks.", 15),
            Module("Defending systems", "Patching, access control and monitoring.", 15),
            Module("When things go wrong", "The basics of responding to an incident.", 15),
        ],
    ),
    Course(
        slug="cyber-security",
        title="Cyber Security",
        provider="northbridge-digital-academy",
        summary="Train as a security analyst in a simulated operations centre, from alerts to "
        "incident reports.",
        level=L.INTERMEDIATE,
        study_mode=M.ONLINE,
        duration_weeks=24,
        hours_per_week=15,
        price=Decimal("4495"),
        certification="Professional Certificate in Cyber Security",
        awarding_body="Northbridge Digital Academy",
        features=[
            "hands-on-labs",
            "ai-tutor-support",
            "career-services",
            "job-matching",
            "interview-coaching",
        ],
        skills=[
            "Threat analysis",
            "Incident response",
            "Networking",
            "Linux administration",
            "Penetration testing",
            "Cloud platforms",
            "Python",
        ],
        careers=["cyber-security-analyst", "penetration-tester"],
        starts=[d(2027, 1, 18), d(2027, 5, 10), d(2027, 9, 27)],
        modules=[
            Module("Networks and systems", "Linux, Windows and network fundamentals.", 60),
            Module("Threats and vulnerabilities", "How attackers operate, and how to spot them.", 70),
            Module("Security operations", "Monitoring, detection rules and triage.", 80),
            Module("Incident response", "Containing, investigating and reporting incidents.", 70),
            Module("Introduction to ethical hacking", "Testing your own defences.", 80),
        ],
        call_to_action_for=["cyber-security-analyst"],
    ),
    Course(
        slug="ethical-hacking-and-penetration-testing",
        title="Ethical Hacking and Penetration Testing",
        provider="ridgeway-institute",
        summary="An intensive, in-person course in legal attack techniques and professional reporting.",
        level=L.ADVANCED,
        study_mode=M.IN_PERSON,
        duration_weeks=8,
        hours_per_week=30,
        price=Decimal("5950"),
        certification="Advanced Certificate in Penetration Testing",
        awarding_body="Ridgeway Institute of Technology",
        features=["hands-on-labs", "human-tutor-support", "mentoring", "interview-coaching"],
        skills=[
            "Penetration testing",
            "Networking",
            "Linux administration",
            "Threat analysis",
            "Python",
            "APIs and web services",
        ],
        careers=["penetration-tester"],
        starts=[d(2027, 3, 1), d(2027, 6, 7), d(2027, 10, 11)],
        modules=[
            Module("Reconnaissance", "Mapping targets without touching them, then with permission.", 40),
            Module("Network attacks", "Exploiting services and moving between machines.", 60),
            Module("Web application testing", "Injection, authentication flaws and APIs.", 60),
            Module("Reporting", "Writing findings that clients can act on.", 30),
        ],
        call_to_action_for=["penetration-tester"],
    ),
    Course(
        slug="ux-design",
        title="UX Design",
        provider="northbridge-digital-academy",
        summary="User research, prototyping and accessible design, ending with a portfolio of three "
        "projects.",
        level=L.BEGINNER,
        study_mode=M.ONLINE,
        duration_weeks=16,
        hours_per_week=10,
        price=Decimal("3495"),
        certification="Professional Certificate in UX Design",
        awarding_body="Northbridge Digital Academy",
        features=["mentoring", "portfolio-project", "career-services", "job-matching", "interview-coaching"],
        skills=[
            "User research",
            "Prototyping",
            "Interaction design",
            "Accessibility",
            "Stakeholder communication",
        ],
        careers=["ux-designer", "ui-designer"],
        starts=[d(2027, 2, 1), d(2027, 6, 14), d(2027, 10, 4)],
        modules=[
            Module("Understanding users", "Interviews, observation and synthesis.", 35),
            Module("From idea to prototype", "Sketching, wireframes and clickable prototypes.", 40),
            Module("Testing with people", "Planning and running usability tests.", 30),
            Module("Designing for everyone", "Accessibility standards in practice.", 25),
            Module("Portfolio", "Three case studies, reviewed by a working designer.", 30),
        ],
        call_to_action_for=["ux-designer"],
    ),
    Course(
        slug="ui-and-visual-design",
        title="UI and Visual Design",
        provider="codeforge-bootcamps",
        summary="Interface design, design systems and accessible colour and type, built around real briefs.",
        level=L.INTERMEDIATE,
        study_mode=M.BLENDED,
        duration_weeks=10,
        hours_per_week=12,
        price=Decimal("2750"),
        certification="UI Design Certificate",
        awarding_body="CodeForge Bootcamps",
        features=["hands-on-labs", "mentoring", "portfolio-project", "career-services"],
        skills=["Visual design", "Prototyping", "Interaction design", "Accessibility", "JavaScript"],
        careers=["ui-designer", "ux-designer"],
        starts=[d(2027, 3, 15), d(2027, 9, 20)],
        modules=[
            Module("Layout and typography", "Grids, hierarchy and type that reads well.", 25),
            Module("Colour and contrast", "Palettes that pass accessibility checks.", 20),
            Module("Design systems", "Components, tokens and documentation.", 35),
            Module("Handing over to developers", "Specifications, states and a little front-end code.", 40),
        ],
        call_to_action_for=["ui-designer"],
    ),
    Course(
        slug="natural-language-processing",
        title="Natural Language Processing",
        provider="open-pathways-college",
        summary="A focused short course on text classification, embeddings and language models.",
        level=L.ADVANCED,
        study_mode=M.ONLINE,
        duration_weeks=8,
        hours_per_week=8,
        price=Decimal("1495"),
        certification="Certificate in Natural Language Processing",
        awarding_body="Open Pathways College",
        features=["hands-on-labs", "ai-tutor-support", "flexible-start"],
        skills=["Natural language processing", "Python", "Deep learning frameworks", "Machine learning"],
        careers=["ai-specialist", "machine-learning-engineer", "data-scientist"],
        starts=[d(2027, 2, 22), d(2027, 8, 2)],
        modules=[
            Module("Working with text", "Tokenising, cleaning and representing text.", 14),
            Module("Classic NLP", "Bag-of-words models and text classification.", 16),
            Module("Embeddings and transformers", "How modern language models work.", 20),
            Module("Project", "A document classifier evaluated on held-out data.", 14),
        ],
    ),
]

FEATURED_ON_HOME = ["artificial-intelligence", "introduction-to-python", "ux-design"]


def _course_index(home: HomePage) -> CourseIndexPage:
    index = CourseIndexPage.objects.child_of(home).filter(slug="courses").first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses", show_in_menus=True, intro=INDEX_INTRO)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _providers() -> dict[str, Provider]:
    providers = {}
    for slug, name, website, description in PROVIDERS:
        provider, _ = Provider.objects.get_or_create(
            slug=slug, defaults={"name": name, "website": website, "description": description}
        )
        providers[slug] = provider
    return providers


def _features() -> dict[str, CourseFeature]:
    features = {}
    for position, (slug, name, description) in enumerate(FEATURES):
        feature, _ = CourseFeature.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": position * 10}
        )
        features[slug] = feature
    return features


def _new_course_page(
    course: Course,
    providers: dict[str, Provider],
    features: dict[str, CourseFeature],
    skills: dict[str, Skill],
    careers: dict[str, CareerPage],
) -> CoursePage:
    page = CoursePage(
        title=course.title,
        slug=course.slug,
        provider=providers[course.provider],
        summary=course.summary,
        level=course.level,
        study_mode=course.study_mode,
        duration_weeks=course.duration_weeks,
        hours_per_week=course.hours_per_week,
        price=course.price,
        certification=course.certification,
        awarding_body=course.awarding_body,
        syllabus=[
            ("module", {"title": module.title, "summary": module.summary, "hours": module.hours})
            for module in course.modules
        ],
        start_dates=[CourseStartDate(starts_on=start) for start in course.starts],
        career_links=[CourseCareer(career=careers[slug]) for slug in course.careers],
    )
    page.features = [features[slug] for slug in course.features]
    # A KeyError here means the course names a skill careers/demo.py does not define.
    page.skills = [skills[name] for name in course.skills]
    return page


def _point_calls_to_action(courses: dict[str, CoursePage]) -> int:
    """Choose the course in each career's call to action, where no editor has chosen one yet."""
    course_for_career = {
        career_slug: courses[course.slug]
        for course in COURSES
        for career_slug in course.call_to_action_for
        if course.slug in courses
    }
    updated = 0
    for career in CareerPage.objects.filter(slug__in=course_for_career):
        course = course_for_career[career.slug]
        draft = career.get_latest_revision_as_object()
        changed = False
        for block in draft.body:
            if block.block_type == "call_to_action" and block.value["course"] is None:
                block.value["course"] = course
                block.value["link_text"] = f"View the {course.title} course"
                changed = True
        if changed:
            draft.save_revision().publish()
            updated += 1
    return updated


def _feature_on_home(home: HomePage, courses: dict[str, CoursePage]) -> bool:
    draft = home.get_latest_revision_as_object()
    if draft.featured_courses.exists():
        return False
    draft.featured_courses = [HomePageFeaturedCourse(page=courses[slug]) for slug in FEATURED_ON_HOME]
    draft.save_revision().publish()
    return True


def _link_promotion(index: CourseIndexPage) -> None:
    promotion = Promotion.objects.filter(name="Beyond the certificate", link_page__isnull=True).first()
    if promotion is not None:
        promotion.link_page = index
        promotion.save(update_fields=["link_page"])


def seed() -> str:
    home = HomePage.objects.get()
    index = _course_index(home)
    providers, features = _providers(), _features()
    skills = {skill.name: skill for skill in Skill.objects.all()}
    careers = {career.slug: career for career in CareerPage.objects.all()}

    existing = set(CoursePage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for course in COURSES:
        if course.slug in existing:
            continue
        page = _new_course_page(course, providers, features, skills, careers)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1

    courses = {page.slug: page for page in CoursePage.objects.child_of(index)}
    updated = _point_calls_to_action(courses)
    featured = _feature_on_home(home, courses)
    _link_promotion(index)
    # Roles, the Editorial review workflow on the new sections, and (dev only) a user per role.
    users = seed_demo_users()
    return (
        f"{created} courses created ({len(courses)} in all) from {len(providers)} providers; "
        f"{updated} careers' calls to action pointed at courses"
        f"{'; home page features courses' if featured else ''}; {users}"
    )
