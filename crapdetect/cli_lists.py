"""``crapdetect lists``: import, update, show and remove bring-your-own credibility lists.

Registered in ``cli.py`` with ``cli.add_command(lists)``; settings come from the parent
group's ``Context`` (``ctx.obj.settings()``), so ``--setting LISTS_PATH …`` works here too.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from .config import ConfigError, load_settings
from .errors import CrapDetectError, InvalidURL
from .sources.importers import PARSERS, PUBLISHERS, ListFormatError, parse
from .sources.lists import ListInfo, ListStore, ParsedList
from .urls import parse_url

UPDATE_DEADLINE_S = 60.0
SKIPPED_SHOWN = 20  # enough to spot a pattern without flooding the terminal


def _settings(ctx: click.Context) -> dict[str, Any]:
    obj = ctx.obj
    if obj is not None and hasattr(obj, "settings"):
        return dict(obj.settings())
    try:  # run on its own (not under `crapdetect`): defaults, file and environment only
        return load_settings()
    except ConfigError as exc:
        raise click.UsageError(exc.message) from None


def _store(ctx: click.Context) -> ListStore:
    store = ListStore(_settings(ctx)["LISTS_PATH"])
    ctx.call_on_close(store.close)
    return store


@click.group(invoke_without_command=True)
@click.pass_context
def lists(ctx: click.Context) -> None:
    """Bring-your-own credibility lists and popularity rankings (none ship with crapdetect)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_lists)


@lists.command(name="list")
@click.pass_context
def list_lists(ctx: click.Context) -> None:
    """Table of imported lists with their provenance."""
    infos = _store(ctx).lists()
    if not infos:
        click.echo("No lists imported. Import one with `crapdetect lists import FORMAT FILE`.")
        return
    click.echo(f"{'name':<16} {'format':<12} {'entries':>8} {'ranked':>7} {'skipped':>7}  imported")
    for info in infos:
        click.echo(
            f"{info.name:<16} {info.format:<12} {info.entries:>8} {info.rankings:>7}"
            f" {info.skipped:>7}  {info.imported_at}"
        )
        click.echo(f"    {info.title} · licence: {info.licence} · source: {info.source}")
        click.echo(f"    sha256: {info.meta.get('sha256', '?')}")


@lists.command(name="import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(PARSERS)))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="List name [default: the publisher, or the file's name].")
@click.option("--license", "licence", default="unknown", show_default=True, help="Its licence.")
@click.option("--title", help="Shown in reasons [default: the publisher, or the name].")
@click.pass_context
def import_(
    ctx: click.Context,
    fmt: str,
    file: Path,
    name: str | None,
    licence: str,
    title: str | None,
) -> None:
    """Import FILE in FORMAT, replacing any list of the same name."""
    name = name or PUBLISHERS.get(fmt, (file.stem.lower(), ""))[0]
    try:
        parsed = parse(fmt, file, extra_suffixes=_extra_suffixes(_settings(ctx)))
    except CrapDetectError as exc:
        raise click.ClickException(exc.message) from None
    info = _store(ctx).import_list(
        name, fmt, licence, str(file.resolve()), parsed, title=title or _title(fmt, name)
    )
    _report(info, parsed)


@lists.command()
@click.pass_context
def update(ctx: click.Context) -> None:
    """Download and import every list in the LIST_SOURCES setting.

    A source that fails keeps its previous copy; exit status 1 if any failed.
    """
    settings = _settings(ctx)
    sources = settings["LIST_SOURCES"]
    if not sources:
        click.echo("LIST_SOURCES is empty: nothing to update (see docs/lists.md).")
        return
    store = _store(ctx)
    failed = 0
    for source in sources:
        try:
            info, parsed = _update_one(store, source, settings)
        except (CrapDetectError, ValueError, OSError) as exc:
            failed += 1
            label = source.get("name") if isinstance(source, dict) else source
            message = exc.message if isinstance(exc, CrapDetectError) else str(exc)
            click.echo(f"{label}: FAILED, previous copy kept: {message}", err=True)
            continue
        _report(info, parsed)
    if failed:
        click.echo(f"{failed} of {len(sources)} list(s) failed to update.", err=True)
        sys.exit(1)


def _update_one(
    store: ListStore, source: Any, settings: dict[str, Any]
) -> tuple[ListInfo, ParsedList]:
    from .http import get_capped

    if not isinstance(source, dict) or not all(source.get(k) for k in ("name", "format", "url")):
        raise ValueError(f"each LIST_SOURCES item needs name, format and url; got {source!r}")
    name, fmt, url = source["name"], source["format"], source["url"]
    response = get_capped(
        url,
        deadline=time.monotonic() + UPDATE_DEADLINE_S,
        max_bytes=settings["LIST_MAX_BYTES"],
        connect_timeout=settings["UPSTREAM_CONNECT_TIMEOUT_S"],
    )
    if response.status != 200:
        raise ValueError(f"{url} answered HTTP {response.status}")
    with tempfile.TemporaryDirectory(prefix="crapdetect-list-") as folder:
        path = Path(folder) / (Path(url.split("?")[0]).name or "list")
        path.write_bytes(response.body)
        try:
            parsed = parse(fmt, path, extra_suffixes=_extra_suffixes(settings))
        except ListFormatError as exc:
            raise ListFormatError(exc.message.replace(str(path), url)) from None
    if not parsed.entries and not parsed.ranking:
        # An error page served with 200 must not wipe a good list.
        raise ValueError(f"{url} gave no usable rows ({len(parsed.skipped)} skipped)")
    licence = str(source.get("license") or source.get("licence") or "unknown")
    title = source.get("title") or _title(fmt, name)
    return store.import_list(name, fmt, licence, url, parsed, title=title), parsed


@lists.command()
@click.argument("target", metavar="DOMAIN_OR_URL")
@click.pass_context
def show(ctx: click.Context, target: str) -> None:
    """Explain every list entry and ranking that applies to DOMAIN_OR_URL."""
    settings = _settings(ctx)
    try:
        parsed = parse_url(
            target,
            max_length=settings["MAX_URL_LENGTH"],
            extra_suffixes=_extra_suffixes(settings),
        )
    except InvalidURL as exc:
        raise click.UsageError(exc.message) from None
    store = _store(ctx)
    click.echo(f"{parsed.host}{parsed.path}  (registrable domain {parsed.domain})")
    matches = store.lookup(parsed.host, parsed.domain, parsed.path)
    if not matches:
        click.echo("  not on any imported list")
    for match in matches:
        click.echo(f"- {match.reason}")
        click.echo(f"    list {match.list_name} · licence {match.licence} · {match.imported_at}")
        click.echo(f"    matched {match.kind} {match.key!r}")
        if match.note:
            click.echo(f"    note: {match.note}")
        if match.extra:
            click.echo(f"    extra: {json.dumps(match.extra, ensure_ascii=False)}")
    ranked = store.rank(parsed.domain)
    click.echo(f"- {ranked.reason}" if ranked else "  not in any imported ranking")


@lists.command()
@click.argument("name")
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """Delete the imported list NAME."""
    if not _store(ctx).remove(name):
        raise click.ClickException(f"no list named {name!r}; see `crapdetect lists`")
    click.echo(f"removed {name}")


def _title(fmt: str, name: str) -> str:
    publisher = PUBLISHERS.get(fmt)
    return publisher[1] if publisher else name


def _report(info: ListInfo, parsed: ParsedList) -> None:
    counts = f"{info.entries} entries" if not info.rankings else f"{info.rankings} ranked domains"
    click.echo(
        f"{info.name}: imported {counts} from {info.source} "
        f"({info.format}, licence {info.licence}); {info.skipped} skipped"
    )
    for line in parsed.skipped[:SKIPPED_SHOWN]:
        click.echo(f"  {line.where}: {line.reason}" + (f" [{line.text}]" if line.text else ""))
    if info.skipped > SKIPPED_SHOWN:
        click.echo(f"  … and {info.skipped - SKIPPED_SHOWN} more")


def _extra_suffixes(settings: Mapping[str, Any]) -> frozenset[str]:
    """The EXTRA_PUBLIC_SUFFIXES setting: lists accept exactly the hosts checks accept."""
    return frozenset(settings["EXTRA_PUBLIC_SUFFIXES"])
