"""Synthetic archive of ONE long-running story, for tests/benchmarks/archive_bench.py.

An archive desk sweeping a story that ran for years: N reports (2 to 2,000 or more) of
real length (600-1,200 words) about the same invented subject -- the building of the
Marrowdale Valley line, a regional railway -- so every report shares every name. Each
report is published on a date between 2014 and 2025 and only states the facts known by
then (approval, start of works, tunnel, openings, costs, jobs, passengers, punctuality,
delays, compensation), in several phrasings, with quotes and template filler prose.

About a fifth of the reports are syndicated near-copies of an earlier report (the same
text with a few words changed, another outlet, a day or two later); half of those carry
`copy_of:` in the front matter. About one original in nine carries a planted slip (a
year or a figure changed in one fact sentence); copies of a slipped report inherit it.
Every slip is recorded so the benchmark can count how many the checker names.

All prose here is written for this benchmark; nothing is taken from any real article.
Deterministic: the same (size, seed) gives byte-identical files.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

LINE = "Marrowdale Valley line"
PARTNERSHIP = "Orland Rail Partnership"
CONTRACTOR = "Brackwell Hynes"
TUNNEL = "Pennick tunnel"
TOWNS = ["Wexmoor", "Stellbridge", "Ashcombe", "Pennick", "Lorrow", "Castle Fenning", "Hadley Moss"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

PEOPLE = {
    "oldacre": ("Miriam Oldacre", "chief executive of the Orland Rail Partnership"),
    "renfrew": ("Tobias Renfrew", "the regional transport minister"),
    "thornbury": ("Ravi Thornbury", "leader of Wexmoor council"),
    "quayle": ("Hester Quayle", "who chairs Friends of the Marrowdale Line"),
    "ferrier": ("Declan Ferrier", "a regional organiser for the rail union"),
    "hynes": ("Agnes Hynes", "managing director of Brackwell Hynes"),
}

QUOTES = [
    ("oldacre", "This railway will change what people in the valley believe is possible for them."),
    ("oldacre", "We have never hidden the difficulties, and we will keep telling people where we stand."),
    ("oldacre", "Every station on this line was designed with the town around it, not imposed on it."),
    ("renfrew", "The government stands behind this line and behind the communities it will serve."),
    ("renfrew", "Big projects test patience, but the valley has waited long enough for a proper railway."),
    ("thornbury", "Wexmoor has been cut off for too long, and this line puts us back on the map."),
    ("thornbury", "Our residents deserve straight answers about the disruption and about the bill."),
    ("quayle", "We campaigned for this railway when nobody in power would listen to us."),
    ("quayle", "The trains are full, which tells you everything about how badly the line was needed."),
    ("ferrier", "The men and women building this line deserve safe sites and fair pay."),
    ("ferrier", "Local apprentices have learned a trade on this project, and that matters."),
    ("hynes", "The ground under the valley surprised everyone, and we had to adapt our methods."),
    ("hynes", "Our crews have worked through some of the hardest winters on record."),
]

# The story's truth. kind: date facts have (year, month); figure facts a text value.
# `from` is the first publication month at which a report may state the fact.
# Each template uses {v}; date templates get {v} as "Month YYYY".
FACTS = {
    "approved": {"kind": "date", "value": (2014, 3), "from": (2014, 4), "slips": [2013, 2015], "templates": [
        "Ministers approved the {line} in {v} after more than a decade of campaigning.",
        "The {line} was approved in {v}, when ministers signed off the business case.",
        "Approval for the {line} came in {v}.",
    ]},
    "works_began": {"kind": "date", "value": (2016, 9), "from": (2016, 10), "slips": [2015, 2017], "templates": [
        "Construction of the {line} began in {v} at a site outside Wexmoor.",
        "Work on the {line} started in {v}.",
        "Building work on the {line} began in {v}, with the first crews clearing the old trackbed.",
    ]},
    "first_section": {"kind": "date", "value": (2019, 5), "from": (2019, 6), "slips": [2018, 2020], "templates": [
        "The first section of the {line}, between Wexmoor and Ashcombe, opened in {v}.",
        "Trains began running on the first section of the {line} in {v}.",
    ]},
    "tunnel": {"kind": "date", "value": (2020, 6), "from": (2020, 7), "slips": [2019, 2021], "templates": [
        "The {tunnel}, 3.2 kilometres long, was completed in {v}.",
        "Crews broke through the {tunnel} in {v}, the hardest engineering job on the route.",
    ]},
    "full_opening": {"kind": "date", "value": (2022, 11), "from": (2022, 12), "slips": [2021, 2023], "templates": [
        "The full {line} opened to passengers in {v}.",
        "The whole of the {line} opened in {v}, fourteen years after the first feasibility study.",
        "Passenger services along the full {line} began in {v}.",
    ]},
    "budget": {"kind": "figure", "value": "£1.2 billion", "from": (2014, 4), "slips": ["£2.1 billion"], "templates": [
        "The {line} was originally budgeted at {v}.",
        "When it was approved, the {line} had a budget of {v}.",
    ]},
    "final_cost": {"kind": "figure", "value": "£1.9 billion", "from": (2023, 3), "slips": ["£1.6 billion"], "templates": [
        "The final cost of the {line} was {v}, the partnership's accounts show.",
        "The {line} cost {v} to build.",
        "In the end the {line} cost {v}.",
    ]},
    "jobs": {"kind": "figure", "value": "3,400 jobs", "from": (2017, 1), "slips": ["4,300 jobs"], "templates": [
        "The construction of the {line} created {v} across the valley.",
        "At the height of construction, the {line} supported {v}.",
    ]},
    "compensation": {"kind": "figure", "value": "£42 million", "from": (2018, 2), "slips": ["£24 million"], "templates": [
        "Landowners along the route of the {line} were paid {v} in compensation.",
        "The partnership paid {v} in compensation to landowners along the {line}.",
    ]},
    "trains": {"kind": "figure", "value": "24 trains", "from": (2017, 6), "slips": ["42 trains"], "templates": [
        "The partnership ordered {v} for the {line} from a builder in the north.",
        "A fleet of {v} was ordered for the {line}.",
    ]},
    "stations": {"kind": "figure", "value": "11 stations", "from": (2014, 4), "slips": ["13 stations"], "templates": [
        "The {line} has {v} along its 48-kilometre route.",
        "There are {v} on the {line}, three of them in towns that lost their railway decades ago.",
    ]},
    "delay": {"kind": "figure", "value": "14 months", "from": (2021, 2), "slips": ["18 months"], "templates": [
        "The opening of the full {line} was delayed by {v} because of flooding in the {tunnel}.",
        "Flooding in the {tunnel} delayed the {line} by {v}.",
    ]},
    "passengers_2023": {"kind": "figure", "value": "7.8 million passengers", "from": (2024, 2), "year": 2023,
                        "slips": ["8.7 million passengers"], "templates": [
        "In 2023, {v} travelled on the {line}.",
        "The {line} carried {v} in 2023, its first full year.",
    ]},
    "passengers_2024": {"kind": "figure", "value": "8.6 million passengers", "from": (2025, 2), "year": 2024,
                        "slips": ["6.8 million passengers"], "templates": [
        "In 2024, {v} travelled on the {line}.",
        "The {line} carried {v} in 2024.",
    ]},
    "punctuality": {"kind": "figure", "value": "91.4%", "from": (2024, 2), "year": 2023,
                    "slips": ["94.1%"], "templates": [
        "In 2023, {v} of trains on the {line} arrived on time.",
        "Punctuality on the {line} reached {v} in 2023, the regulator said.",
    ]},
}

# Filler prose: sentence templates with slots, no figures and no dates.
SLOTS = {
    "town": TOWNS,
    "group": ["residents", "commuters", "shopkeepers", "parents", "farmers", "students",
              "pensioners", "local employers", "hoteliers", "campaigners"],
    "body": ["the partnership", "the council", "the contractor", "the regulator", "ministers",
             "the rail union", "the chamber of commerce", "the parish council"],
    "topic": ["the timetable", "the car parks", "the level crossings", "the noise from the sites",
              "the lorries on the lanes", "the fares", "the bus links", "the footpath diversions",
              "the station designs", "the cycle routes", "the drainage works", "the night working"],
    "feeling": ["cautiously optimistic", "frustrated", "relieved", "sceptical", "delighted",
                "uneasy", "hopeful", "impatient", "proud", "tired"],
    "place": ["the market square", "the old goods yard", "the river crossing", "the high street",
              "the village hall", "the school gates", "the industrial estate", "the canal towpath"],
    "verb": ["questioned", "welcomed", "criticised", "praised", "debated", "examined", "challenged"],
    "thing": ["the plans", "the latest update", "the revised programme", "the consultation",
              "the safety report", "the business case", "the design changes", "the funding deal"],
}
FILLER = [
    "Many {group} in {town} said they were {feeling} about what the railway would mean for them.",
    "At a meeting in {place} in {town}, {group} {verb} {thing} for most of the evening.",
    "{Body} said it would publish more detail on {topic} in due course.",
    "Some {group} complained about {topic}, which they said had been handled badly.",
    "Others pointed out that the valley had been without a proper railway for generations.",
    "{Body} {verb} {thing}, saying that questions about {topic} had not been answered.",
    "In {town}, {group} gathered near {place} to watch the work going on.",
    "The mood in {town} was described by one councillor as {feeling}.",
    "{Body} has promised to listen to {group} before any final decision on {topic}.",
    "Walkers who use {place} in {town} have been asked to follow signed diversions.",
    "A spokesperson for {body} declined to comment on {topic}.",
    "Local historians note that the old branch line through {town} closed long before most residents were born.",
    "Businesses near {place} say trade has changed as the works moved along the valley.",
    "{Group} in {town} told reporters they were {feeling} about {topic}.",
    "The debate over {topic} has run through the whole life of the project.",
    "Critics have long argued that the money could have been spent on roads and buses instead.",
    "Supporters reply that the valley's economy has been held back by poor connections.",
    "{Body} said lessons had been learned from earlier problems with {topic}.",
    "The works have reshaped the landscape around {place} in {town}.",
    "Several {group} said they would judge the railway by whether the trains turned up.",
    "An independent review of {thing} is expected to report later.",
    "Questions about {topic} were raised again when {body} met {group} in {town}.",
    "Visitors to {town} can see the new embankments from {place}.",
    "{Group} have formed a committee to keep pressure on {body} over {topic}.",
    "The project has outlasted several ministers and at least two changes of government.",
    "Engineers said the valley's soft clay and frequent flooding made every stage harder than planned.",
    "Some {group} said they still did not know how {topic} would affect their daily lives.",
    "{Body} {verb} {thing} in a statement issued on the same day.",
]
SYNONYMS = {"said": "stated", "complained": "grumbled", "residents": "locals", "argued": "claimed",
            "meeting": "gathering", "promised": "pledged", "reporters": "journalists",
            "questions": "doubts", "frustrated": "annoyed", "hardest": "toughest",
            "described": "characterised", "gathered": "assembled", "expected": "due"}
OUTLETS = ["Wexmoor Courier", "Valley Gazette", "Stellbridge Herald", "Ashcombe Post", "Northern Chronicle",
           "Regional Echo", "Rail Business Review", "County Times", "The Evening Signal", "Pennick Observer",
           "Lorrow Advertiser", "Midland Transport Weekly", "The Daily Register", "Fenning Mercury",
           "Hadley Moss Journal", "Infrastructure Today", "The Valley Voice", "Northern Wire Service"]
HEADLINES = ["{line}: {what}", "{what} on the {line}", "Inside the long fight over the {line}",
             "{line} — {what}", "What the {line} means for {town}"]
WHATS = ["the story so far", "a progress report", "the cost questions", "delays and promises",
         "a view from {town}", "counting the passengers", "the people who built it", "an anniversary look back"]


def _fill(rng: random.Random, template: str) -> str:
    def pick(m: re.Match) -> str:
        key = m.group(1)
        value = rng.choice(SLOTS[key.lower()])
        return value[0].upper() + value[1:] if key[0].isupper() else value
    return re.sub(r"\{(\w+)\}", pick, template)


def _fact_sentence(rng: random.Random, key: str, slip_year_or_value=None) -> tuple[str, str]:
    """The sentence stating fact `key`, and the value as written (slipped if asked)."""
    fact = FACTS[key]
    if fact["kind"] == "date":
        year, month = fact["value"]
        if slip_year_or_value is not None:
            year = slip_year_or_value
        written = f"{MONTHS[month - 1]} {year}"
    else:
        written = slip_year_or_value if slip_year_or_value is not None else fact["value"]
    template = rng.choice(fact["templates"])
    return template.format(line=LINE, tunnel=TUNNEL, v=written), written


def _paragraph(rng: random.Random, lead: str | None, k: tuple[int, int]) -> str:
    sentences = [_fill(rng, t) for t in rng.sample(FILLER, k=rng.randint(*k))]
    if lead:
        sentences.insert(rng.randint(0, 1), lead)
    return " ".join(sentences)


def _quote_paragraph(rng: random.Random) -> str:
    who, text = rng.choice(QUOTES)
    name, role = PEOPLE[who]
    form = rng.choice([f'"{text[:-1]}," said {name}, {role}.', f'{name}, {role}, said: "{text}"',
                       f'Speaking in {rng.choice(TOWNS)}, {name}, {role}, said: "{text}"'])
    return _paragraph(rng, form, (1, 3))


def _original(rng: random.Random, published: tuple[int, int, int], slip: bool) -> tuple[str, dict | None]:
    """Body text of an original report, and its slip record (or None)."""
    known = [k for k, f in FACTS.items() if f["from"] <= published[:2]]
    facts = rng.sample(known, k=min(len(known), rng.randint(4, 9)))
    slipped = rng.choice(facts) if slip else None
    target = rng.randint(600, 1200)
    record = None
    stated = {k for k in facts if k != slipped}
    blocks: list[str] = [_paragraph(rng, None, (3, 4))]
    for key in facts:
        if key == slipped:
            sentence, written = _fact_sentence(rng, key, rng.choice(FACTS[key]["slips"]))
            fact = FACTS[key]
            true = (f"{MONTHS[fact['value'][1] - 1]} {fact['value'][0]}" if fact["kind"] == "date"
                    else fact["value"])
            record = {"fact": key, "kind": "year" if fact["kind"] == "date" else "figure",
                      "true": true, "slipped": written, "sentence": sentence}
        else:
            sentence, _ = _fact_sentence(rng, key)
        blocks.append(_paragraph(rng, sentence, (2, 5)))
        if rng.random() < 0.35:
            blocks.append(_quote_paragraph(rng))
    words = sum(len(b.split()) for b in blocks)
    while words < target:  # pad with filler and quotes up to the report's length
        block = _quote_paragraph(rng) if rng.random() < 0.3 else _paragraph(rng, None, (3, 6))
        if words + len(block.split()) > 1200:
            break
        blocks.append(block)
        words += len(block.split())
    # keep the intro first, shuffle the middle a little so paragraphs do not always line up
    middle = blocks[1:]
    rng.shuffle(middle)
    return "\n\n".join([blocks[0], *middle]), record, stated


def _near_copy(rng: random.Random, body: str) -> str:
    """The same text with a few words changed (never a figure or a date)."""
    words = body.split(" ")
    spots = [i for i, w in enumerate(words) if w.strip(".,\"") in SYNONYMS]
    for i in rng.sample(spots, k=min(len(spots), rng.randint(2, 5))):
        bare = words[i].strip(".,\"")
        words[i] = words[i].replace(bare, SYNONYMS[bare])
    return " ".join(words)


def generate(folder: Path, size: int, seed: int = 11, slip_rate: float = 0.11,
             copy_rate: float = 0.2) -> dict:
    """Write `size` reports of the one story into `folder`.

    Returns {"slips": {id: record}, "copies": {id: original id}, "declared": set of ids
    with copy_of in the front matter, "checkable": slipped ids whose fact some report
    states with its true value}. A slip record is {fact, kind, true, slipped,
    sentence, inherited_from?}; copies of a slipped report carry the slip too."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    slips: dict[str, dict] = {}
    copies: dict[str, str] = {}
    declared: set[str] = set()
    originals: list[tuple[str, tuple[int, int, int], str, str]] = []  # id, date, title, body
    true_by: dict[str, set[str]] = {}  # fact -> reports stating its true value
    stated_by_id: dict[str, set[str]] = {}
    for n in range(size):
        aid = f"r{n:05d}"
        outlet = rng.choice(OUTLETS)
        copy_of = None
        force_slip = n == 1 and not slips  # even a two-report archive has one slip to find
        if originals and not force_slip and rng.random() < copy_rate:
            src_id, (y, m, d), title, src_body = rng.choice(originals)
            copy_of = src_id
            published = (y, m, min(28, d + rng.randint(0, 2)))
            body = _near_copy(rng, src_body)
            copies[aid] = src_id
            for key in stated_by_id[src_id]:
                true_by.setdefault(key, set()).add(aid)
            stated_by_id[aid] = stated_by_id[src_id]
            if src_id in slips:
                slips[aid] = {**slips[src_id], "inherited_from": src_id}
        else:
            published = (rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28))
            if published[:2] < (2014, 4):
                published = (2014, rng.randint(4, 12), published[2])
            body, record, stated = _original(rng, published, force_slip or rng.random() < slip_rate)
            stated_by_id[aid] = stated
            for key in stated:
                true_by.setdefault(key, set()).add(aid)
            if record:
                slips[aid] = record
            town = rng.choice(TOWNS)
            what = rng.choice(WHATS).format(town=town)
            title = rng.choice(HEADLINES).format(line=LINE, what=what, town=town)
            title = title[0].upper() + title[1:]
            originals.append((aid, published, title, body))
        front = [f"id: {aid}", f'title: "{title}"', f'outlet: "{outlet}"',
                 f"published: {published[0]}-{published[1]:02d}-{published[2]:02d}", "kind: news"]
        if copy_of and rng.random() < 0.5:
            front.append(f"copy_of: {copy_of}")
            declared.add(aid)
        (folder / f"{aid}.md").write_text("---\n" + "\n".join(front) + "\n---\n" + body + "\n",
                                          encoding="utf-8")
    # a slip is checkable when some report states that fact's true value
    checkable = {aid for aid, rec in slips.items() if true_by.get(rec["fact"])}
    return {"slips": slips, "copies": copies, "declared": declared, "checkable": checkable}


if __name__ == "__main__":  # python tests/benchmarks/archive_corpus.py DIR SIZE
    import sys
    out = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"{len(out['copies'])} copies ({len(out['declared'])} declared), {len(out['slips'])} slipped reports")
