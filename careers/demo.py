"""Demo content for careers: the index, sectors, skills, salary sources and eleven career articles.

The AI Specialist article follows the facts of the seed document (figures, tasks, skills,
ladder); every other career and all the prose are written for the demo. Salary figures other
than the AI Specialist's come from a source marked illustrative, so pages say they are made up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from careers.demo_images import hero_image
from careers.models import (
    CareerIndexPage,
    CareerPage,
    CareerSkill,
    ProgressionStep,
    RelatedCareer,
    SalaryFigure,
    SalarySource,
    Sector,
    Skill,
    Specialisation,
)
from portal.models import HomePage, HomePageFeaturedCareer

ESSENTIAL = CareerSkill.Importance.ESSENTIAL
OPTIONAL = CareerSkill.Importance.OPTIONAL
MEDIAN = SalaryFigure.TypicalKind.MEDIAN
AVERAGE = SalaryFigure.TypicalKind.AVERAGE

INDEX_INTRO = (
    "What does the working day actually look like? Each guide walks through a typical day, "
    "shows what the job pays and where those figures come from, and points to courses that teach "
    "the skills employers ask for."
)

# slug, name, description, (dark, light) hero colours
SECTORS = [
    (
        "data-and-ai",
        "Data and AI",
        "Collecting, analysing and modelling data, and building systems that learn from it.",
        ("#1d3557", "#4f8fc0"),
    ),
    (
        "software-development",
        "Software development",
        "Designing, building and maintaining the software behind websites, apps and services.",
        ("#1f4e4a", "#3aa593"),
    ),
    (
        "cyber-security",
        "Cyber security",
        "Protecting systems, networks and data from attack, and testing how well they hold up.",
        ("#2b193d", "#7a5ba8"),
    ),
    (
        "design",
        "Design",
        "Researching what people need and designing products that are useful, usable and accessible.",
        ("#7a2940", "#e07a5f"),
    ),
    (
        "cloud-and-infrastructure",
        "Cloud and infrastructure",
        "Running the servers, networks and cloud platforms that every digital service depends on.",
        ("#0b3c5d", "#3b9ac9"),
    ),
]

# The shared vocabulary: careers ask for these skills and courses teach them.
SKILLS = [
    (
        "Python",
        "A general-purpose language; for data work, with libraries such as NumPy, pandas and scikit-learn.",
    ),
    ("Statistics and probability", "Reasoning about uncertainty, distributions, sampling and significance."),
    ("Machine learning", "Training and evaluating models that learn patterns from data."),
    ("Deep learning frameworks", "Building neural networks with libraries such as TensorFlow and PyTorch."),
    (
        "Data preprocessing and feature engineering",
        "Cleaning raw data and shaping it into inputs a model can learn from.",
    ),
    ("Model deployment", "Packaging models and serving them reliably, for example with Docker and FastAPI."),
    ("Natural language processing", "Models that read, classify, summarise or generate text."),
    ("Computer vision", "Models that interpret images and video."),
    ("SQL", "Querying, joining and summarising data held in relational databases."),
    ("Data visualisation", "Charts and dashboards that show data honestly and clearly."),
    ("Spreadsheet modelling", "Building reliable calculations and summaries in Excel or similar tools."),
    ("Data pipelines (ETL)", "Moving data between systems on a schedule: extract, transform, load."),
    ("Cloud platforms", "Running services on AWS, Azure or Google Cloud."),
    (
        "Containers (Docker and Kubernetes)",
        "Packaging software so it runs the same everywhere, and orchestrating it.",
    ),
    (
        "Infrastructure as code",
        "Describing servers and networks in version-controlled files, e.g. Terraform.",
    ),
    ("Linux administration", "Working confidently at the command line and looking after Linux servers."),
    ("Networking", "How data travels: TCP/IP, DNS, routing, firewalls and VPNs."),
    ("Threat analysis", "Recognising attacker behaviour and judging which threats matter."),
    ("Incident response", "Containing, investigating and recovering from security incidents."),
    ("Penetration testing", "Finding and safely exploiting weaknesses, with permission, to prove the risk."),
    ("JavaScript", "The language of the web browser, also used on servers with Node.js."),
    ("Version control with Git", "Tracking changes to code and collaborating through branches and reviews."),
    ("Software testing", "Automated tests that show code does what it should and keeps doing it."),
    ("APIs and web services", "Designing and using HTTP interfaces between systems."),
    ("User research", "Interviews, observation and usability testing to learn what people need."),
    ("Prototyping", "Quick, testable versions of a design, from paper sketches to clickable mock-ups."),
    ("Interaction design", "How a product responds to people: flows, states, feedback and navigation."),
    ("Visual design", "Layout, typography, colour and imagery that make an interface clear and consistent."),
    ("Accessibility", "Designing and building so that disabled people can use the product (WCAG)."),
    ("Stakeholder communication", "Explaining technical work and its trade-offs to people outside the team."),
    ("Agile delivery", "Working in short iterations with regular planning, review and retrospectives."),
]

ILLUSTRATIVE = "Illustrative demo figures"
ARTICLE_FIGURES = "Careers Portal salary review (unsourced)"
SALARY_SOURCES = [
    (
        ILLUSTRATIVE,
        "These figures are made up for demonstrating the site. They are plausible for the UK but were "
        "not gathered from any survey: do not use them to make decisions.",
    ),
    (
        ARTICLE_FIGURES,
        "The range and UK average printed in our original AI Specialist article (March 2026). That "
        "article did not say where the figures came from, so they are marked illustrative until an "
        "editor replaces them with a citable source such as ONS ASHE.",
    ),
]


@dataclass(frozen=True)
class Figure:
    minimum: int
    typical: int
    maximum: int
    kind: str = MEDIAN
    region: str = "UK"
    source: str = ILLUSTRATIVE
    # Illustrative figures are dated relative to the day of seeding, so the demo keeps showing
    # mostly fresh figures with one or two flagged "possibly out of date".
    months_ago: int = 3
    gathered_on: datetime.date | None = None


@dataclass(frozen=True)
class Step:
    title: str
    description: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    career: str = ""  # slug of a demo career this step links to


@dataclass(frozen=True)
class Quote:
    text: str
    role: str
    sector: str
    place: str


@dataclass(frozen=True)
class Career:
    slug: str
    title: str
    sector: str
    summary: str
    article_date: datetime.date
    morning: str
    tasks: list[str]
    afternoon: str
    quote: Quote
    challenges: str
    suitability: str
    cta_heading: str
    cta_text: str
    essential: list[str]
    optional: list[str]
    figures: list[Figure]
    ladder: list[Step]
    specialisations: list[tuple[str, str]]
    related: list[str] = field(default_factory=list)
    soc_code: str = ""
    skills_intro: str = ""


CAREERS = [
    Career(
        slug="ai-specialist",
        title="AI Specialist",
        sector="data-and-ai",
        summary="Designs, trains and ships the machine learning systems behind recommendations, "
        "language tools and other everyday AI features.",
        article_date=datetime.date(2026, 3, 2),
        morning=(
            "<p>The first job of the day is finding out how last night's training runs went. Did the "
            "loss settle down? Is the score on the validation set any better than yesterday's? Working "
            "in notebooks and a Python environment, you read the metrics, adjust a few hyperparameters "
            "and get the next batch of data ready for another round of experiments.</p>"
            "<p>A short stand-up follows, where the team shares how each model is coming along and "
            "flags anything that went wrong in the data pipelines overnight.</p>"
        ),
        tasks=[
            "Train machine learning models and measure how well they perform",
            "Clean and prepare data sets so models learn from reliable inputs",
            "Write Python using libraries such as PyTorch, TensorFlow and scikit-learn",
            "Plan experiments, run them and compare the results fairly",
            "Put trained models into production behind an API",
            "Watch live models for slipping quality and retrain them when needed",
            "Keep up with new methods by reading research papers",
        ],
        afternoon=(
            "<p>Later in the day the focus usually moves from experiments to delivery. You might "
            "package a model in a Docker container, expose it through a small FastAPI service, or "
            "work with the data engineers to make the pipeline that feeds the model faster and more "
            "dependable.</p>"
            "<p>Research keeps a regular slot too: skimming new papers on arXiv, trying an architecture "
            "someone published last week, and keeping up with a field that moves month by month.</p>"
        ),
        quote=Quote(
            "Our operations team used to spend three hours a day sorting documents by hand. The "
            "classifier I built does it in about a quarter of an hour, and they could hardly believe "
            "it. Seeing something you trained take real work off real people's desks is what keeps me "
            "hooked.",
            "ML Engineer",
            "Legal tech",
            "Cambridge",
        ),
        skills_intro="Employers look for programming and maths, plus the engineering to run models "
        "in production. Language and vision work are the most common specialist extras.",
        challenges=(
            "<p>A model that shines in a notebook can still fall over in production, and closing that "
            "gap takes most of the effort. Expect to spend more of your week on data quality, features "
            "and infrastructure than on designing models.</p>"
            "<p>Explaining predictions is the other hard part. Colleagues and customers want to know "
            "<em>why</em> a model decided something, and “the network said so” will never satisfy "
            "them.</p>"
        ),
        suitability=(
            "<p>You are likely to enjoy this work if you like maths, programming and running "
            "experiments. A degree in statistics, physics or engineering gives you a head start, but a "
            "structured course can teach the foundations from the beginning.</p>"
            "<p>Most of all, you need to be at ease with not knowing the answer yet: AI work is "
            "experimental, and many ideas fail before one works.</p>"
        ),
        cta_heading="Ready to start a career in artificial intelligence?",
        cta_text="The Artificial Intelligence course teaches what employers want, and comes with "
        "practical labs, an AI tutor and a careers team who help you find that first job.",
        essential=[
            "Python",
            "Statistics and probability",
            "Deep learning frameworks",
            "Data preprocessing and feature engineering",
            "Model deployment",
        ],
        optional=["Natural language processing", "Computer vision"],
        figures=[
            Figure(
                28_000,
                45_000,
                75_000,
                kind=AVERAGE,
                source=ARTICLE_FIGURES,
                gathered_on=datetime.date(2026, 3, 1),
            )
        ],
        ladder=[
            Step("Junior ML Engineer", "Builds and tests models under guidance.", 28_000, 38_000),
            Step(
                "ML Engineer",
                "Owns models from training to production.",
                40_000,
                60_000,
                career="machine-learning-engineer",
            ),
            Step("Senior ML Engineer", "Leads projects and mentors others.", 60_000, 80_000),
            Step("Principal ML Engineer", "Sets technical direction across teams.", 80_000, 110_000),
            Step("Head of AI / Chief AI Officer", "Runs the organisation's AI strategy and teams."),
        ],
        specialisations=[
            ("Natural language processing", "Systems that read, summarise, translate or generate text."),
            ("Computer vision", "Models that recognise what is in images and video."),
            ("Reinforcement learning", "Agents that learn by trial, error and reward."),
            ("MLOps", "The tooling and habits that keep models running reliably in production."),
        ],
        related=["machine-learning-engineer", "data-scientist", "data-engineer"],
    ),
    Career(
        slug="data-analyst",
        title="Data Analyst",
        sector="data-and-ai",
        summary="Turns raw business data into clear answers, charts and dashboards that help teams "
        "decide what to do next.",
        article_date=datetime.date(2026, 5, 11),
        morning=(
            "<p>Most mornings open with the dashboards: checking the overnight data loads finished and "
            "that yesterday's numbers look believable before anyone else relies on them. Then the "
            "requests arrive. Marketing wants to know why sign-ups dipped; finance needs a regional "
            "breakdown by Friday. You sort them by urgency, ask what decision each one supports, and "
            "start writing queries.</p>"
        ),
        tasks=[
            "Write SQL to pull and join data from several systems",
            "Check data for gaps, duplicates and values that make no sense",
            "Build and look after dashboards for different teams",
            "Answer one-off questions with quick, clearly labelled analysis",
            "Present findings to people without a technical background",
            "Write down definitions so everyone counts things the same way",
        ],
        afternoon=(
            "<p>Afternoons are for longer pieces of work, such as a study of why customers leave or "
            "whether a new pricing page changed what people buy. You shape the data in SQL or Python, "
            "try a few views of it and choose the chart that tells the story fairly. The day often "
            "ends with a short write-up, or a call walking colleagues through what the numbers do and "
            "do not show.</p>"
        ),
        quote=Quote(
            "The best moment is when one chart settles an argument that has run for weeks. Someone "
            "asks a question on Monday and by Wednesday the whole team is looking at the same evidence.",
            "Data Analyst",
            "Retail",
            "Leeds",
        ),
        challenges=(
            "<p>Data is rarely as tidy as a request assumes. You will spend real time reconciling "
            "figures that ought to match and do not, and explaining why two reports disagree. There is "
            "also steady pressure to give a simple answer when the honest one comes with caveats.</p>"
        ),
        suitability=(
            "<p>This suits curious people who like puzzles, are careful with detail and enjoy "
            "explaining things. You do not need a maths degree: confidence with spreadsheets and a "
            "willingness to learn SQL will take you a long way.</p>"
        ),
        cta_heading="Start analysing data with confidence",
        cta_text="Learn SQL, dashboards and the statistics behind them on a course built around real "
        "business questions.",
        essential=[
            "SQL",
            "Data visualisation",
            "Spreadsheet modelling",
            "Statistics and probability",
            "Stakeholder communication",
        ],
        optional=["Python"],
        figures=[Figure(25_000, 34_000, 55_000, months_ago=3)],
        ladder=[
            Step("Junior Data Analyst", "Runs standard reports and learns the data.", 24_000, 30_000),
            Step("Data Analyst", "Owns analyses and dashboards for a team.", 30_000, 42_000),
            Step("Senior Data Analyst", "Leads bigger studies and coaches others.", 42_000, 55_000),
            Step("Data Scientist", "Moves into predictive modelling.", career="data-scientist"),
        ],
        specialisations=[
            ("Business intelligence", "Company-wide reporting and self-service dashboards."),
            ("Marketing analytics", "Campaigns, customer segments and attribution."),
            ("Product analytics", "How people use a digital product and what changes behaviour."),
        ],
        related=["data-scientist", "data-engineer"],
    ),
    Career(
        slug="data-scientist",
        title="Data Scientist",
        sector="data-and-ai",
        summary="Uses statistics and machine learning to find patterns in data and to build models "
        "that predict what happens next.",
        article_date=datetime.date(2026, 4, 20),
        morning=(
            "<p>The day often starts by revisiting yesterday's experiment: did the new feature really "
            "improve the forecast, or did the model just memorise the training data? You look at the "
            "results in a notebook, study the cases where the model is most wrong and note ideas to "
            "try. A stand-up with product managers and engineers keeps the work tied to a decision "
            "someone actually needs to make.</p>"
        ),
        tasks=[
            "Turn business questions into problems data can answer",
            "Explore and clean data before any modelling starts",
            "Build statistical and machine learning models",
            "Design A/B tests and interpret what they show",
            "Explain results, and how certain they are, to decision makers",
            "Work with engineers to put useful models into service",
        ],
        afternoon=(
            "<p>Afternoons mix focused modelling with conversation. You might spend two hours on "
            "features, then join a meeting to explain why a forecast has a wide margin of error and "
            "what that means for next year's budget. Some days end with code review, or pairing with a "
            "data engineer on how a model will get fresh data every night.</p>"
        ),
        quote=Quote(
            "My favourite projects start with a question nobody could answer. Being the person who "
            "finds out, and can say how sure we are, never gets old.",
            "Data Scientist",
            "Energy",
            "Bristol",
        ),
        challenges=(
            "<p>Many projects stall not because the model is weak but because the data is patchy or "
            "the question keeps moving. You have to say plainly when the evidence is thin, even when "
            "people want certainty. Keeping up with new tools while still delivering takes "
            "discipline.</p>"
        ),
        suitability=(
            "<p>This suits people who enjoy statistics and programming in equal measure and who are "
            "sceptical of their own results. A numerate degree helps, but many data scientists move "
            "across from analyst roles after a focused course.</p>"
        ),
        cta_heading="Build the skills to become a data scientist",
        cta_text="Learn Python, statistics and machine learning through projects on real data sets.",
        essential=[
            "Python",
            "Statistics and probability",
            "Machine learning",
            "Data preprocessing and feature engineering",
            "SQL",
        ],
        optional=["Data visualisation", "Deep learning frameworks", "Stakeholder communication"],
        figures=[
            Figure(32_000, 52_000, 85_000, months_ago=5),
            Figure(45_000, 62_000, 95_000, region="London", months_ago=5),
        ],
        ladder=[
            Step("Junior Data Scientist", "Cleans data and builds first models.", 32_000, 42_000),
            Step("Data Scientist", "Runs projects from question to answer.", 42_000, 60_000),
            Step("Senior Data Scientist", "Leads projects and reviews others' work.", 60_000, 80_000),
            Step("Principal Data Scientist", "Shapes methods across the organisation.", 80_000, 100_000),
            Step("Head of Data Science", "Leads the team and its priorities."),
        ],
        specialisations=[
            ("Experimentation", "A/B testing and causal inference."),
            ("Forecasting", "Predicting demand, prices or risk over time."),
            ("Natural language processing", "Finding meaning in text such as reviews or reports."),
        ],
        related=["data-analyst", "machine-learning-engineer", "ai-specialist"],
    ),
    Career(
        slug="data-engineer",
        title="Data Engineer",
        sector="data-and-ai",
        summary="Builds and runs the pipelines that collect, clean and deliver data, so analysts and "
        "models can rely on it.",
        article_date=datetime.date(2026, 6, 8),
        morning=(
            "<p>A data engineer's morning begins with the overnight jobs. Which pipelines succeeded, "
            "which failed, and did anything arrive late? You fix the broken load first, because "
            "dashboards and analysts are waiting on it, then review a colleague's pull request that "
            "adds a new data source.</p>"
        ),
        tasks=[
            "Design and build pipelines that move data between systems",
            "Model warehouse tables so they are easy and quick to query",
            "Monitor scheduled jobs and fix failures quickly",
            "Write tests that catch bad data before it spreads",
            "Tune slow queries and keep cloud storage costs in check",
            "Agree with analysts and data scientists what data they need",
        ],
        afternoon=(
            "<p>Afternoons are for building. You might connect a supplier's API as a new source, "
            "restructure a table that has grown too slow, or automate an export someone has been "
            "running by hand every week. Most of the work lives in code and configuration, kept in "
            "version control and deployed like any other software.</p>"
        ),
        quote=Quote(
            "Nobody notices the pipeline when it works, and that is rather the point. I am proud of a "
            "Monday morning when every number is fresh and right.",
            "Data Engineer",
            "Financial services",
            "Edinburgh",
        ),
        challenges=(
            "<p>Systems upstream change without warning, and one renamed column can break a dozen "
            "reports. Weighing a quick fix against a lasting design is a daily judgement call. Cloud "
            "bills need watching too: careless queries get expensive fast.</p>"
        ),
        suitability=(
            "<p>This suits people who like building dependable systems and enjoy things running "
            "smoothly behind the scenes. Software development is a common route in, and so is moving "
            "over from data analysis.</p>"
        ),
        cta_heading="Learn to build reliable data pipelines",
        cta_text="Get hands-on with SQL, Python and cloud data tools on a course designed with employers.",
        essential=["SQL", "Python", "Data pipelines (ETL)", "Cloud platforms", "Version control with Git"],
        optional=[
            "Containers (Docker and Kubernetes)",
            "Data preprocessing and feature engineering",
            "Infrastructure as code",
        ],
        figures=[Figure(35_000, 55_000, 90_000, months_ago=2)],
        ladder=[
            Step("Junior Data Engineer", "Maintains existing pipelines.", 32_000, 42_000),
            Step("Data Engineer", "Designs and builds new pipelines.", 45_000, 65_000),
            Step("Senior Data Engineer", "Owns the data platform's design.", 65_000, 85_000),
            Step("Data Platform Lead", "Leads the platform team and its roadmap.", 85_000, 110_000),
        ],
        specialisations=[
            ("Analytics engineering", "Modelling warehouse data for analysts, often with dbt."),
            ("Streaming data", "Processing events as they happen rather than overnight."),
            ("Data platform engineering", "The shared tools and infrastructure other teams build on."),
        ],
        related=["data-analyst", "cloud-engineer", "machine-learning-engineer"],
    ),
    Career(
        slug="machine-learning-engineer",
        title="Machine Learning Engineer",
        sector="data-and-ai",
        summary="Takes machine learning models from experiment to dependable production service, and "
        "keeps them working.",
        article_date=datetime.date(2026, 2, 16),
        morning=(
            "<p>Mornings start with monitoring. Are the live models still answering quickly, and is "
            "their accuracy holding up against fresh data? If a model has drifted, you dig into its "
            "inputs to find out what changed. Then comes a stand-up with the data scientists who "
            "design the models and the platform engineers who run the infrastructure you share.</p>"
        ),
        tasks=[
            "Turn prototype models into tested, maintainable code",
            "Build pipelines that train, check and release models",
            "Serve models through APIs that respond quickly",
            "Monitor model quality and trigger retraining",
            "Track experiments and model versions",
            "Make models smaller, faster and cheaper to run",
        ],
        afternoon=(
            "<p>The afternoon might go on containerising a new model, load-testing an endpoint, or "
            "setting up retraining that starts by itself when new labelled data arrives. You also "
            "review research prototypes and suggest changes early, so nobody has to rewrite them in a "
            "hurry later.</p>"
        ),
        quote=Quote(
            "Getting a model to work once is science. Getting it to work every day for a year is "
            "engineering, and that is the part I love.",
            "ML Engineer",
            "Health tech",
            "London",
        ),
        challenges=(
            "<p>You sit between research and operations and need to speak both languages. The tools "
            "change quickly, and last year's best practice can become this year's technical debt. "
            "When a live model misbehaves, it is not always clear whether the fault lies in the data, "
            "the code or the model itself.</p>"
        ),
        suitability=(
            "<p>This suits software engineers curious about machine learning, or data scientists who "
            "enjoy engineering. You need patience with infrastructure and the habit of automating "
            "anything you have done twice.</p>"
        ),
        cta_heading="Take models from notebook to production",
        cta_text="Learn deployment, monitoring and the cloud tooling that machine learning teams use "
        "every day.",
        essential=[
            "Python",
            "Machine learning",
            "Model deployment",
            "Deep learning frameworks",
            "Containers (Docker and Kubernetes)",
            "Cloud platforms",
        ],
        optional=["Natural language processing", "Computer vision", "Infrastructure as code"],
        figures=[Figure(40_000, 62_000, 100_000, months_ago=4)],
        ladder=[
            Step("Junior ML Engineer", "Supports deployments and monitoring.", 35_000, 45_000),
            Step("ML Engineer", "Owns models in production.", 45_000, 70_000),
            Step("Senior ML Engineer", "Designs the ML platform and mentors.", 70_000, 90_000),
            Step("Principal ML Engineer", "Sets standards across teams.", 90_000, 120_000),
        ],
        specialisations=[
            ("MLOps", "Automated training, release and monitoring of models."),
            ("Model optimisation", "Making models run fast on limited hardware."),
            ("Recommender systems", "Suggesting products, content or people at scale."),
        ],
        related=["ai-specialist", "data-scientist", "data-engineer"],
    ),
    Career(
        slug="software-developer",
        title="Software Developer",
        sector="software-development",
        soc_code="2134",
        summary="Designs, writes and tests the code behind websites, apps and business systems.",
        article_date=datetime.date(2026, 1, 19),
        morning=(
            "<p>A developer's day usually opens with a stand-up: what you finished yesterday, what you "
            "are picking up, and anything in your way. Then it is time to concentrate on the current "
            "ticket, perhaps a new step in an online booking form, writing the code and the tests "
            "that prove it works.</p>"
        ),
        tasks=[
            "Write clear, tested code for new features",
            "Track down and fix bugs reported by users and testers",
            "Review colleagues' code and respond to reviews of your own",
            "Design APIs and data structures with the team",
            "Keep libraries up to date and free of known security holes",
            "Talk to designers and product owners about what to build next",
        ],
        afternoon=(
            "<p>After lunch you might pair with a colleague on a stubborn bug, review pull requests, or "
            "join a planning session to break the next piece of work into tasks. Later you merge your "
            "change, watch the automated tests and deployment go through, and check it behaves in "
            "production.</p>"
        ),
        quote=Quote(
            "I still get a kick out of shipping a feature and seeing people use it within minutes. It "
            "makes the long afternoons of debugging worth it.",
            "Software Developer",
            "Public sector",
            "Manchester",
        ),
        challenges=(
            "<p>Estimating how long work will take is famously hard, and requirements change halfway "
            "through. Old code can be slow and risky to change. Staying current with languages and "
            "frameworks takes steady effort alongside the day job.</p>"
        ),
        suitability=(
            "<p>This suits logical thinkers who enjoy solving problems one step at a time and do not "
            "mind being wrong many times before being right. Teamwork and clear communication matter "
            "as much as the code.</p>"
        ),
        cta_heading="Start writing software professionally",
        cta_text="Learn to build, test and ship web applications alongside a cohort of other new developers.",
        essential=["JavaScript", "Version control with Git", "Software testing", "APIs and web services"],
        optional=["Python", "SQL", "Cloud platforms", "Agile delivery"],
        figures=[Figure(27_000, 47_000, 85_000, months_ago=6)],
        ladder=[
            Step("Junior Developer", "Works on well-defined tasks with support.", 26_000, 35_000),
            Step("Developer", "Delivers features independently.", 35_000, 55_000),
            Step("Senior Developer", "Designs systems and mentors others.", 55_000, 75_000),
            Step("Lead Developer", "Leads a team's technical work.", 70_000, 95_000),
        ],
        specialisations=[
            ("Front-end development", "What runs in the browser: HTML, CSS and JavaScript."),
            ("Back-end development", "Servers, databases and APIs."),
            ("Mobile development", "Apps for iOS and Android."),
        ],
        related=["cloud-engineer", "data-engineer", "ui-designer"],
    ),
    Career(
        slug="cloud-engineer",
        title="Cloud Engineer",
        sector="cloud-and-infrastructure",
        summary="Builds and looks after the cloud infrastructure applications run on, keeping it "
        "secure, reliable and affordable.",
        article_date=datetime.date(2024, 9, 23),
        morning=(
            "<p>The morning starts with alerts and dashboards. Did anything fail overnight? Are costs "
            "where they should be? Is a certificate about to expire? You handle anything urgent, then "
            "return to planned work, such as moving a service onto a new cluster.</p>"
        ),
        tasks=[
            "Create infrastructure from code rather than by hand",
            "Automate build and deployment pipelines",
            "Monitor services and respond to incidents",
            "Set up networks, access control and backups",
            "Review cloud spending and cut waste",
            "Help developers deploy and scale their applications",
        ],
        afternoon=(
            "<p>Afternoons often go on writing and reviewing infrastructure code, trying a change in a "
            "staging environment, or running a practice day where the team breaks something on "
            "purpose to rehearse recovery. Developers also drop by needing a new database or more "
            "capacity.</p>"
        ),
        quote=Quote(
            "When the team releases on a Friday afternoon and nobody breaks a sweat, I know the "
            "platform is doing its job.",
            "Cloud Engineer",
            "E-commerce",
            "Birmingham",
        ),
        challenges=(
            "<p>Outages are stressful and, if you are on call, can come at awkward hours. The big cloud "
            "providers release new services constantly, and choosing well is harder than it looks. A "
            "small misconfiguration can expose data or run up a large bill.</p>"
        ),
        suitability=(
            "<p>This suits methodical people who like automation, understand how systems fit "
            "together, and stay calm when things go wrong. Many cloud engineers started in IT support, "
            "system administration or development.</p>"
        ),
        cta_heading="Learn to run services in the cloud",
        cta_text="Practise on real cloud accounts in guided labs, from networking to infrastructure as code.",
        essential=[
            "Cloud platforms",
            "Linux administration",
            "Infrastructure as code",
            "Networking",
            "Containers (Docker and Kubernetes)",
        ],
        optional=["Python", "Version control with Git"],
        # Deliberately old: the article shows its "possibly out of date" marker.
        figures=[Figure(35_000, 57_000, 90_000, months_ago=22)],
        ladder=[
            Step("Junior Cloud Engineer", "Supports the platform and learns the estate.", 30_000, 40_000),
            Step("Cloud Engineer", "Builds and runs infrastructure.", 45_000, 65_000),
            Step("Senior Cloud Engineer", "Designs platforms and leads incidents.", 65_000, 85_000),
            Step("Cloud Architect", "Sets the organisation's cloud design.", 80_000, 110_000),
        ],
        specialisations=[
            ("Site reliability engineering", "Keeping services fast and available, measured by targets."),
            ("DevOps", "Bringing development and operations together through automation."),
            ("Cloud security", "Locking down cloud accounts, identities and data."),
        ],
        related=["software-developer", "data-engineer", "cyber-security-analyst"],
    ),
    Career(
        slug="cyber-security-analyst",
        title="Cyber Security Analyst",
        sector="cyber-security",
        soc_code="2135",
        summary="Watches an organisation's systems for attacks, investigates alerts and helps close "
        "the gaps that let threats in.",
        article_date=datetime.date(2026, 7, 6),
        morning=(
            "<p>The shift begins with a handover from the overnight team and a look at the alert queue. "
            "Most alerts turn out to be harmless, but each one needs checking: a login from an "
            "unexpected country, a burst of failed passwords, a laptop talking to an unfamiliar "
            "server. You triage, escalate what matters and close what does not, with notes.</p>"
        ),
        tasks=[
            "Triage alerts from security monitoring tools",
            "Investigate suspicious activity and gather evidence",
            "Respond to incidents and coordinate containment",
            "Follow new threats and vulnerabilities that affect your systems",
            "Recommend fixes and check that IT teams applied them",
            "Help run phishing awareness and security training",
        ],
        afternoon=(
            "<p>Afternoons can be quieter, and go on improving detection rules, writing up incident "
            "reports, or reading threat intelligence to see whether a newly published vulnerability "
            "touches your systems. Now and then a live incident takes over the whole day.</p>"
        ),
        quote=Quote(
            "You never know what the queue will bring. Catching an attack early and shutting it down "
            "before it spreads is the most satisfying part of the job.",
            "Security Analyst",
            "Higher education",
            "Glasgow",
        ),
        challenges=(
            "<p>Alert fatigue is real: hundreds of false alarms can hide the one that matters. Shift "
            "work is common in security operations centres. Attackers change tactics all the time, so "
            "the learning never stops.</p>"
        ),
        suitability=(
            "<p>This suits curious, calm people with an eye for patterns and a strong sense of "
            "responsibility. Interest in how networks and operating systems work matters more than "
            "any particular degree.</p>"
        ),
        cta_heading="Start your career in cyber security",
        cta_text="Learn to detect, investigate and respond to attacks in a simulated security "
        "operations centre.",
        essential=["Threat analysis", "Incident response", "Networking", "Linux administration"],
        optional=["Python", "Cloud platforms", "Penetration testing"],
        figures=[Figure(28_000, 44_000, 70_000, months_ago=3)],
        ladder=[
            Step("SOC Analyst", "Handles first-line alerts.", 27_000, 35_000),
            Step("Security Analyst", "Investigates and responds to incidents.", 35_000, 50_000),
            Step("Senior Security Analyst", "Leads incidents and improves detection.", 50_000, 70_000),
            Step("Security Operations Manager", "Runs the security operations team.", 65_000, 90_000),
        ],
        specialisations=[
            ("Digital forensics", "Recovering and analysing evidence after an incident."),
            ("Threat intelligence", "Tracking who attacks whom, and how."),
            ("Cloud security", "Protecting workloads and data in the cloud."),
        ],
        related=["penetration-tester", "cloud-engineer"],
    ),
    Career(
        slug="penetration-tester",
        title="Penetration Tester",
        sector="cyber-security",
        soc_code="2135",
        summary="Attacks systems the way a criminal would, with permission, and reports the "
        "weaknesses so they can be fixed.",
        article_date=datetime.date(2026, 8, 3),
        morning=(
            "<p>A test starts well before any hacking. The morning may go on re-reading the scope "
            "agreed with the client, confirming which systems are fair game, and planning the "
            "approach. Once testing begins, you map the target: what is exposed, what software it "
            "runs, and where the weak points are likely to be.</p>"
        ),
        tasks=[
            "Agree scope and rules of engagement with clients",
            "Scan and map networks and applications",
            "Find weaknesses and exploit them safely to prove the risk",
            "Keep careful notes of every step you take",
            "Write reports that explain risks and fixes in plain language",
            "Retest systems once fixes are in place",
        ],
        afternoon=(
            "<p>Afternoons during a test are hands-on: chaining small weaknesses together to see how "
            "far an attacker could get, probing a web application's login, or trying to hop from one "
            "machine to the next. Between engagements you research new techniques, build tools and "
            "practise in lab environments.</p>"
        ),
        quote=Quote(
            "Breaking in is the fun part, but the report is what changes things. If the client "
            "understands the risk and fixes it, I have done my job.",
            "Penetration Tester",
            "Consultancy",
            "Reading",
        ),
        challenges=(
            "<p>Report writing takes longer than most newcomers expect, and it has to be precise. "
            "Deadlines are set by the client's calendar. You must stay strictly inside the agreed "
            "scope: the ethics are not optional.</p>"
        ),
        suitability=(
            "<p>This suits persistent, inventive people who enjoy puzzles and thinking like an "
            "adversary, and who can explain technical findings to non-specialists. Capture-the-flag "
            "competitions are a good way to test your interest.</p>"
        ),
        cta_heading="Learn ethical hacking the right way",
        cta_text="Practise attack techniques legally in purpose-built labs, and learn to write the "
        "reports clients rely on.",
        essential=["Penetration testing", "Networking", "Linux administration", "Threat analysis"],
        optional=["Python", "APIs and web services", "Cloud platforms"],
        figures=[Figure(30_000, 50_000, 80_000, months_ago=8)],
        ladder=[
            Step("Junior Penetration Tester", "Tests under supervision.", 28_000, 38_000),
            Step("Penetration Tester", "Runs tests and writes reports.", 40_000, 60_000),
            Step("Senior Penetration Tester", "Leads engagements and reviews reports.", 60_000, 80_000),
            Step("Red Team Lead", "Plans long, realistic attack simulations.", 75_000, 100_000),
        ],
        specialisations=[
            ("Web application testing", "Finding flaws in websites and APIs."),
            ("Red teaming", "Simulating a determined attacker over weeks, not days."),
            ("Cloud penetration testing", "Testing cloud accounts and services."),
        ],
        related=["cyber-security-analyst", "software-developer"],
    ),
    Career(
        slug="ux-designer",
        title="UX Designer",
        sector="design",
        summary="Finds out what people need from a product and designs experiences that are easy, "
        "useful and accessible.",
        article_date=datetime.date(2026, 9, 14),
        morning=(
            "<p>A morning might begin with a research session: watching someone try to complete a task "
            "on a prototype and noting where they hesitate. Afterwards you and the team compare notes "
            "and sort what you saw into patterns.</p>"
        ),
        tasks=[
            "Plan and run interviews and usability tests",
            "Turn research findings into clear insights",
            "Sketch user journeys and wireframes",
            "Build clickable prototypes to test ideas",
            "Check designs meet accessibility standards",
            "Work closely with developers and product managers",
        ],
        afternoon=(
            "<p>In the afternoon you turn findings into changes: reworking a confusing step, cutting "
            "questions from a form, or preparing two versions of a page to test. You review designs "
            "with developers to agree what is feasible, and share progress at the team's "
            "show-and-tell.</p>"
        ),
        quote=Quote(
            "Watching someone struggle with a screen you designed is humbling. Watching the next "
            "version work for them is the best feeling in the job.",
            "UX Designer",
            "Public sector",
            "Newcastle",
        ),
        challenges=(
            "<p>You will often have to argue for research time when deadlines loom. Feedback can be "
            "blunt, and your favourite idea may fail in testing. Balancing what users need against "
            "business goals and technical limits takes diplomacy.</p>"
        ),
        suitability=(
            "<p>This suits empathetic, curious people who like solving problems for others and are "
            "comfortable sharing unfinished work. People come in from psychology, graphic design, "
            "customer service and many other backgrounds.</p>"
        ),
        cta_heading="Design products people can actually use",
        cta_text="Learn research, prototyping and accessible design, and leave with a portfolio to "
        "show employers.",
        essential=["User research", "Prototyping", "Interaction design", "Accessibility"],
        optional=["Visual design", "Stakeholder communication"],
        figures=[Figure(28_000, 44_000, 70_000, months_ago=7)],
        ladder=[
            Step("Junior UX Designer", "Supports research and design work.", 26_000, 34_000),
            Step("UX Designer", "Leads design for a product area.", 35_000, 50_000),
            Step("Senior UX Designer", "Shapes products and mentors designers.", 50_000, 65_000),
            Step("Head of Design", "Leads the design team and practice.", 65_000, 90_000),
        ],
        specialisations=[
            ("User research", "Running studies and turning them into evidence."),
            ("Service design", "Designing whole services, on screen and off."),
            ("Content design", "Words and structure that help people get things done."),
        ],
        related=["ui-designer", "data-analyst"],
    ),
    Career(
        slug="ui-designer",
        title="UI Designer",
        sector="design",
        summary="Designs how digital products look and behave on screen: layout, type, colour, "
        "components and motion.",
        article_date=datetime.date(2024, 6, 10),
        morning=(
            "<p>Mornings usually begin with the comments on yesterday's designs, from the UX designer, "
            "developers and the product owner, and deciding which to act on. Then you get into the "
            "detail: spacing, typography, and how buttons and error messages look in every state.</p>"
        ),
        tasks=[
            "Design screens and interface components",
            "Maintain and extend the design system",
            "Choose type, colour and spacing that pass contrast checks",
            "Prepare designs and specifications for developers",
            "Create icons, illustrations and simple animations",
            "Check built features against the design",
        ],
        afternoon=(
            "<p>Afternoons often involve developers: walking through a new component, answering "
            "questions about edge cases, or checking a build on different screen sizes. You might also "
            "add to the design system so the next team can reuse what you made.</p>"
        ),
        quote=Quote(
            "Good interface design is mostly invisible. When people get through a form without "
            "thinking about it, I know the details were right.",
            "UI Designer",
            "Travel",
            "Brighton",
        ),
        challenges=(
            "<p>Everyone has an opinion on visual design, so you need reasons for your choices rather "
            "than taste. Keeping a design system consistent as many teams use it is harder than it "
            "sounds. Designs must work on every screen size and with assistive technology.</p>"
        ),
        suitability=(
            "<p>This suits people with a strong eye for visual detail who also care about how things "
            "work. A good portfolio matters more than any particular qualification.</p>"
        ),
        cta_heading="Turn your eye for detail into a design career",
        cta_text="Learn interface design, design systems and accessible colour and type on a "
        "project-based course.",
        essential=["Visual design", "Prototyping", "Interaction design", "Accessibility"],
        optional=["User research", "JavaScript"],
        # Deliberately old: the article shows its "possibly out of date" marker.
        figures=[Figure(25_000, 39_000, 60_000, months_ago=26)],
        ladder=[
            Step("Junior UI Designer", "Designs screens within an existing system.", 24_000, 30_000),
            Step("UI Designer", "Owns the interface of a product area.", 32_000, 45_000),
            Step("Senior UI Designer", "Leads visual direction and the design system.", 45_000, 60_000),
            Step("Design Lead", "Leads designers across products.", 60_000, 80_000),
        ],
        specialisations=[
            ("Design systems", "Reusable components and the rules for using them."),
            ("Motion design", "Animation that explains what is happening on screen."),
            ("Mobile interface design", "Designing for small screens and touch."),
        ],
        related=["ux-designer", "software-developer"],
    ),
]

FEATURED_ON_HOME = ["ai-specialist", "data-analyst", "cyber-security-analyst"]


def _months_ago(months: int) -> datetime.date:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, 1)


def _career_index(home: HomePage) -> CareerIndexPage:
    index = CareerIndexPage.objects.child_of(home).filter(slug="careers").first()
    if index is None:
        index = CareerIndexPage(title="Careers", slug="careers", show_in_menus=True, intro=INDEX_INTRO)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _sectors() -> dict[str, tuple[Sector, tuple[str, str]]]:
    sectors = {}
    for slug, name, description, colours in SECTORS:
        sector, _ = Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        sectors[slug] = (sector, colours)
    return sectors


def _skills() -> dict[str, Skill]:
    skills = {}
    for name, description in SKILLS:
        skill, _ = Skill.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
        skills[name] = skill
    return skills


def _sources() -> dict[str, SalarySource]:
    sources = {}
    for name, notes in SALARY_SOURCES:
        source, _ = SalarySource.objects.get_or_create(
            name=name, defaults={"is_illustrative": True, "notes": notes}
        )
        sources[name] = source
    return sources


def _body(career: Career) -> list[tuple[str, dict]]:
    return [
        ("time_of_day", {"period": "morning", "heading": "", "body": career.morning}),
        ("tasks", {"heading": "Core daily tasks", "tasks": career.tasks}),
        ("time_of_day", {"period": "afternoon", "heading": "", "body": career.afternoon}),
        (
            "quote",
            {
                "quote": career.quote.text,
                "role": career.quote.role,
                "sector": career.quote.sector,
                "place": career.quote.place,
            },
        ),
        ("skills", {"heading": "Skills you need", "intro": career.skills_intro}),
        ("challenges", {"heading": "The real challenges", "body": career.challenges}),
        ("suitability", {"heading": "Is this role for you?", "body": career.suitability}),
        # courses/demo.py chooses the course once the courses exist.
        (
            "call_to_action",
            {
                "heading": career.cta_heading,
                "text": career.cta_text,
                "course": None,
                "link_text": "View the course",
            },
        ),
    ]


def _new_career_page(
    career: Career,
    sectors: dict[str, tuple[Sector, tuple[str, str]]],
    skills: dict[str, Skill],
    sources: dict[str, SalarySource],
) -> CareerPage:
    sector, (dark, light) = sectors[career.sector]
    return CareerPage(
        title=career.title,
        slug=career.slug,
        summary=career.summary,
        sector=sector,
        article_date=career.article_date,
        soc_code=career.soc_code,
        hero_image=hero_image(
            f"{career.title} (hero)",
            career.slug,
            dark,
            light,
            description=f"Abstract pattern of soft shapes in the {sector.name} colours",
        ),
        body=_body(career),
        salary_figures=[
            SalaryFigure(
                region=figure.region,
                minimum=figure.minimum,
                typical=figure.typical,
                typical_kind=figure.kind,
                maximum=figure.maximum,
                source=sources[figure.source],
                gathered_on=figure.gathered_on or _months_ago(figure.months_ago),
            )
            for figure in career.figures
        ],
        career_skills=[CareerSkill(skill=skills[name], importance=ESSENTIAL) for name in career.essential]
        + [CareerSkill(skill=skills[name], importance=OPTIONAL) for name in career.optional],
        specialisations=[
            Specialisation(name=name, description=text) for name, text in career.specialisations
        ],
    )


def _link_careers(page: CareerPage, career: Career, by_slug: dict[str, CareerPage]) -> None:
    """Ladder steps and related careers point at other careers, so they wait until all exist."""
    page.progression_steps = [
        ProgressionStep(
            title=step.title,
            description=step.description,
            salary_min=step.salary_min,
            salary_max=step.salary_max,
            linked_career=by_slug.get(step.career),
        )
        for step in career.ladder
    ]
    page.related_careers = [
        RelatedCareer(related=by_slug[slug]) for slug in career.related if slug in by_slug
    ]


def _feature_on_home(home: HomePage, index: CareerIndexPage, by_slug: dict[str, CareerPage]) -> bool:
    """Fill the home page's featured careers and call to action, unless an editor already has."""
    draft = home.get_latest_revision_as_object()
    changed = False
    if not draft.featured_careers.exists():
        draft.featured_careers = [
            HomePageFeaturedCareer(page=by_slug[slug]) for slug in FEATURED_ON_HOME if slug in by_slug
        ]
        changed = True
    if draft.cta_page_id is None:
        draft.cta_page = index
        changed = True
    if changed:
        draft.save_revision().publish()
    return changed


def seed() -> str:
    home = HomePage.objects.get()
    index = _career_index(home)
    sectors, skills, sources = _sectors(), _skills(), _sources()

    existing = set(CareerPage.objects.child_of(index).values_list("slug", flat=True))
    created: list[tuple[Career, CareerPage]] = []
    for career in CAREERS:
        if career.slug in existing:
            continue
        page = _new_career_page(career, sectors, skills, sources)
        index.add_child(instance=page)
        created.append((career, page))

    by_slug = {page.slug: page for page in CareerPage.objects.child_of(index)}
    for career, page in created:
        _link_careers(page, career, by_slug)
        page.save_revision().publish()

    featured = _feature_on_home(home, index, by_slug)
    return (
        f"{len(created)} careers created ({len(by_slug)} in all), {len(sectors)} sectors, "
        f"{len(skills)} skills{'; home page features careers' if featured else ''}"
    )
