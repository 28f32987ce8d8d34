"""Where this checkout keeps its files, and how settings read lists and switches from the environment."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# Local state (the SQLite file, uploaded media in development) lives in an ignored folder.
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}
