"""A tiny hand-written corpus in the layout of ../shared/data, so training runs in seconds.

Every sentence here was written for these tests. Articles are assembled from the
sentence pools with a fixed seed, so the files are identical on every run.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

CLICKBAIT = [
    "You Won't Believe What This Dog Did Next",
    "17 Things Only People Who Love Pizza Will Understand",
    "This Is Why You Should Never Sleep With Your Phone",
    "Which Disney Princess Are You Based On Your Breakfast",
    "Here's What Happens When You Drink Water Every Morning",
    "23 Photos That Will Make You Feel Old",
    "This Mom Did Something Amazing And The Internet Loves Her",
    "You Need To See These Adorable Puppies Right Now",
    "We Tried The Weirdest Snacks And Here Is What Happened",
    "12 Reasons Why Your Cat Is Secretly Judging You",
    "Can You Guess Which Celebrity Owns This House",
    "This Guy's Reaction To His Surprise Party Is Everything",
    "Everyone Is Talking About This One Simple Kitchen Trick",
    "These 9 Tweets About Mondays Are Way Too Real",
    "What Your Favourite Colour Says About You",
    "You'll Never Guess What This Toddler Said To Her Dad",
    "The Most Satisfying Video You Will Watch Today",
    "Just 21 Pictures Of Cats Being Absolutely Ridiculous",
    "People Are Losing It Over This Tiny Hamster",
    "This Quiz Will Tell You Which City You Belong In",
    "15 Struggles Only Tall People Know",
    "You Have To Watch This Wedding Dance Until The End",
    "Here Are The Funniest Texts Parents Sent This Week",
    "This Teacher Found A Genius Way To Keep Kids Quiet",
    "Only A True Fan Can Pass This Movie Quiz",
    "Why Everyone Is Obsessed With This New Sandwich",
    "These Dogs Are Having A Better Weekend Than You",
    "11 Things That Happen When You Stop Eating Sugar",
    "Prepare To Cry At This Soldier's Homecoming",
    "This Is The Cutest Thing You Will See All Day",
]
NEWS = [
    "Parliament passes revised budget after late-night vote",
    "Central bank holds interest rates steady amid slowing growth",
    "Flooding forces evacuations in northern river towns",
    "Court rejects appeal over disputed election results",
    "Oil prices fall as supply concerns ease",
    "Minister resigns following procurement inquiry",
    "Researchers report progress on malaria vaccine trial",
    "City council approves new housing development plan",
    "Trade talks resume between the two neighbouring countries",
    "Unemployment rate edges down to lowest level in a decade",
    "Earthquake of magnitude 6.1 strikes off the coast",
    "Hospital workers begin three-day strike over pay",
    "Government announces review of rail franchise contracts",
    "Police arrest suspect after bank robbery downtown",
    "Wildfire contained after burning thousands of acres",
    "Senate committee delays vote on judicial nominee",
    "Exports rise for third consecutive quarter",
    "Regulator fines energy company over billing errors",
    "Prime minister meets union leaders to discuss reforms",
    "Drought threatens wheat harvest across the region",
    "Airline cancels flights as storm approaches",
    "Scientists map genome of endangered tortoise",
    "Local elections see record turnout in several districts",
    "Inquiry finds failures in emergency response",
    "Pharmaceutical firm recalls batch of blood pressure pills",
    "Bridge reopens after two years of repairs",
    "Factory output slows as demand weakens",
    "Opposition party elects new leader",
    "School funding formula to be revised next year",
    "Ceasefire talks stall over prisoner exchange",
]
FAKE_SENTENCES = [
    "SHOCKING! The mainstream media will never tell you the truth about this.",
    "Insiders say the elites have been hiding this secret for years!",
    "You won't believe what they are planning behind closed doors.",
    "Share this before they delete it and wake up your friends!",
    "The globalists do not want you to know what really happened.",
    "This is the biggest cover-up in history, and nobody is talking about it!",
    "Patriots everywhere are furious after the latest betrayal.",
    "A secret document proves everything we warned you about.",
    "They lied to you again, and now the proof is out!",
    "Doctors are stunned by this one weird trick that cures everything.",
]
REAL_SENTENCES = [
    "The committee said it would publish its findings later this month.",
    "Officials confirmed the figures in a statement on Tuesday.",
    "The report was based on interviews with more than two hundred residents.",
    "A spokesperson for the ministry declined to comment on the details.",
    "The measure passed by a margin of twelve votes after a lengthy debate.",
    "Analysts expect growth to slow slightly over the next two quarters.",
    "The agency said the review would examine contracts signed since 2019.",
    "Local authorities said repairs would begin once funding was approved.",
    "The study was published in a peer-reviewed journal and replicated twice.",
    "According to the court filing, the hearing will resume next week.",
]
SATIRE_SENTENCES = [
    "Area man bravely finishes entire salad while colleagues look on in awe.",
    "Local cat announces bid for mayor, promising more naps for all residents.",
    "Nation's dads unite to defend thermostat setting at sixty-eight degrees.",
    "Historians confirm that nobody has ever read the terms and conditions.",
    "Office printer declares independence, refuses to print anything ever again.",
    "Study finds ninety percent of meetings could have been a short email.",
]


def _articles(
    pool: list[str], titles: list[str], rng: random.Random, n: int
) -> list[tuple[str, str]]:
    return [(rng.choice(titles), " ".join(rng.sample(pool, 6))) for _ in range(n)]


def write_tiny_corpus(root: Path) -> Path:
    """Write the five files in the shared layout under ``root`` and return it."""
    rng = random.Random(7)

    def write(relative: str, header: list[str], rows: list[list[object]]) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    write(
        "clickbait_chakraborty2016/clickbait_chakraborty2016.csv",
        ["text", "label"],
        [[t, 1] for t in CLICKBAIT] + [[t, 0] for t in NEWS],
    )
    fake = _articles(FAKE_SENTENCES, CLICKBAIT, rng, 30)
    real = _articles(REAL_SENTENCES, NEWS, rng, 30)
    fnn_rows: list[list[object]] = []
    for i, (title, body) in enumerate(fake + real):
        label = "fake" if i < 30 else "real"
        subset = "buzzfeed" if i % 2 else "politifact"
        fnn_rows.append([f"T{i}", subset, label, title, body, f"http://x{i}.example/", "", "", ""])
    write(
        "fakenewsnet_v1_shu2017/fakenewsnet_v1.csv",
        ["id", "subset", "label", "title", "text", "url", "source", "publish_date", "authors"],
        fnn_rows,
    )
    liar = [
        ["train", f"{i}.json", "false", 1, rng.choice(FAKE_SENTENCES), "", "", "", "", "", ""]
        for i in range(25)
    ]
    liar += [
        ["train", f"{i}.json", "true", 0, rng.choice(REAL_SENTENCES), "", "", "", "", "", ""]
        for i in range(25, 50)
    ]
    write(
        "liar_wang2017/liar.csv",
        [
            "split",
            "id",
            "label",
            "binary_is_false",
            "statement",
            "subject",
            "speaker",
            "speaker_job",
            "state",
            "party",
            "context",
        ],
        liar,
    )
    golbeck = [
        [i, "fake", t, "", b, "", ""]
        for i, (t, b) in enumerate(_articles(FAKE_SENTENCES, CLICKBAIT, rng, 25))
    ]
    golbeck += [
        [i, "satire", t, "", b, "", ""]
        for i, (t, b) in enumerate(_articles(SATIRE_SENTENCES, NEWS, rng, 25), start=25)
    ]
    write(
        "fake_vs_satire_golbeck2018/fake_vs_satire.csv",
        ["article_number", "label", "title", "url", "text", "xlsx_label", "rebutting_url"],
        golbeck,
    )
    write(
        "fakenewsnet_v2_politifact_fake_only/politifact_fake_titles.csv",
        ["id", "news_url", "title", "label", "n_tweet_ids"],
        [[f"pf{i}", "", t, "fake", 1] for i, t in enumerate(CLICKBAIT[:20])],
    )
    low = [
        "patriotfreedomnews",
        "truthwarriordaily",
        "libertyeaglereport",
        "realtruthpatriot",
        "freedomfightertimes",
        "eaglepatriotpost",
        "truthuncensored",
        "patriotalarm",
        "wakeuptruthnews",
        "libertytruthdaily",
        "patriotnewsflash",
        "truthbombdaily",
    ]
    high = [
        "riversideherald",
        "northcountygazette",
        "valleytribune",
        "harbourchronicle",
        "lakesideherald",
        "citygazette",
        "countytribune",
        "westernchronicle",
        "easternherald",
        "southgazette",
        "metrotribune",
        "coastalchronicle",
    ]
    mbfc = [
        [f"{n}.com", f"{n}.com", n, "right", "low", "low-credibility", "", "", "", ""] for n in low
    ]
    mbfc += [
        [f"{n}.com", f"{n}.com", n, "center", "high", "high-credibility", "", "", "", ""]
        for n in high
    ]
    write(
        "mbfc_mediabiasfactcheck/mbfc_domains.csv",
        [
            "domain",
            "raw_domain",
            "name",
            "bias",
            "reporting",
            "credibility",
            "questionable",
            "traffic",
            "popularity",
            "mbfc_url",
        ],
        mbfc,
    )
    write(
        "opensources_zimdars/opensources_domains.csv",
        ["domain", "raw_domain", "type1", "type2", "type3", "all_types", "notes"],
        [[f"{n}.net", f"{n}.net", "fake", "", "", "fake", ""] for n in low]
        + [[f"{n}.net", f"{n}.net", "reliable", "", "", "reliable", ""] for n in high],
    )
    return root
