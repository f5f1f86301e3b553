"""Downloads: one Response shape per kind, so each export has exactly one Content-Type
("text/csv; charset=utf-8"; passing a charset in `mimetype` made Werkzeug add a second one)."""
from __future__ import annotations

import json

from flask import Response

from wbportal.csvsafe import CONTENT_TYPE


def csv_download(text: str, filename: str, **headers: str) -> Response:
    """`text` from wbportal.csvsafe.excel_csv, sent as an attachment named `filename`."""
    return Response(text.encode("utf-8"), content_type=CONTENT_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', **headers})


def json_download(data, filename: str) -> Response:
    """A person's or a company's data export: readable JSON (umlauts as they are, dates as text)."""
    return Response(json.dumps(data, ensure_ascii=False, indent=1, default=str), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
