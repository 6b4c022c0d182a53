"""Getting a page's text: the SSRF-safe fetcher and the extractor."""
