"""crapdetect: score a link's credibility and explain why."""

__version__ = "0.1.0"
