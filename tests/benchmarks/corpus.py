"""Synthetic corpora for the benchmark: stories of five articles each, with varied
names, dates and figures, filler prose, and planted slips (a year, a figure)."""
from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = ["ash", "bran", "cal", "dun", "elm", "fen", "gar", "hol", "kes", "lin", "mar",
             "nor", "or", "pen", "quar", "ros", "stan", "tor", "wick", "wy", "brook", "ley"]
KINDS = ["Bridge", "Library", "Hospital", "Academy", "Stadium", "Museum", "Station", "Tunnel"]
FIRST = ["Anna", "Ben", "Clara", "David", "Esther", "Farid", "Grace", "Hugo", "Ines", "Jonah",
         "Kemi", "Leon", "Maya", "Niall", "Olga", "Priya", "Rhys", "Sana", "Tomas", "Una"]


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() + rng.choice(["", "s", "er", "ton"])
ROLES = ["chief executive", "council leader", "project director", "area manager"]
OUTLETS = ["Courier", "Gazette", "Herald", "Post", "Chronicle", "Echo", "Times", "Review"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FILLER = [
    "Residents said they had waited a long time for the news.",
    "Local businesses hope the change will bring more visitors to the area.",
    "The plans were discussed at a public meeting attended by dozens of people.",
    "Opposition councillors said questions remained about the timetable.",
    "Several community groups welcomed the announcement on social media.",
    "Critics argued that the money could have been spent elsewhere.",
    "A consultation on the next phase is expected to open later in the year.",
    "The site has a long history and is well known to people in the town.",
    "Traffic in the surrounding streets was busier than usual during the works.",
    "Officials promised to publish regular updates on progress.",
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()


def _story(rng: random.Random, index: int, base_year: int, used: set[str]) -> dict:
    place = _name(rng)
    tries = 0
    while place in used:  # one place, one story: a reused name would be one story too
        # a syllable more each 50 tries: three syllables give 10,648 names, fewer than the
        # 20,000 stories of 100,000 articles (smaller corpora are as they were)
        place = _name(rng) + "".join(rng.choice(SYLLABLES) for _ in range(1 + tries // 50))
        tries += 1
    used.add(place)
    return {
        "thing": f"{place} {rng.choice(KINDS)}",
        "closed": (base_year - rng.randint(1, 3), rng.randint(1, 12)),
        "opened": (base_year, rng.randint(1, 6)),
        "cost": rng.choice([4.5, 12, 18.5, 24, 36, 42.5, 60]),
        "jobs": rng.choice([40, 120, 250, 400, 1200]),
        "rate": (round(rng.uniform(40, 95), 1), base_year - 1),
        "person": (rng.choice(ROLES), f"{rng.choice(FIRST)} {_surname(rng)}"),
        "quote": f"This is a proud day for {place} and for everyone who worked on the project {index}.",
    }


def _article(rng: random.Random, story: dict, slip: str | None, published: tuple[int, int, int]) -> str:
    s = story
    closed_year, closed_month = s["closed"]
    if slip == "year":
        closed_year -= 1
    cost = s["cost"] * (1.5 if slip == "cost" else 1)
    rate, rate_year = s["rate"]
    if slip == "rate":
        rate = round(rate - 7.3, 1)
    role, person = s["person"]
    facts = [
        f"The {s['thing']} was closed in {MONTHS[closed_month - 1]} {closed_year} for repairs.",
        f"The {s['thing']} reopened in {MONTHS[s['opened'][1] - 1]} {s['opened'][0]}.",
        f"The project cost £{cost:g} million, the council said.",
        f"The scheme will create {s['jobs']:,} jobs over the next five years.",
        f"In {rate_year}, {rate}% of visitors rated the {s['thing']} as good or excellent.",
        f"{role.capitalize()} {person} said: \"{s['quote']}\"",
    ]
    chosen = rng.sample(facts, k=rng.randint(4, 6))
    slipped = {"year": 0, "cost": 2, "rate": 4}.get(slip)
    visible = slipped is not None and facts[slipped] in chosen
    body = []
    for fact in chosen:
        body.append(" ".join([fact, *rng.sample(FILLER, k=rng.randint(2, 4))]))
    return "\n\n".join(body), visible


def generate(folder: Path, articles: int, seed: int = 7, slips_out: dict | None = None) -> int:
    """Write `articles` sources into `folder`; returns the number of planted slips.
    `slips_out`, if given, receives article id → slip kind for the slips the text shows."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    slips = 0
    used: set[str] = set()
    for story_index in range(0, articles, 5):
        base_year = rng.randint(2015, 2025)
        story = _story(rng, story_index, base_year, used)
        for k in range(min(5, articles - story_index)):
            slip = rng.choice(["year", "cost", "rate"]) if rng.random() < 0.15 else None
            slips += slip is not None
            published = (base_year, rng.randint(7, 12), rng.randint(1, 28))
            outlet = f"{rng.choice(OUTLETS)} {story_index}-{k}"
            body, visible = _article(rng, story, slip, published)
            if visible and slips_out is not None:
                slips_out[f"a{story_index + k:05d}"] = slip
            text = (f"---\nid: a{story_index + k:05d}\ntitle: \"{story['thing']} news\"\noutlet: \"{outlet}\"\n"
                    f"published: {published[0]}-{published[1]:02d}-{published[2]:02d}\nkind: news\n---\n"
                    + body + "\n")
            (folder / f"a{story_index + k:05d}.md").write_text(text, encoding="utf-8")
    return slips
