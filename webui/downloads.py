"""CSV downloads: one Response shape for every export, so each has exactly one Content-Type
("text/csv; charset=utf-8"; passing a charset in `mimetype` made Werkzeug add a second one)."""
from __future__ import annotations

from flask import Response

from wbportal.csvsafe import CONTENT_TYPE


def csv_download(text: str, filename: str, **headers: str) -> Response:
    """`text` from wbportal.csvsafe.excel_csv, sent as an attachment named `filename`."""
    return Response(text.encode("utf-8"), content_type=CONTENT_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', **headers})
