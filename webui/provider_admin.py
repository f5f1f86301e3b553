"""(being built for #14)"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("anbieter_verwaltung", __name__, url_prefix="/koordinierung/anbieter")
