"""(being built for #14)"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("verbundkurse", __name__, url_prefix="/verbundkurse")
