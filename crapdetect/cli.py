"""The ``crapdetect`` command line: the same Checker as the API, without Flask."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import SETTINGS, ConfigError, load_settings, settings_markdown
from .errors import CrapDetectError, InvalidURL


class Context:
    def __init__(self, overrides: dict[str, Any]) -> None:
        self.overrides = overrides

    def settings(self) -> dict[str, Any]:
        try:
            return load_settings(self.overrides)
        except ConfigError as exc:
            raise click.UsageError(exc.message) from None


@click.group()
@click.version_option(__version__, prog_name="crapdetect")
@click.option(
    "--setting",
    "-s",
    "settings",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="Override a setting (see `crapdetect settings`).",
)
@click.pass_context
def cli(ctx: click.Context, settings: tuple[tuple[str, str], ...]) -> None:
    """Judge a link before trusting it: score, label and the reasons why."""
    ctx.obj = Context(dict(settings))


@cli.command()
@click.argument("domain")
@click.pass_obj
def domain(obj: Context, domain: str) -> None:
    """Show how DOMAIN's age is looked up: server, status, cache hit."""
    from .checker import Checker
    from .registry.service import Trace

    checker = Checker(obj.settings())
    try:
        parsed = checker.parse(domain)
        trace = Trace()
        age = checker.domain_ages.lookup(parsed.domain, parsed.suffix, trace=trace)
        click.echo(f"domain:    {parsed.domain}  (host {parsed.host}, suffix .{parsed.suffix})")
        rdap = checker.domain_ages.bootstrap.base_url_for(parsed.suffix)
        whois = checker.domain_ages.whois.server_for(parsed.suffix)
        click.echo(f"rdap:      {rdap or '-'}")
        click.echo(f"whois:     {':'.join(map(str, whois)) if whois else '-'}")
        click.echo(f"cache hit: {'yes' if trace.cache_hit else 'no'}")
        for step in trace.steps:
            click.echo(f"  · {step}")
        click.echo(json.dumps(age.to_dict(), indent=2))
    except InvalidURL as exc:
        raise click.UsageError(exc.message) from None
    finally:
        checker.close()


@cli.command()
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option("--host", default=None, help="Listen address [setting SERVE_HOST].")
@click.option("--port", type=int, default=None, help="Port [setting SERVE_PORT].")
@click.pass_obj
def serve(obj: Context, dev: bool, host: str | None, port: int | None) -> None:
    """Run the API (gunicorn by default)."""
    settings = obj.settings()
    host = host or settings["SERVE_HOST"]
    port = port or settings["SERVE_PORT"]
    if dev:
        from .app import create_app

        create_app(obj.overrides).run(host=host, port=port, debug=True)
        return
    from .server import run_gunicorn

    run_gunicorn(
        obj.overrides,
        host=host,
        port=port,
        workers=settings["SERVE_WORKERS"],
        threads=settings["SERVE_THREADS"],
    )


@cli.group(name="rdap-bootstrap")
def rdap_bootstrap() -> None:
    """Manage the RDAP bootstrap (which registry serves which TLD)."""


@rdap_bootstrap.command(name="update")
@click.argument("url", required=False)
@click.pass_obj
def rdap_bootstrap_update(obj: Context, url: str | None) -> None:
    """Download IANA's dns.json (or URL) into RDAP_BOOTSTRAP_PATH."""
    from .registry.bootstrap import download_bootstrap

    settings = obj.settings()
    source = url or settings["RDAP_BOOTSTRAP_URL"]
    try:
        info = download_bootstrap(source, settings["RDAP_BOOTSTRAP_PATH"])
    except CrapDetectError as exc:
        raise click.ClickException(f"{exc.message}; the previous snapshot is kept") from None
    click.echo(f"wrote {info['path']}: {info['tlds']} TLDs, published {info['publication']}")


@cli.command(name="settings")
@click.option("--markdown", is_flag=True, help="Print the README's settings table.")
def list_settings(markdown: bool) -> None:
    """List every setting with its default and help."""
    if markdown:
        click.echo(settings_markdown(), nl=False)
        return
    for setting in SETTINGS:
        click.echo(f"{setting.name} = {json.dumps(setting.default)}\n    {setting.help}")


@cli.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="Folder with the public datasets (read in place, never copied).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the models [default: the shipped models/].",
)
@click.option("--skip-eval", is_flag=True, help="Skip the cross-dataset evaluation (faster).")
def train(data_dir: Path, out_dir: Path | None, skip_eval: bool) -> None:
    """Train the headline and article models, write their metadata and MODEL_CARD.md."""
    from .textmodels import DEFAULT_DIR
    from .textmodels.build import build_models

    _require_data(data_dir)
    out_dir = out_dir or DEFAULT_DIR
    command = "crapdetect train" + (
        "" if data_dir == Path("../shared/data") else f" --data {data_dir}"
    )
    command += " --skip-eval" if skip_eval else ""
    metas = build_models(
        data_dir,
        out_dir,
        command=command,
        evaluate=not skip_eval,
        progress=lambda message: click.echo(f"· {message}", err=True),
    )
    for name, meta in metas.items():
        cv = meta.get("cv_metrics") or {}
        click.echo(
            f"{name}: {meta['rows']} rows, CV accuracy {cv.get('accuracy')}, "
            f"ROC-AUC {cv.get('roc_auc')}, ECE {cv.get('ece')} → {out_dir}"
        )


@cli.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="Folder with the public datasets.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate(data_dir: Path, as_json: bool) -> None:
    """Print in-domain (CV) and cross-dataset metrics: accuracy, macro-F1, ROC-AUC, ECE."""
    from .textmodels.evaluate import evaluate_all, format_report

    _require_data(data_dir)
    report = evaluate_all(data_dir, progress=lambda message: click.echo(f"· {message}", err=True))
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


def _require_data(data_dir: Path) -> None:
    if not (data_dir / "clickbait_chakraborty2016").is_dir():
        raise click.UsageError(
            f"{data_dir} does not hold the datasets (no clickbait_chakraborty2016/); "
            "pass --data with the folder described in the README"
        )


from .cli_check import check, report  # noqa: E402  (own modules; registered here)
from .cli_lists import lists  # noqa: E402

cli.add_command(check)
cli.add_command(report)
cli.add_command(lists)
