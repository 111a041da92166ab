"""Command line: a thin layer over `pipeline`. Exit status: 0 no new unresolved
conflict, 1 at least one, 2 usage or input error (and crashes, which must never
read as "conflicts found")."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, pipeline
from .errors import CheckerError
from .report import render
from .yamlio import write_atomic

CHECK_FORMATS = ["text", "json"]


class CheckerCLI(click.Group):
    def main(self, *args, **kwargs):  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except CheckerError as exc:
            click.echo(f"checker: error: {exc}", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("checker: aborted", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(2)
        except Exception as exc:  # a crash is exit 2, never 1
            click.echo(f"checker: internal error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


def sources_option(f):
    return click.option("--sources", "sources_dir", default="sources", show_default=True,
                        type=click.Path(path_type=Path, file_okay=False),
                        help="Folder of source articles (Markdown or text with front matter).")(f)


def _warn(result: pipeline.Run) -> None:
    for warning in result.warnings:
        click.echo(f"checker: warning: {warning}", err=True)


@click.group(cls=CheckerCLI)
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Find where sources reporting the same story disagree."""


@cli.command()
@sources_option
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
def check(sources_dir: Path, fmt: str, output: Path | None) -> int:
    """Run the whole pipeline and list the conflicts. Exit 1 if any is new and unresolved."""
    result = pipeline.run(pipeline.Project(sources_dir))
    _warn(result)
    report = pipeline.report(result)
    text = render(report, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    new_unresolved = [c for c in report.conflicts if c.new and c.status in ("open", "confirmed")]
    return 1 if new_unresolved else 0


@cli.command("report")
@sources_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the reports (default: reports/ beside the sources folder).")
def report_cmd(sources_dir: Path, out_dir: Path | None) -> int:
    """Write report.md, report.json and conflicts.csv."""
    project = pipeline.Project(sources_dir)
    result = pipeline.run(project)
    _warn(result)
    report = pipeline.report(result)
    out_dir = out_dir or project.reports_dir
    files = {"report.md": "markdown", "report.json": "json", "conflicts.csv": "csv"}
    rendered = {name: render(report, fmt) for name, fmt in files.items()}
    for name, text in rendered.items():
        write_atomic(out_dir / name, text)
    s = report.summary
    click.echo(f"{s.conflicts} conflicts ({s.new} new) from {s.claims} claims in {s.sources} "
               f"sources; wrote {', '.join(sorted(rendered))} to {out_dir}")
    return 0


@cli.command()
@sources_option
@click.option("--claims", "claims_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for claim files (default: claims/ beside the sources folder).")
def extract(sources_dir: Path, claims_dir: Path | None) -> int:
    """(Re)write one claims file per source, keeping claims a human edited or added."""
    project = pipeline.Project(sources_dir)
    if claims_dir is not None:
        project = pipeline.Project(sources_dir, claims_override=claims_dir)
    for source, count, kept in pipeline.write_claims(project):
        note = f" ({kept} kept from hand edits)" if kept else ""
        click.echo(f"{source.id}: {count} claims{note}")
    return 0


def main() -> None:
    cli.main(prog_name="checker")


if __name__ == "__main__":
    main()
