"""The office's follow-up form of a need (status and notes, webui/admin.py): one class in the
style of webui/forms.py, in a module of its own so that forms.py stays the companies' forms."""
from __future__ import annotations

from wbportal.needs.model import OfficeStatus

from .forms import NOTES_MAX, Choice, MaxLength, PortalForm, TrimmedArea

STATUS_VALUES = [s.value for s in OfficeStatus]


class NeedStatusForm(PortalForm):
    status = Choice(choices=STATUS_VALUES)
    notes = TrimmedArea(validators=[MaxLength(NOTES_MAX)])
