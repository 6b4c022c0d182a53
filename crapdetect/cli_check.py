"""`crapdetect check`: one URL or a whole link list, with progress and readable reports."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from .batch.html_report import render
from .batch.inputs import FORMATS, Occurrence, detect_format, read_links
from .batch.rows import CsvWriter, JsonlWriter, done_inputs, read_rows, trim_partial_line
from .batch.runner import run_batch
from .errors import CrapDetectError

if TYPE_CHECKING:  # the checker loads models: imported only when a check runs
    from .checker import Checker

# After Ctrl-C, how long running checks get to end before the process exits anyway.
INTERRUPT_GRACE_S = 3.0


@click.command()
@click.argument("urls", nargs=-1)
@click.option(
    "--input",
    "-i",
    "input_file",
    type=click.File("r", encoding="utf-8"),
    help="A link list to check ('-' for stdin): text, CSV, HTML or Markdown.",
)
@click.option(
    "--input-format",
    type=click.Choice(FORMATS),
    default=None,
    help="How to read --input [default: from the file name; text for stdin].",
)
@click.option(
    "--column", default=None, help="CSV column (name or 1-based number) holding the links."
)
@click.option("--base-url", default=None, help="Resolve relative links against this URL.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "html", "table"]),
    default=None,
    help="jsonl (default on pipes), csv, html (a report), table (default on a terminal).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of standard output.",
)
@click.option(
    "--resume", is_flag=True, help="Skip links already in --output (jsonl or csv) and append."
)
@click.option(
    "--fetch-pages/--no-fetch-pages",
    default=None,
    help="Read each page for the text signal [default: yes for URL arguments, no for --input lists].",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def check(
    obj: Any,
    urls: tuple[str, ...],
    input_file: IO[str] | None,
    input_format: str | None,
    column: str | None,
    base_url: str | None,
    fmt: str | None,
    output: Path | None,
    resume: bool,
    fetch_pages: bool | None,
    quiet: bool,
) -> None:
    """Check URLs (arguments or --input) and print a verdict for each.

    Every link gets a row, including the ones that could not be checked (with the reason);
    a link that appears several times is checked once. Ctrl-C leaves valid partial output.
    Exit status 0, or 1 if any link could not be checked.
    """
    from .checker import Checker

    occurrences = [Occurrence(f"argument {i}", u, u) for i, u in enumerate(urls, start=1)]
    if input_file is not None:
        name = "" if input_file.name == "<stdin>" else input_file.name
        try:
            occurrences += read_links(
                input_file.read(),
                detect_format(name, input_format),
                base_url=base_url,
                column=column,
            )
        except CrapDetectError as exc:
            raise click.UsageError(exc.message) from None
    if not occurrences:
        raise click.UsageError(
            "Give URLs as arguments or a list with --input FILE (or - for stdin)"
        )
    fmt = fmt or ("table" if output is None and sys.stdout.isatty() else "jsonl")
    if resume and (output is None or fmt not in ("jsonl", "csv")):
        raise click.UsageError("--resume needs --output with --format jsonl or csv")
    if resume and output:
        trim_partial_line(output)
    skip = frozenset(done_inputs(output)) if resume and output else frozenset()
    checker = Checker(obj.settings())
    stream = _open(output, append=resume)
    writer = _writer(
        fmt, stream, header=not (resume and output and output.exists() and output.stat().st_size)
    )
    bar = _progress(len({o.url for o in occurrences if o.url and o.raw not in skip}), quiet)
    interrupted = False
    stop = threading.Event()
    try:
        fetch = fetch_pages if fetch_pages is not None else input_file is None
        with _ctrl_c_sets(stop):
            summary = run_batch(
                checker,
                occurrences,
                writer.write,
                fetch_pages=fetch,
                skip_inputs=skip,
                progress=bar.update,
                stop=stop,
            )
        interrupted = summary.stopped
    except KeyboardInterrupt:  # only if the handler could not be installed
        interrupted = True
    finally:
        bar.close()
        writer.close(interrupted=interrupted)
        if stream is not sys.stdout:
            stream.close()
        if not interrupted:
            checker.close()
    if interrupted:
        click.echo(
            "interrupted: the output holds every link finished so far; "
            "run again with --resume to finish",
            err=True,
        )
        _exit_interrupted(checker)
    if not quiet and sys.stderr.isatty():
        click.echo(summary.describe(), err=True)
    sys.exit(1 if summary.failed else 0)


@contextmanager
def _ctrl_c_sets(stop: threading.Event) -> Iterator[None]:
    """While inside, Ctrl-C sets ``stop`` (a second Ctrl-C exits at once).

    A flag instead of KeyboardInterrupt: an exception raised at an arbitrary point can leave a
    worker's lock held, and the process would hang instead of stopping.
    """

    def on_sigint(_signum: int, _frame: Any) -> None:
        if stop.is_set():
            os._exit(130)
        stop.set()

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread: leave Ctrl-C as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _exit_interrupted(checker: Checker) -> NoReturn:
    """Exit 130 soon after Ctrl-C, whatever a running check is waiting for.

    The output is complete on disk already; running checks get a few seconds to end so the
    stores close cleanly.
    """
    already = threading.Event()
    already.set()
    with _ctrl_c_sets(already):  # so another Ctrl-C while closing exits at once
        checker.close(timeout_s=INTERRUPT_GRACE_S)
    sys.stdout.flush()
    sys.stderr.flush()
    # Not sys.exit: the interpreter would wait, unbounded, for worker threads still running.
    os._exit(130)


def _open(output: Path | None, *, append: bool) -> IO[str]:
    if output is None:
        return sys.stdout
    output.parent.mkdir(parents=True, exist_ok=True)
    return output.open("a" if append else "w", encoding="utf-8", newline="")


class _Collect:
    """Rows for formats written at the end (html, table)."""

    def __init__(self, stream: IO[str], fmt: str) -> None:
        self.stream, self.fmt, self.rows = stream, fmt, []  # type: ignore[var-annotated]

    def write(self, row: dict[str, Any]) -> None:
        if self.fmt == "table":
            self.stream.write(table_text(row))
            self.stream.flush()
        else:
            self.rows.append(row)

    def close(self, *, interrupted: bool = False) -> None:
        if self.fmt == "html":
            self.stream.write(render(self.rows, interrupted=interrupted))
        self.stream.flush()


def _writer(fmt: str, stream: IO[str], *, header: bool) -> Any:
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream, header=header)
    return _Collect(stream, fmt)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(
        total=total, unit="url", file=sys.stderr, dynamic_ncols=True, desc="checking", smoothing=0.1
    )


def table_text(row: dict[str, Any]) -> str:
    """A verdict for people, with every reason and evidence link."""
    if not row["ok"]:
        return f"{row.get('input') or row.get('url')}\n  error: {row['error']}\n"
    lines = [
        f"{row['url']}",
        f"  {row['label'].upper()}  score {row['score']}/100  confidence {row['confidence']:.2f}",
        f"  {row['summary']}",
    ]
    for result in row["signals"]:
        points = f"{result['points']:+g}" if result["status"] == "ok" else "n/a"
        lines.append(f"  - {result['name']} [{result['status']}, {points}]: {result['reason']}")
        for evidence in result["evidence"]:
            lines.append(f"      {evidence['label']}: {evidence['url']}")
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--title", default="Link check report", show_default=True)
def report(results: Path, output: Path, title: str) -> None:
    """Render a JSON Lines result file (from `check --format jsonl`) as an HTML report."""
    rows = list(read_rows(results))
    output.write_text(render(rows, title=title), encoding="utf-8")
    click.echo(f"wrote {output}: {len(rows)} links")
