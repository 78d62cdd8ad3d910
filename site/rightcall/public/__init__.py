"""The public site: every page, in every language, under ``/<locale>/``."""
from flask import Blueprint

bp = Blueprint("public", __name__)

from . import chat_page, locale_url, quiz, views  # noqa: E402,F401  (register routes and URL processors)
