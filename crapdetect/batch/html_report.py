"""A self-contained HTML report a teacher can read: counts per label, a sortable table, reasons.

Everything from the verdicts is escaped; the only script is the table sorter
written here. No external assets, so the file can be mailed or opened offline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from .. import __version__, clock

LABELS = ("reliable", "mixed", "unreliable", "unknown", "error")
_COLOURS = {
    "reliable": "#1b7f3b",
    "mixed": "#b26a00",
    "unreliable": "#b3261e",
    "unknown": "#5f6368",
    "error": "#5f6368",
}

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
padding:0 1rem;color:#1f1f1f}
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#5f6368;margin-top:0}
.counts{display:flex;gap:.8rem;flex-wrap:wrap;margin:1.2rem 0}
.count{border-radius:8px;padding:.6rem 1rem;color:#fff;min-width:7rem}
.count b{display:block;font-size:1.6rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.5rem;
border-bottom:1px solid #e0e0e0}th{cursor:pointer;background:#f6f6f6;user-select:none}
th:after{content:" \\2195";color:#999}.pill{color:#fff;border-radius:999px;padding:.1rem .6rem;
font-size:.85rem;white-space:nowrap}.url{word-break:break-all}.where{color:#5f6368;font-size:.85rem}
details summary{cursor:pointer;color:#1a56db}ul{margin:.3rem 0;padding-left:1.2rem}
.note{background:#fff8e1;border:1px solid #f0c36d;padding:.6rem 1rem;border-radius:8px}
.teach{background:#f1f5fe;padding:.8rem 1rem;border-radius:8px;margin-top:2rem}
td:first-child{width:26%}
"""

_SORTER = """
document.querySelectorAll("th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.dataset.asc !== "1"; th.dataset.asc = asc ? "1" : "0";
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.key || a.cells[col].textContent;
      var y = b.cells[col].dataset.key || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? cmp : -cmp;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def render(
    rows: Sequence[dict[str, Any]], *, title: str = "Link check report", interrupted: bool = False
) -> str:
    """The whole report as one HTML string."""
    counts = Counter(_label(r) for r in rows)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='meta'>{len(rows)} links checked by crapdetect {escape(__version__)} on "
        f"{escape(clock.utcnow().strftime('%d %B %Y, %H:%M UTC'))}.</p>",
    ]
    if interrupted:
        parts.append(
            "<p class='note'>The check was interrupted: this report covers only the links "
            "finished so far. Run the command again with <code>--resume</code> to finish.</p>"
        )
    parts.append("<div class='counts'>")
    for label in LABELS:
        if counts.get(label):
            parts.append(
                f"<div class='count' style='background:{_COLOURS[label]}'>"
                f"<b>{counts[label]}</b>{escape(label)}</div>"
            )
    parts.append("</div>")
    parts.append(
        "<table><thead><tr><th>Link</th><th>Label</th><th>Score</th><th>Confidence</th>"
        "<th>Why</th></tr></thead><tbody>"
    )
    parts.extend(_row(r) for r in rows)
    parts.append("</tbody></table>")
    parts.append(_teaching())
    parts.append(f"<script>{_SORTER}</script></body></html>")
    return "\n".join(parts)


def _label(row: dict[str, Any]) -> str:
    return str(row.get("label")) if row.get("ok") else "error"


def _row(row: dict[str, Any]) -> str:
    label = _label(row)
    colour = _COLOURS.get(label, "#5f6368")
    link = escape(str(row.get("url") or row.get("input") or ""))
    where = escape(str(row.get("where", "")))
    duplicate = " (repeated)" if row.get("duplicate") else ""
    if not row.get("ok"):
        why = f"<p>{escape(str(row.get('error') or 'could not be checked'))}</p>"
        score, confidence = "", ""
    else:
        why = _reasons(row)
        score, confidence = str(row.get("score", "")), f"{float(row.get('confidence', 0)):.2f}"
    order = LABELS.index(label) if label in LABELS else len(LABELS)
    return (
        f"<tr><td><span class='url'>{link}</span><br><span class='where'>{where}{duplicate}</span></td>"
        f"<td data-key='{order}'><span class='pill' style='background:{colour}'>{escape(label)}</span></td>"
        f"<td>{escape(score)}</td><td>{escape(confidence)}</td><td>{why}</td></tr>"
    )


def _reasons(row: dict[str, Any]) -> str:
    items = []
    for signal in row.get("signals", ()):
        links = "".join(
            f"<li><a href='{escape(str(e['url']))}' rel='noopener noreferrer'>{escape(str(e['label']))}</a></li>"
            for e in signal.get("evidence", ())
            if str(e.get("url", "")).startswith(("http://", "https://"))
        )
        evidence = f"<ul>{links}</ul>" if links else ""
        items.append(
            f"<li><b>{escape(str(signal['name']).replace('_', ' '))}</b>: "
            f"{escape(str(signal['reason']))}{evidence}</li>"
        )
    return (
        f"<p>{escape(str(row.get('summary', '')))}</p>"
        f"<details><summary>Reasons and evidence</summary><ul>{''.join(items)}</ul></details>"
    )


def _teaching() -> str:
    return (
        "<div class='teach'><b>Check it yourself.</b> A score is a starting point, not a verdict. "
        "For any link that matters: find out who is behind the site (search for it elsewhere, "
        "not on the site itself), see what other sources say about the claim, and look for the "
        "original source of quotes, numbers and images.</div>"
    )
