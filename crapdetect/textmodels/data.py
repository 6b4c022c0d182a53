"""Read the public training sets in place (they are never copied into the project).

Each loader returns a :class:`Dataset`: texts, binary labels, optional group
ids (near-duplicate clusters, so cross-validation never splits a story), and
the file's provenance (path, sha256, rows) for the model metadata.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path("../shared/data")
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies exceed the 128 KB default


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    rows: int
    licence: str


@dataclass
class Dataset:
    name: str
    titles: list[str]
    bodies: list[str]
    labels: list[int]  # 1 = clickbait / fake-style
    source: Source
    groups: list[int] = field(default_factory=list)
    subsets: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.labels)

    def where(self, keep: list[bool], name: str) -> Dataset:
        """A filtered copy (e.g. one publisher subset)."""
        pick = [i for i, k in enumerate(keep) if k]

        def sel(values: list) -> list:  # type: ignore[type-arg]
            return [values[i] for i in pick] if values else []

        return Dataset(
            name,
            sel(self.titles),
            sel(self.bodies),
            sel(self.labels),
            self.source,
            sel(self.groups),
            sel(self.subsets),
        )


def _read(path: Path) -> tuple[list[dict[str, str]], str]:
    raw = path.read_bytes()
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines(keepends=True)))
    return rows, hashlib.sha256(raw).hexdigest()


def _source(data_dir: Path, relative: str, rows: int, digest: str, licence: str) -> Source:
    return Source(relative, digest, rows, licence)


def load_clickbait(data_dir: Path) -> Dataset:
    """Chakraborty et al. 2016: 16k clickbait vs 16k news headlines (MIT)."""
    relative = "clickbait_chakraborty2016/clickbait_chakraborty2016.csv"
    rows, digest = _read(data_dir / relative)
    return Dataset(
        "clickbait_chakraborty2016",
        [r["text"] for r in rows],
        ["" for _ in rows],
        [int(r["label"]) for r in rows],
        _source(
            data_dir,
            relative,
            len(rows),
            digest,
            "MIT (Chakraborty, Paranjape, Kakarla, Ganguly 2016); cite ASONAM 2016",
        ),
    )


def load_fakenewsnet(data_dir: Path) -> Dataset:
    """FakeNewsNet v1 (BuzzFeed + PolitiFact subsets): 211 fake / 211 real articles."""
    relative = "fakenewsnet_v1_shu2017/fakenewsnet_v1.csv"
    rows, digest = _read(data_dir / relative)
    dataset = Dataset(
        "fakenewsnet_v1",
        [r["title"] or "" for r in rows],
        [r["text"] or "" for r in rows],
        [int(r["label"] == "fake") for r in rows],
        _source(
            data_dir, relative, len(rows), digest, "no licence stated; cite Shu et al. 2017 / 2019"
        ),
        subsets=[r["subset"] for r in rows],
    )
    dataset.groups = near_duplicate_groups(dataset.titles, dataset.bodies)
    return dataset


def load_liar(data_dir: Path) -> Dataset:
    """LIAR (Wang 2017): short political statements; false/barely-true/pants-fire = 1."""
    relative = "liar_wang2017/liar.csv"
    rows, digest = _read(data_dir / relative)
    return Dataset(
        "liar",
        [r["statement"] for r in rows],
        ["" for _ in rows],
        [int(r["binary_is_false"]) for r in rows],
        _source(
            data_dir,
            relative,
            len(rows),
            digest,
            "research use only (LIAR README); cite Wang, ACL 2017",
        ),
        subsets=[r["split"] for r in rows],
    )


def load_fake_vs_satire(data_dir: Path) -> Dataset:
    """Golbeck et al. 2018: fake (1) vs satire (0) articles."""
    relative = "fake_vs_satire_golbeck2018/fake_vs_satire.csv"
    rows, digest = _read(data_dir / relative)
    return Dataset(
        "fake_vs_satire_golbeck2018",
        [r["title"] or "" for r in rows],
        [r["text"] or "" for r in rows],
        [int(r["label"] == "fake") for r in rows],
        _source(
            data_dir,
            relative,
            len(rows),
            digest,
            "no licence stated; cite Golbeck et al., WebSci 2018",
        ),
    )


def load_politifact_fake_titles(data_dir: Path) -> Dataset:
    """FakeNewsNet v2, PolitiFact fake titles only (one class: all 1)."""
    relative = "fakenewsnet_v2_politifact_fake_only/politifact_fake_titles.csv"
    rows, digest = _read(data_dir / relative)
    return Dataset(
        "politifact_fake_titles",
        [r["title"] for r in rows],
        ["" for _ in rows],
        [1 for _ in rows],
        _source(
            data_dir,
            relative,
            len(rows),
            digest,
            "no licence stated; cite Shu et al., Big Data 2020",
        ),
    )


LOADERS: dict[str, Callable[[Path], Dataset]] = {
    "clickbait": load_clickbait,
    "fakenewsnet": load_fakenewsnet,
    "liar": load_liar,
    "fake_vs_satire": load_fake_vs_satire,
    "politifact_fake_titles": load_politifact_fake_titles,
}


def near_duplicate_groups(
    titles: list[str], bodies: list[str], threshold: float = 0.5
) -> list[int]:
    """Cluster ids joining items whose title or body TF-IDF cosine exceeds ``threshold``.

    FakeNewsNet carries several copies of some stories; without grouping,
    cross-validation would score memorised copies.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    parent = list(range(len(titles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for column in (titles, bodies):
        matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(column)
        similar = cosine_similarity(matrix) > threshold
        for i, j in zip(*similar.nonzero(), strict=True):
            if i < j and len(column[i]) > 20 and len(column[j]) > 20:
                parent[find(i)] = find(j)
    return [find(i) for i in range(len(titles))]
