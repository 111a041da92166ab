"""report.html: one self-contained page for editors (no network: CSS, JS and SVG inline).

Each conflict shows its sides next to each other with the sentence and the value
highlighted, and links to that sentence in a full view of the source. Filters by
kind, severity, status and source, a search box, counts, a source × source matrix
of agreements and disagreements, and a timeline for dated conflicts. Every piece
of source text and metadata goes through `html.escape`. With `serve=True` each
conflict also gets a form that posts a verdict to `checker serve`.
"""
from __future__ import annotations

import datetime as dt
from html import escape
from itertools import combinations

from ..models import Conflict, Report, Source

SEVERITIES = ["high", "medium", "low"]
NEW_BADGE = '<span class="badge new">new</span>'
STATUSES = ["open", "confirmed", "false_positive", "accepted"]
MAX_NOTE = 5000  # characters in a verdict's note
MATRIX_MAX = 40  # sources drawn as a matrix; beyond, a table of each source's partners

CSS = """
:root{--ink:#1d2330;--muted:#5b6577;--line:#d9dee7;--bg:#f6f7f9;--high:#b42318;--medium:#b54708;--low:#475467;--ok:#067647}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header,main{max-width:1100px;margin:0 auto;padding:12px 16px}h1{font-size:1.4rem;margin:.4rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:.4rem 0}.counts span{background:#fff;border:1px solid var(--line);border-radius:6px;padding:2px 8px}
.filters{display:flex;flex-wrap:wrap;gap:8px;position:sticky;top:0;background:var(--bg);padding:8px 0;z-index:2}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}.filters input{flex:1;min-width:160px}
.filters select{max-width:100%;min-width:0;text-overflow:ellipsis}
.scroll{overflow-x:auto;max-width:100%}.scroll svg{display:block}table.pairs{border-collapse:collapse;font-size:.9rem}
table.pairs td,table.pairs th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.howto{font-size:.9rem;color:var(--muted)}.howto code{overflow-wrap:anywhere;color:var(--ink)}
.conflict{background:#fff;border:1px solid var(--line);border-left:5px solid var(--low);border-radius:8px;padding:10px 14px;margin:10px 0}
.conflict.high{border-left-color:var(--high)}.conflict.medium{border-left-color:var(--medium)}
.meta{color:var(--muted);font-size:.85rem}.badge{display:inline-block;border-radius:4px;padding:0 6px;margin-right:4px;background:#eef0f4;font-size:.8rem}
.badge.high{background:#fee4e2;color:var(--high)}.badge.medium{background:#fef0c7;color:var(--medium)}.badge.new{background:#d1e9ff}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:10px;margin-top:8px}
.side{border:1px solid var(--line);border-radius:6px;padding:8px}.side .who{font-weight:600}.side blockquote{margin:6px 0;color:#344054}
mark{background:#fff3b0}strong.value{background:#fde68a;padding:0 2px}.majority{margin:.3rem 0;font-size:.9rem}
.source{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:10px 0;white-space:pre-wrap}
.source mark.focus{outline:3px solid var(--medium)}svg text{font:12px system-ui,sans-serif}
svg.timeline text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
form.verdict{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;align-items:center}form.verdict textarea{flex:1;min-width:200px;font:inherit}
form.verdict select,form.verdict input{max-width:100%;min-width:0;font:inherit}
.saved{color:var(--ok)}.error{color:var(--high)}
"""

JS = """
const $=s=>document.querySelector(s),$$=s=>[...document.querySelectorAll(s)];
function applyFilters(){
  const k=$('#f-kind').value,sv=$('#f-severity').value,st=$('#f-status').value,src=$('#f-source').value,q=$('#f-search').value.toLowerCase();
  let shown=0;
  for(const c of $$('.conflict')){
    const ok=(!k||c.dataset.kind===k)&&(!sv||c.dataset.severity===sv)&&(!st||c.dataset.status===st)
      &&(!src||c.dataset.sources.split(' ').includes(src))&&(!q||c.textContent.toLowerCase().includes(q));
    c.hidden=!ok;if(ok)shown++;
  }
  $('#shown').textContent=shown;
}
function showSource(id,anchor){
  for(const s of $$('.source'))s.hidden=s.id!=='src-'+id;
  $('#sources-view').hidden=false;
  for(const m of $$('mark.focus'))m.classList.remove('focus');
  const m=document.getElementById(anchor);if(m){m.classList.add('focus');m.scrollIntoView({block:'center'});}
}
document.addEventListener('click',e=>{const a=e.target.closest('a.goto');if(!a)return;e.preventDefault();
  history.replaceState(null,'','#'+a.dataset.anchor);showSource(a.dataset.source,a.dataset.anchor);});
for(const el of $$('.filters select,.filters input'))for(const ev of ['input','change'])el.addEventListener(ev,applyFilters);
window.addEventListener('load',()=>{applyFilters();const h=location.hash.slice(1);
  const m=h&&document.getElementById(h);if(m&&m.dataset.source)showSource(m.dataset.source,h);});
"""

SERVE_JS = """
for(const f of $$('form.verdict')){
  const verdict=f.elements.verdict,note=f.elements.note;
  verdict.addEventListener('change',()=>{note.required=verdict.value==='false_positive';
    note.placeholder=note.required?'Note: why it is a false positive (needed)':'Note: what you checked';});
  f.addEventListener('submit',async e=>{e.preventDefault();
    const out=f.querySelector('.result'),data=Object.fromEntries(new FormData(f));data.id=f.dataset.id;
    const send=async()=>{const r=await fetch('api/verdict',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(data)});
      return [r,await r.json().catch(()=>({error:'The server answered '+r.status+'; try again'}))];};
    let [r,body]=await send();
    if(r.status===409&&body.replace&&confirm(body.error)){data.replace=true;[r,body]=await send();}
    out.className='result '+(r.ok?'saved':'error');out.textContent=r.ok?'saved: '+body.verdict:body.error;
    if(!r.ok)return;
    const c=f.closest('.conflict'),badge=c.querySelector('.badge.new');
    c.dataset.status=body.verdict;c.querySelector('.status').textContent=body.verdict;if(badge)badge.remove();
    $('#n-new').textContent=body.summary.new;$('#n-unresolved').textContent=body.summary.unresolved;applyFilters();});
}
"""


def render(report: Report, sources: list[Source], agreements: dict[tuple[str, str], int],
           serve: bool = False) -> str:
    """`agreements[(a, b)]`: topics where sources a and b both make claims and agree."""
    by_id = {s.id: s for s in sources}
    focus = _focus(report, by_id)
    s = report.summary
    sev = {k: sum(1 for c in report.conflicts if c.severity == k) for k in SEVERITIES}
    kinds = sorted({c.kind for c in report.conflicts})
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        "<title>checker: consistency report</title>", f"<style>{CSS}</style></head><body>",
        "<header><h1>Consistency report</h1>",
        '<div class="counts">',
        f'<span><b id="shown">{s.conflicts}</b> of <b id="total">{s.conflicts}</b> conflicts shown</span>',
        f'<span><b id="n-new">{s.new}</b> new</span><span><b id="n-unresolved">{s.unresolved}</b> unresolved</span>',
        *(f'<span class="badge {k}">{sev[k]} {k}</span>' for k in SEVERITIES),
        f"<span>{s.sources} sources · {s.claims} claims · {s.topics} topics compared</span></div>",
        ('<p class="howto">Record a verdict with the form under each conflict.</p>' if serve else
         '<p class="howto">To record a verdict, run <code>checker serve</code> and use the form under each '
         'conflict, or run the <code>checker resolve ID --verdict … --note …</code> command shown under it '
         '(verdicts: confirmed, false_positive, accepted).</p>'),
        '<div class="filters">',
        _select("f-kind", "all kinds", [(k, k) for k in kinds]),
        _select("f-severity", "all severities", [(k, k) for k in SEVERITIES]),
        _select("f-status", "all statuses", [(k, k.replace("_", " ")) for k in STATUSES]),
        _select("f-source", "all sources",
                [(src["id"], src["outlet"] or src["id"]) for src in report.sources]),
        '<input id="f-search" type="search" placeholder="Search quotes, topics, values…" aria-label="Search">',
        "</div></header><main>",
        "<h2>Conflicts</h2>" if report.conflicts else "<h2>No conflicts found</h2>",
    ]
    parts += [_conflict(c, by_id, focus, serve) for c in report.conflicts]
    parts += ["<h2>Sources side by side</h2>", _matrix(report, agreements)]
    parts += ['<div id="sources-view" hidden><h2>Source text</h2>']
    parts += [_source_view(by_id[src["id"]], focus) for src in report.sources  # those a conflict quotes
              if src["id"] in by_id and src["id"] in focus]
    parts += ["</div></main>", f"<script>{JS}{SERVE_JS if serve else ''}</script></body></html>"]
    return "\n".join(parts) + "\n"


def _select(ident: str, everything: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in options)
    return f'<select id="{ident}" aria-label="{escape(everything)}"><option value="">{escape(everything)}</option>{opts}</select>'


def _anchor(source_id: str, sentence_start: int) -> str:
    return f"s-{source_id}-{sentence_start}"


def _focus(report: Report, by_id: dict[str, Source]) -> dict[str, dict[int, tuple[int, list[tuple[int, int]]]]]:
    """Per source: sentence start → (sentence end, value spans) for every quoted sentence."""
    focus: dict[str, dict[int, tuple[int, list[tuple[int, int]]]]] = {}
    for conflict in report.conflicts:
        for claim in conflict.claims:
            source = by_id.get(claim.source)
            if source is None:
                continue
            start = _sentence_start(source, claim)
            if start < 0:
                continue
            end, values = focus.setdefault(claim.source, {}).setdefault(start, (start + len(claim.quote), []))
            if (claim.start, claim.end) not in values:
                values.append((claim.start, claim.end))
    return focus


def _sentence_start(source: Source, claim) -> int:
    """Where the claim's sentence starts in the file (-1 if a hand-written claim's quote is not there)."""
    if not claim.quote:
        return -1
    return source.text.find(claim.quote, max(0, claim.start - len(claim.quote)),
                            claim.end + len(claim.quote))


def _highlight(text: str, start: int, end: int, values: list[tuple[int, int]]) -> str:
    out, pos = [], start
    for a, b in sorted(v for v in values if start <= v[0] and v[1] <= end):
        if a < pos:
            continue
        out += [escape(text[pos:a]), f'<strong class="value">{escape(text[a:b])}</strong>']
        pos = b
    out.append(escape(text[pos:end]))
    return "".join(out)


def _conflict(c: Conflict, by_id: dict[str, Source], focus, serve: bool) -> str:
    sources = " ".join(sorted({claim.source for claim in c.claims}))
    head = (f'<article class="conflict {c.severity}" id="c-{escape(c.id)}" data-kind="{escape(c.kind)}" '
            f'data-severity="{c.severity}" data-status="{c.status}" data-sources="{escape(sources)}">'
            f"<div><b>{escape(c.topic)}</b></div>"
            f'<div class="meta"><span class="badge {c.severity}">{c.severity}</span>'
            f'<span class="badge">{escape(c.kind)}</span><span class="badge status">{c.status}</span>'
            f'{NEW_BADGE if c.new else ""} id {escape(c.id)} · '
            f"confidence {c.confidence:.2f}</div><p>{escape(c.explanation)}</p>")
    sides = []
    for claim in c.claims:
        source = by_id.get(claim.source)
        outlet = source.meta.outlet or source.id if source else claim.source
        published = source.meta.published.human() if source and source.meta.published else "undated"
        start = _sentence_start(source, claim) if source else -1
        if source and start >= 0:
            quote = _highlight(source.text, start, start + len(claim.quote), [(claim.start, claim.end)])
            link = (f'<a class="goto" href="#{escape(_anchor(claim.source, start))}" '
                    f'data-source="{escape(claim.source)}" data-anchor="{escape(_anchor(claim.source, start))}">'
                    f"line {claim.line} in the source</a>")
        else:
            quote, link = escape(claim.quote), f"line {claim.line}"
        sides.append(f'<div class="side"><div class="who">{escape(outlet)}</div>'
                     f'<div class="meta">{escape(published)} · {escape(claim.value.human())}</div>'
                     f"<blockquote>{quote}</blockquote><div class=meta>{link}</div></div>")
    timeline = _timeline(c, by_id) if c.kind in ("date", "polarity") else ""
    form = _form(c, by_id) if serve else (
        f'<div class="meta howto">Record a verdict: <code>checker resolve {escape(c.id)} --verdict confirmed '
        '--note "what you checked"</code> (or <code>--verdict false_positive</code>, '
        '<code>--verdict accepted</code>)</div>')
    return head + f'<div class="sides">{"".join(sides)}</div>{timeline}{form}</article>'


def _form(c: Conflict, by_id: dict[str, Source]) -> str:
    sides = dict.fromkeys(claim.source for claim in c.claims)
    options = "".join(f'<option value="{escape(side)}">{escape((by_id[side].meta.outlet if side in by_id else "") or side)}</option>'
                      for side in sides)
    return (f'<form class="verdict" data-id="{escape(c.id)}">'
            '<select name="verdict" aria-label="verdict" required><option value="" selected disabled>Choose a verdict…</option>'
            '<option value="confirmed">confirmed</option><option value="false_positive">false positive</option>'
            '<option value="accepted">accepted</option></select>'
            f'<select name="correct" aria-label="the side that is right"><option value="">The side that is right: not known</option>{options}</select>'
            '<input name="value" placeholder="The correct value (if confirmed)" aria-label="the correct value">'
            f'<textarea name="note" rows="1" maxlength="{MAX_NOTE}" placeholder="Note: what you checked" aria-label="note"></textarea>'
            '<button type="submit">Record verdict</button><span class="result" aria-live="polite"></span></form>')


def _timeline(c: Conflict, by_id: dict[str, Source]) -> str:
    """The sides' dates on one axis (for a polarity conflict, the date each gives the event)."""
    points = []
    for claim in c.claims:
        if claim.value.type == "date":
            day = claim.value.first_day()
        elif claim.qualifiers.get("date"):
            parts = [int(p) for p in claim.qualifiers["date"].split("-")]
            day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        else:
            continue
        source = by_id.get(claim.source)
        points.append((day, (source.meta.outlet if source else "") or claim.source))
    if len(points) < 2:
        return ""
    by_day: dict[dt.date, list[str]] = {}
    for day, who in points:
        by_day.setdefault(day, []).append(who)
    points = []  # (day, label, every source's name): one label for a day that many sources give
    for day, names in sorted(by_day.items()):
        points += [(day, f"{len(names)} sources", ", ".join(names))] if len(names) > 3 else \
            [(day, who, who) for who in sorted(names)]
    lo, hi = points[0][0], points[-1][0]
    span = max((hi - lo).days, 1)
    labels = [_short(who) for _, who, _ in points]
    pad = max(70, int(max(_half(w) for w in labels)) + 10)
    width = 460 + 2 * pad
    xs = [pad + 460 * (day - lo).days / span for day, _, _ in points]
    above = _rows([(x, _half(w)) for x, w in zip(xs, labels)])
    dates = sorted({(x, day.isoformat()) for x, (day, _, _) in zip(xs, points)})
    below = _rows([(x, _half(d)) for x, d in dates])
    axis = 34 + 16 * max(above)
    height = axis + 26 + 16 * max(below)
    marks = []
    for x, who, (_, _, names), row in zip(xs, labels, points, above):
        y = 16 + 16 * row
        marks.append(f'<g><title>{escape(names)}</title><circle cx="{x:.1f}" cy="{axis}" r="5" fill="#b54708"/>'
                     f'<line x1="{x:.1f}" y1="{y + 3}" x2="{x:.1f}" y2="{axis - 5}" stroke="#98a2b3"/>'
                     f'<text x="{x:.1f}" y="{y}" text-anchor="middle">{escape(who)}</text></g>')
    for (x, day), row in zip(dates, below):
        marks.append(f'<text x="{x:.1f}" y="{axis + 20 + 16 * row}" text-anchor="middle" fill="#5b6577">{day}</text>')
    return (f'<div class="scroll"><svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="timeline of the dates each source gives">'
            f'<line x1="{pad - 20}" y1="{axis}" x2="{width - pad + 20}" y2="{axis}" stroke="#5b6577"/>'
            + "".join(marks) + "</svg></div>")


def _short(name: str, most: int = 28) -> str:
    return name if len(name) <= most else name[:most - 1].rstrip() + "…"


def _half(label: str) -> float:
    """Half the width of a label in 12 px text (about 7 px a character), with a margin."""
    return 3.5 * len(label) + 4


def _rows(labels: list[tuple[float, float]]) -> list[int]:
    """For labels centred at x with half-width h (in x order), the first row where each
    fits beside the labels already there: no two labels in a row overlap."""
    ends: list[float] = []
    rows = []
    for x, half in labels:
        row = next((r for r, end in enumerate(ends) if end <= x - half), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + half
        rows.append(row)
    return rows


def _matrix(report: Report, agreements: dict[tuple[str, str], int]) -> str:
    ids = [src["id"] for src in report.sources]
    names = {src["id"]: src["outlet"] or src["id"] for src in report.sources}
    disagree: dict[tuple[str, str], int] = {}
    for c in report.conflicts:
        for a, b in combinations(sorted({claim.source for claim in c.claims}), 2):
            disagree[(a, b)] = disagree.get((a, b), 0) + 1
    if len(ids) > MATRIX_MAX:
        return _pairs_table(ids, names, disagree, agreements)
    cell, left, top = 64, 190, 30
    size = len(ids)
    width, height = left + cell * size + 10, top + cell * size + 10
    out = [f'<div class="scroll"><svg class="matrix" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="agreements and disagreements between each pair of sources">']
    for i, a in enumerate(ids):
        out.append(f'<text x="{left - 8}" y="{top + cell * i + cell / 2 + 4}" text-anchor="end">'
                   f"{escape(_short(names[a]))}</text>")
        out.append(f'<text x="{left + cell * i + cell / 2}" y="{top - 10}" text-anchor="middle">{i + 1}</text>')
        for j, b in enumerate(ids):
            x, y = left + cell * j, top + cell * i
            if i == j:
                out.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="#eef0f4"/>'
                           f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle">{i + 1}</text>')
                continue
            key = (min(a, b), max(a, b))
            bad, good = disagree.get(key, 0), agreements.get(key, 0)
            fill = "#fee4e2" if bad else "#dcfae6" if good else "#ffffff"
            out.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}" '
                       f'stroke="#d9dee7"><title>{escape(names[a])} / {escape(names[b])}: {good} agree, '
                       f"{bad} disagree</title></rect>"
                       f'<text x="{x + cell / 2}" y="{y + cell / 2 - 3}" text-anchor="middle" fill="#067647">✓{good}</text>'
                       f'<text x="{x + cell / 2}" y="{y + cell / 2 + 13}" text-anchor="middle" fill="#b42318">✗{bad}</text>')
    out.append("</svg></div>")
    return "".join(out)


def _pairs_table(ids: list[str], names: dict[str, str], disagree: dict[tuple[str, str], int],
                 agreements: dict[tuple[str, str], int], most: int = 5) -> str:
    """Too many sources for a matrix (its size is the square of their number): per source,
    how many others it agrees with, and the ones it disagrees with most."""
    partners = dict.fromkeys(ids, 0)
    topics = dict.fromkeys(ids, 0)
    against: dict[str, dict[str, int]] = {i: {} for i in ids}
    for (a, b), n in agreements.items():
        for x in (a, b):
            if x in partners and n:
                partners[x] += 1
                topics[x] += n
    for (a, b), n in disagree.items():
        if a in against and b in against:
            against[a][b] = against[b][a] = n
    rows = []
    for i in ids:
        worst = sorted(against[i].items(), key=lambda kv: (-kv[1], names[kv[0]]))
        listed = ", ".join(f"{escape(names[b])} ({n})" for b, n in worst[:most])
        more = f" and {len(worst) - most} more" if len(worst) > most else ""
        rows.append(f"<tr><td>{escape(names[i])}</td><td>{partners[i]} sources, {topics[i]} topics</td>"
                    f"<td>{listed or '—'}{more}</td></tr>")
    return (f"<p class=meta>{len(ids)} sources are too many to draw every pair: for each source, the "
            "others it agrees with, and those it disagrees with most (conflicts in brackets).</p>"
            '<div class="scroll"><table class="pairs"><tr><th>Source</th><th>Agrees with</th>'
            "<th>Disagrees with</th></tr>" + "".join(rows) + "</table></div>")


def _source_view(source: Source, focus) -> str:
    spans = sorted(focus.get(source.id, {}).items())
    text, pos, out = source.text, source.body_start, []
    for start, (end, values) in spans:
        if start < pos:
            continue
        anchor = _anchor(source.id, start)
        out += [escape(text[pos:start]),
                f'<mark id="{escape(anchor)}" data-source="{escape(source.id)}">'
                f"{_highlight(text, start, end, values)}</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    head = (f"<h3>{escape(source.meta.title or source.id)}</h3><div class=meta>"
            f"{escape(source.meta.outlet)} · {escape(source.meta.published.human() if source.meta.published else 'undated')}"
            f" · {escape(source.path)}</div>")
    return f'<section class="source" id="src-{escape(source.id)}" hidden>{head}{"".join(out)}</section>'
