"""The Kümmerer's workspace: the qualification catalogue (data), due-date rules, the per-company
staff list and matrix, spreadsheet import/export, the iCal feed of due dates, needs generated
from due renewals and knowledge risks."""
