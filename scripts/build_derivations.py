#!/usr/bin/env python3
"""Build checker/data/derivations.tsv: English word derivation families from WordNet 3.0.

Development-time only. The checker reads the TSV; it never imports NLTK or WordNet.

    apt-get install -y wordnet-base          # WordNet 3.0 dict files in /usr/share/wordnet
    python -m venv /tmp/wnvenv && /tmp/wnvenv/bin/pip install nltk lemminflect==0.2.3
    /tmp/wnvenv/bin/python scripts/build_derivations.py          # writes the TSV, prints a report

A family groups base forms that name one concept in different wording
("evacuate", "evacuation", "evacuee"; "die", "death", "dead"). Output lines are
`word<TAB>representative`, sorted, one per word whose representative is not itself; the
representative of a family is its shortest noun (ties alphabetical). Inflections are left
out: the checker lemmatises with lemminflect before looking a word up.

Links (edges), all between single lowercase alphabetic words of 3+ letters, looked at
only in each word's first `--senses` senses per part of speech (default 3), which keeps
rare senses ("bank" = to build an embankment) from joining unrelated words:

  deriv   WordNet's derivationally-related-form pointers of noun/verb/adjective lemmas,
          less those between an abstract noun and a synonym's adjective ("neatness" -
          "tidy", "largeness" - "comprehensive": different first letters, -ness/-ity/
          -ency/-ancy), which chain unrelated families, and a few listed pairs.
  pert    pertainyms of adjectives ("electoral" -> "election"); an adjective whose
          pertainyms name two or more different words ("cardiopulmonary" -> heart, lung)
          gives no pertainym link, so compounds cannot chain unrelated families together.
  gloss   the derived word = the base word + a derivational suffix ("displace" +
          "ment", "evacu(ate)" + "ee", "valu(e)" + "ation") AND one of the derived word's
          first senses is defined with the base word ("evacuee: a person who has been
          evacuated ..."). Fills gaps in WordNet's pointers; the definition check keeps
          out look-alikes such as base/basement or depart/department.
  extra   a short hand-checked list of irregular pairs WordNet does not link
          (EXTRA_PAIRS below: lose/loss, sell/sale, dead/death, kill/die, ...).

WordNet's `causes`/`entails` verb pointers are not used: besides kill -> die they give
teach -> learn, trigger -> happen, feed -> eat, use -> apply, start -> begin, which would
merge different measures; kill -> die is in EXTRA_PAIRS instead.

Families are the connected components of this graph. A component bigger than
`--max-family` would be split by dropping its links between words that do not share
their first three letters (then it is left as it is and reported); with the rules above
none is that big.

If the file is bigger than `--max-bytes`, only words that lemminflect knows are written
(a proxy for common words); the graph is still built over all of WordNet.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "checker" / "data" / "derivations.tsv"

WORD = re.compile(r"^[a-z]{3,}$")

# Hand-checked irregular pairs with no WordNet derivation pointer in the first senses.
# Each is one concept measured in different words; both words must exist in WordNet.
EXTRA_PAIRS = [
    ("lose", "loss"), ("sell", "sale"), ("dead", "death"), ("kill", "die"),
    ("fly", "flight"), ("weigh", "weight"), ("choose", "choice"), ("prove", "proof"),
    ("live", "life"), ("grieve", "grief"), ("deep", "depth"), ("long", "length"),
    ("strong", "strength"), ("wide", "width"), ("high", "height"), ("shoot", "shot"),
    ("breathe", "breath"), ("lend", "loan"), ("serve", "service"),
    ("defend", "defense"), ("defend", "defence"), ("respond", "response"),
    ("receive", "receipt"), ("deceive", "deceit"), ("bear", "birth"),
]

# Derivation pointers WordNet gives between words of different stems that are noise:
# an abstract noun linked to a synonym's adjective ("largeness" - "comprehensive",
# "neatness" - "tidy", "useableness" - "serviceable") is dropped when the two words do
# not even share their first letter (die/death, judge/adjudicate, pope/papal are kept).
# BLOCKED_PAIRS: single links of any kind found wrong by reading the largest and the
# commonest families (live - liver is the organ's word too; civil - state).
ABSTRACT_ENDINGS = ("ness", "ity", "ency", "ancy")
BLOCKED_PAIRS = {("diligent", "industry"), ("allogeneic", "immunology"),
                 ("immunology", "xenogeneic"), ("live", "liver"), ("civil", "state")}

# "gloss" links: what the derived word adds to the base word's stem, and what the base
# word may lose from its end ("evacuate" -> "evacu" + "ee").
DERIVED_SUFFIXES = set(
    "ment ion ation ition tion sion ee eer er or ist al ial ure ance ence ancy ency ant ent "
    "ing age ity ness ism ive ative able ible ous ic ical y ery ry".split())
BASE_ENDINGS = {"", "e", "y", "ate", "ize", "ise", "ify"}

# WordNet 3.0 lexicographer files, in file-number order. Debian's wordnet-base package
# does not ship the `lexnames` file that NLTK's reader insists on, so it is written here.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food "
    "noun.group noun.location noun.motive noun.object noun.person noun.phenomenon "
    "noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape "
    "noun.state noun.substance noun.time verb.body verb.change verb.cognition "
    "verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative "
    "verb.weather adj.ppl").split()
LEX_CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}

EXAMPLES = [
    ("evacuated", "evacuate", "evacuation", "evacuee"), ("injure", "injury"),
    ("die", "death", "dead"), ("hospitalize", "hospitalization", "hospital"),
    ("value", "valuation"), ("lose", "loss"), ("pay", "payment"), ("kill", "killing"),
    ("deliver", "delivery"), ("elect", "election"), ("vote", "voter"), ("arrest",),
    ("grow", "growth"), ("sell", "sale"), ("destroy", "destruction"),
    ("displace", "displacement"), ("rescue", "rescuer"),
]


def open_wordnet(src: str):
    """NLTK's WordNetCorpusReader over a Debian-style WordNet 3.0 dict folder.

    Three obstacles, each worked around: NLTK (3.9+) refuses corpus roots outside its
    data path, so the folder is added to nltk.data.path; Debian has no `lexnames` file,
    and NLTK refuses symlinks that leave the corpus root, so the dict files are copied to
    a temporary folder with a `lexnames` file written beside them; and the reader wants
    to map synsets onto the default `wordnet` corpus (for the multilingual data), which
    is absent and not needed, so that mapping is switched off.
    """
    try:
        import nltk
        from nltk.corpus.reader.wordnet import WordNetCorpusReader
    except ImportError:
        sys.exit("needs nltk (development only): pip install nltk")

    class Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            return None

    if not os.path.isfile(os.path.join(src, "data.noun")):
        sys.exit(f"no WordNet dict files in {src} (apt-get install wordnet-base)")
    tmp = tempfile.mkdtemp(prefix="wordnet30-")
    for name in os.listdir(src):
        if os.path.isfile(os.path.join(src, name)):
            shutil.copyfile(os.path.join(src, name), os.path.join(tmp, name))
    if not os.path.exists(os.path.join(tmp, "lexnames")):
        with open(os.path.join(tmp, "lexnames"), "w") as fp:
            for i, name in enumerate(LEXNAMES):
                fp.write(f"{i:02d}\t{name}\t{LEX_CATEGORY[name.split('.')[0]]}\n")
    nltk.data.path.insert(0, os.path.realpath(tmp))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available"
        wn = Reader(tmp, None)
    if wn.get_version() != "3.0":
        sys.exit(f"expected WordNet 3.0, found {wn.get_version()}")
    return wn, tmp


def _pos(synset) -> str:
    return "a" if synset.pos() == "s" else synset.pos()


def _common_prefix(a: str, b: str) -> int:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return i


def is_suffix_derivation(derived: str, base: str) -> bool:
    """derived = base's stem + a derivational suffix, e.g. displacement/displace,
    evacuee/evacuate, valuation/value, stoppage/stop (doubled consonant)."""
    p = _common_prefix(derived, base)
    if p < 3:
        return False
    for q in range(p, max(2, p - 3), -1):
        added, dropped = derived[q:], base[q:]
        if dropped not in BASE_ENDINGS:
            continue
        if added in DERIVED_SUFFIXES:
            return True
        if len(added) > 1 and added[0] == derived[q - 1] and added[1:] in DERIVED_SUFFIXES:
            return True
    return False


def is_noise_derivation(a: str, b: str) -> bool:
    return a[0] != b[0] and (a.endswith(ABSTRACT_ENDINGS) or b.endswith(ABSTRACT_ENDINGS))


class Graph:
    def __init__(self):
        self.adj: dict[str, set[str]] = defaultdict(set)
        self.kind: dict[tuple[str, str], str] = {}

    def add(self, a: str, b: str, kind: str) -> None:
        if a == b or (min(a, b), max(a, b)) in BLOCKED_PAIRS:
            return
        key = (min(a, b), max(a, b))
        if key not in self.kind:
            self.kind[key] = kind
        self.adj[a].add(b)
        self.adj[b].add(a)

    def remove(self, a: str, b: str) -> None:
        self.adj[a].discard(b)
        self.adj[b].discard(a)
        self.kind.pop((min(a, b), max(a, b)), None)

    def components(self, nodes=None) -> list[list[str]]:
        seen: set[str] = set()
        out = []
        for start in sorted(nodes if nodes is not None else self.adj):
            if start in seen:
                continue
            seen.add(start)
            stack, comp = [start], []
            while stack:
                u = stack.pop()
                comp.append(u)
                for v in self.adj[u]:
                    if v not in seen:
                        seen.add(v)
                        stack.append(v)
            out.append(sorted(comp))
        return out


def build_graph(wn, senses: int):
    from lemminflect import getAllLemmas

    vocab = {pos: {w for w in wn.all_lemma_names(pos) if WORD.match(w)} for pos in "nva"}
    known = vocab["n"] | vocab["v"] | vocab["a"]
    g = Graph()
    dropped_compounds = []

    for pos in "nva":
        for w in sorted(vocab[pos]):
            lemmas = [l for s in wn.synsets(w, pos)[:senses] for l in s.lemmas() if l.name() == w]
            for lem in lemmas:
                for x in lem.derivationally_related_forms():
                    if (WORD.match(x.name()) and _pos(x.synset()) in "nva"
                            and not is_noise_derivation(w, x.name())):
                        g.add(w, x.name(), "deriv")
            if pos == "a":
                targets = {x.name() for lem in lemmas for x in lem.pertainyms()}
                targets = {t for t in targets if WORD.match(t) and t != w}
                if len(targets) == 1:
                    g.add(w, targets.pop(), "pert")
                elif len(targets) > 1:
                    dropped_compounds.append((w, sorted(targets)))

    # "gloss": suffix derivations whose definition names the base word.
    for pos in "na":
        for w in sorted(vocab[pos]):
            for s in wn.synsets(w, pos)[:senses]:
                if w not in {l.name() for l in s.lemmas()}:
                    continue
                for tok in set(re.findall(r"[a-z]+", s.definition().lower())):
                    forms = {tok} | {l for ls in getAllLemmas(tok).values() for l in ls}
                    for t in forms:
                        if (t != w and t in known and len(t) >= 3 and len(t) < len(w) + 2
                                and is_suffix_derivation(w, t) and t not in g.adj.get(w, ())):
                            g.add(w, t, "gloss")

    for a, b in EXTRA_PAIRS:
        missing = [x for x in (a, b) if x not in known]
        if missing:
            sys.exit(f"EXTRA_PAIRS: {missing} not in WordNet")
        g.add(a, b, "extra")
    return g, vocab, dropped_compounds


def split_big(g: Graph, max_family: int) -> list[list[str]]:
    comps = g.components()
    big = [c for c in comps if len(c) > max_family]
    for comp in big:
        members = set(comp)
        for u in comp:
            for v in list(g.adj[u]):
                if v in members and u < v and _common_prefix(u, v) < 3 and g.kind.get((u, v)) != "extra":
                    g.remove(u, v)
        print(f"split a family of {len(comp)} ({comp[:8]}...)", file=sys.stderr)
    return g.components() if big else comps


def representative(family: list[str], nouns: set[str]) -> str:
    pool = [w for w in family if w in nouns] or family
    return min(pool, key=lambda w: (len(w), w))


def assign(families, nouns, keep=None) -> dict[str, str]:
    rep = {}
    for fam in families:
        members = [w for w in fam if keep is None or keep(w)]
        if len(members) < 2:
            continue
        r = representative(members, nouns)
        for w in members:
            rep[w] = r
    return rep


def render(rep: dict[str, str], header: str) -> str:
    lines = [header] + [f"{w}\t{r}" for w, r in sorted(rep.items()) if w != r]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet-dir", default="/usr/share/wordnet")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--senses", type=int, default=3)
    ap.add_argument("--max-family", type=int, default=40)
    ap.add_argument("--max-bytes", type=int, default=600_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    wn, tmp = open_wordnet(args.wordnet_dir)
    try:
        g, vocab, dropped = build_graph(wn, args.senses)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    kinds = defaultdict(int)
    for k in g.kind.values():
        kinds[k] += 1
    print(f"links: {dict(kinds)}; adjectives with several pertainyms skipped: {len(dropped)}")

    families = split_big(g, args.max_family)
    families.sort(key=lambda c: (-len(c), c))
    nouns = vocab["n"]
    header = (f"# word<TAB>representative: derivation families from WordNet 3.0, built by "
              f"scripts/build_derivations.py (first {args.senses} senses; derivation, "
              f"pertainym, suffix+definition and hand-listed links)")
    rep = assign(families, nouns)
    text = render(rep, header)
    if len(text.encode()) > args.max_bytes:
        from lemminflect import getAllLemmas
        print(f"{len(text.encode())} bytes > {args.max_bytes}: keeping words lemminflect knows")
        header += "; words lemminflect knows"
        rep = assign(families, nouns, keep=lambda w: bool(getAllLemmas(w)))
        text = render(rep, header)
    Path(args.out).write_text(text)
    print(f"wrote {args.out}: {len(text.encode())} bytes, {text.count(chr(10)) - 1} entries")

    # Quality report.
    written = defaultdict(list)
    for w, r in rep.items():
        written[r].append(w)
    out_fams = sorted((sorted(v) for v in written.values()), key=lambda c: (-len(c), c))
    print("\nlargest 10 families (written):", [len(c) for c in out_fams[:10]])
    for c in out_fams[:10]:
        print(f"  {len(c):3d} {rep[c[0]]}: {' '.join(c)}")
    print("\nexamples:")
    from lemminflect import getAllLemmas
    for group in EXAMPLES:
        cells = []
        for w in group:
            base = w if w in rep else next(
                (l for ls in getAllLemmas(w).values() for l in ls if l in rep), w)
            cells.append(f"{w}->{rep.get(base, '(none)')}")
        print("  " + "  ".join(cells))
    print("  die/dice same family:", rep.get("die") is not None and rep.get("die") == rep.get("dice"))
    print("\n15 random families:")
    rnd = random.Random(args.seed)
    for c in rnd.sample(out_fams, min(15, len(out_fams))):
        print(f"  {rep[c[0]]}: {' '.join(c)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
