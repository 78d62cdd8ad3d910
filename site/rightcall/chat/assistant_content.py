"""The assistant's content for this app (``CONTENT_DIR/assistant``), loaded once per process."""
from __future__ import annotations

from functools import lru_cache

from flask import current_app

from ..assistant import catalogue as catalogue_module
from ..assistant.danger import DangerSigns


def catalogue() -> catalogue_module.Catalogue:
    return catalogue_module.load(current_app.config["CONTENT_DIR"])


@lru_cache(maxsize=4)
def _signs(content_dir: str) -> DangerSigns:
    return DangerSigns(catalogue_module.load(content_dir).danger_signs)


def danger_signs() -> DangerSigns:
    return _signs(current_app.config["CONTENT_DIR"])
