"""Server-rendered SVG bar charts (no JavaScript, no CDN); each chart is paired with a data
table in the page for screen readers."""
from __future__ import annotations

import itertools

from markupsafe import Markup, escape

_ids = itertools.count(1)  # ids of <title>/<desc>, unique within a process and so within a page


def bar_chart(rows: list[tuple[str, float]], title: str, width: int = 640, bar: int = 22, desc: str = "") -> Markup:
    """Horizontal bars: one row per (label, value). The SVG names itself with <title> and, if
    given, <desc> (a sentence on what the bars show), referenced by aria-labelledby/-describedby."""
    if not rows:
        return Markup("")
    top = max(v for _, v in rows) or 1
    label_w, gap = 220, 6
    height = len(rows) * (bar + gap) + 10
    n = next(_ids)
    described = f' aria-describedby="chart-desc-{n}"' if desc else ""
    parts = [f'<figure class="chart-figure"><figcaption>{escape(title)}</figcaption><svg class="chart" role="img" '
             f'aria-labelledby="chart-title-{n}"{described} viewBox="0 0 {width} {height}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg"><title id="chart-title-{n}">{escape(title)}</title>'
             + (f'<desc id="chart-desc-{n}">{escape(desc)}</desc>' if desc else "")]
    for i, (label, value) in enumerate(rows):
        y = 5 + i * (bar + gap)
        w = max(1, (width - label_w - 60) * value / top)
        parts.append(f'<text x="{label_w - 8}" y="{y + bar * 0.7}" text-anchor="end" font-size="13">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="#0b5a8a"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + bar * 0.7}" font-size="13">{value:g}</text>')
    parts.append("</svg></figure>")
    return Markup("".join(parts))
