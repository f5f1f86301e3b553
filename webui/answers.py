"""(being built for #14)"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("antwort", __name__, url_prefix="/antwort")
