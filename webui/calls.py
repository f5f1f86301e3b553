"""(being built for #14)"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("anfragen", __name__, url_prefix="/koordinierung/anfragen")
