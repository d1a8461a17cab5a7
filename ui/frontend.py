"""Streamlit's front end adjusted for a Finnish public-sector app: its own
fixed English texts in Finnish, the page's language, and text contrast.

Streamlit 1.67 has no setting for the language of its own texts: the hints
under text fields ("Press Enter to submit form", "Press Enter to apply"),
the file uploader ("Drag and drop a file here", "200MB per file", "Upload")
and the "Page not found" dialog are fixed English in its front end, and
the page says ``<html lang="en">`` whatever the app's language; a few
labels read by screen readers ("Link to heading", "Main menu") are English. Where the
Python API lets us, the app avoids them (labels and help texts are ours);
the rest is translated here in the browser: a small script, our own
static code with no user input, watches the page and replaces those exact
texts while the app is in Finnish, and sets ``<html lang>`` to the app's
language (WCAG 3.1.1, read by screen readers).

Contrast (WCAG 1.4.3, 4.5:1): Streamlit draws captions at 60 % opacity,
3.9:1 on white; ``STYLE`` raises them to 80 % (about 7:1). The primary
colour is set in ``.streamlit/config.toml`` (white on it 5.9:1, and the
selected segment's text on its tint over 4.5:1).
"""
from __future__ import annotations

import json

import streamlit as st

from simulator.i18n import label

from .session import lang

KEY = "frontend-fi"
STYLE = ("[data-testid='stCaptionContainer'] {opacity: 0.8;}"
         # five key-figure cards in a row at 1366 px: "345 105 €" fits without "…"
         "[data-testid='stMetricValue'] {font-size: clamp(1.25rem, 1.9vw, 2.25rem);}"
         # a long card title ("Pienin kassa 8/2026") wraps instead of ending in "…"
         "[data-testid='stMetricLabel'] * {white-space: normal !important; overflow: visible !important;"
         " text-overflow: clip !important;}"
         f".st-key-{KEY} {{display: none;}}")

# exact texts of Streamlit 1.67's front end -> Finnish
TEXTS = {
    "Press Enter to submit form": "Lähetä lomake painamalla Enter",
    "Press Enter to apply": "Hyväksy painamalla Enter",
    "Press Ctrl+Enter to submit form": "Lähetä lomake painamalla Ctrl+Enter",
    "Press ⌘+Enter to submit form": "Lähetä lomake painamalla ⌘+Enter",
    "Press Ctrl+Enter to apply": "Hyväksy painamalla Ctrl+Enter",
    "Press ⌘+Enter to apply": "Hyväksy painamalla ⌘+Enter",
    "Drag and drop a file here": "Vedä ja pudota tiedosto tähän",
    "Drag and drop files here": "Vedä ja pudota tiedostot tähän",
    "Upload": "Valitse tiedosto",
    "Browse files": "Valitse tiedosto",
    "Page not found": "Sivua ei löydy",
}
# Streamlit's own labels read by screen readers (aria-label) -> Finnish
ARIA = {
    "Link to heading": "Linkki tähän otsikkoon",
    "file upload": "Tiedoston valinta",
    "Main menu": "Päävalikko",
    "App pages": "Sovelluksen sivut",
    "Sidebar": "Sivupalkki",
    "Close": "Sulje",
    "Open": "Avaa",
    "Clear value": "Tyhjennä",
    "Stop script": "Pysäytä",
    "Running...": "Käynnissä…",
    "Notifications": "Ilmoitukset",
    "Scroll tabs left": "Vieritä välilehtiä vasemmalle",
    "Scroll tabs right": "Vieritä välilehtiä oikealle",
    "Previous page": "Edellinen sivu",
    "Next page": "Seuraava sivu",
}
# texts with a variable part: (regular expression, replacement)
PATTERNS = [
    (r"^(\d+(?:\.\d+)?)\s?(KB|MB|GB) per file", "enintään $1 $2 / tiedosto"),
    ((r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
      r"Running the app's main page\.$"), "Sivua /$1 ei ole. Sovellus avaa aloitussivun."),
    (r"^The page that you have requested does not seem to exist\. Running the app's main page\.$",
     "Pyydettyä sivua ei ole. Sovellus avaa aloitussivun."),
]
UNITS_FI = {"KB": "kt", "MB": "Mt", "GB": "Gt"}
# What Streamlit shows for an uncaught error when ``client.showErrorDetails`` is "none"
# (.streamlit/config.toml: no traceback, type or server path for visitors): it mentions
# Streamlit Cloud, so it is replaced by our own words in both languages (``ui.error.page``).
CRASH = ("This app has encountered an error. The original error message is redacted to prevent data leaks. "
         "Full error details have been recorded in the logs (if you're on Streamlit Cloud, click on "
         "'Manage app' in the lower right of your app).")

_SCRIPT = """<script>
(() => {
  const w = window, cfg = %s;
  w.__simLang = cfg.lang;
  document.documentElement.lang = cfg.lang;
  if (w.__simFi) { w.__simFi(document.body); return; }
  const pats = cfg.patterns.map(([re, to]) => [new RegExp(re), to]);
  const fix = (node) => {
    const fi = w.__simLang === "fi";
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType !== 3) continue;
      const text = n.nodeValue, key = text.trim();
      if (!key) continue;
      if (key === cfg.crash) { n.nodeValue = cfg.crashText[w.__simLang] || cfg.crashText.fi; continue; }
      if (!fi) continue;
      let out = cfg.texts[key];
      if (out === undefined) {
        for (const [re, to] of pats) {
          if (re.test(key)) { out = key.replace(re, to).replace(/ (KB|MB|GB) /, (m, u) => " " + cfg.units[u] + " "); break; }
        }
      }
      if (out !== undefined && out !== key) n.nodeValue = text.replace(key, out);
    }
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el || !fi) return;
    for (const a of [el, ...el.querySelectorAll("[aria-label]")]) {
      const to = cfg.aria[a.getAttribute("aria-label")];
      if (to !== undefined) a.setAttribute("aria-label", to);
    }
  };
  w.__simFi = fix;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData" || r.type === "attributes") fix(r.target.parentNode || r.target);
      else r.addedNodes.forEach((n) => fix(n.nodeType === 3 ? n.parentNode || n : n));
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true,
                          attributes: true, attributeFilter: ["aria-label"]});
  fix(document.body);
})();
</script>"""


def install() -> None:
    """The style, and the script in a hidden container (it takes no room on the page)."""
    cfg = {"lang": lang(), "texts": TEXTS, "aria": ARIA, "patterns": PATTERNS, "units": UNITS_FI,
           "crash": CRASH, "crashText": {lg: label("ui.error.page", lg) for lg in ("fi", "en")}}
    st.html(f"<style>{STYLE}</style>")
    with st.container(key=KEY):
        st.html(_SCRIPT % json.dumps(cfg, ensure_ascii=False), unsafe_allow_javascript=True)
