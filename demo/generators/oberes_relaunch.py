"""The `oberes` provider after a website relaunch: the same offers in a new layout.

Proves breakage detection: the old sources.yaml entry finds nothing here (the run fails and the
last good offers stay), and the updated entry in tests/fixtures/sources/oberes-relaunch.yaml
finds everything again. Writes demo/sites/oberes-relaunch/ and, next to the pages,
`expected.relaunch.jsonl` (oberes' expected offers with the new URLs). It is deliberately not
called `expected.jsonl`: the relaunched site is not a source of its own in sources.yaml.
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import oberes

SITE = "oberes-relaunch"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
PER_PAGE = 12


def e(text: str) -> str:
    return html.escape(text, quote=False)


def card(c: dict) -> str:
    course, run = c["course"], c["run"]
    facts = [("Wann", run["when"]["termin"])]
    if c["dauer"]:
        facts.append(("Umfang", c["dauer"][0]))
    facts.append(("Preis", c["kosten"][0]))
    if run["where"]:
        facts.append(("Wo", run["where"]["text"].replace("\n", ", ")))
    form = oberes.FORM_LABEL[run["fmt"]] if run["form"] == "default" else run["form"]
    if form:
        facts.append(("Lernform", form))
    if c["foerderung"]:
        facts.append(("Förderung", c["foerderung"][0]))
    if c["abschluss"]:
        facts.append(("Abschluss", c["abschluss"][0]))
    items = "\n".join(f'          <li><span class="label">{k}:</span> <span class="wert">{e(v)}</span></li>'
                      for k, v in facts)
    return f"""      <div class="kurs-karte" id="termin-{c['nr']}">
        <h2 class="kurs-karte__titel">{e(course['title'])}</h2>
        <div class="kurs-karte__text">{e(course['desc'])}</div>
        <ul class="kurs-karte__fakten">
{items}
        </ul>
      </div>"""


def page(n: int, total: int, cards: list[str]) -> str:
    prev = f'<a class="pagination__prev" href="/{SITE}/weiterbildung/seite-{n - 1}.html">zurück</a>' if n > 1 else ""
    nxt = f'<a class="pagination__next" href="/{SITE}/weiterbildung/seite-{n + 1}.html">mehr Angebote</a>' \
        if n < total else ""
    return f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>Weiterbildung – Seite {n} – Bildungsakademie Oberes Erzgebirge</title></head>
<body>
  <header class="site-header"><a href="/{SITE}/weiterbildung/seite-1.html">Bildungsakademie Oberes Erzgebirge</a></header>
  <main>
    <h1>Weiterbildung 2027</h1>
    <section class="kurs-liste">
{chr(10).join(cards)}
    </section>
    <nav class="pagination">{prev} Seite {n} von {total} {nxt}</nav>
  </main>
</body>
</html>
"""


def main() -> None:
    pages, expected = oberes.build()
    cards = [c for file in sorted(pages) for c in pages[file]]
    chunks = [cards[i:i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)]
    new_url = {}
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "weiterbildung").mkdir(parents=True)
    for n, chunk in enumerate(chunks, 1):
        (OUT / "weiterbildung" / f"seite-{n}.html").write_text(page(n, len(chunks), [card(c) for c in chunk]),
                                                             encoding="utf-8")
        for c in chunk:
            new_url[str(c["nr"])] = f"/{SITE}/weiterbildung/seite-{n}.html#termin-{c['nr']}"
    with (OUT / "expected.relaunch.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            rec = dict(rec, url=new_url[rec["url"].rsplit("#angebot-", 1)[1]])
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{SITE}: {len(expected)} offers on {len(chunks)} pages -> {OUT}")


if __name__ == "__main__":
    main()
