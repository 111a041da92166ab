"""Command line: a thin layer over `pipeline`. Exit status: 0 no new unresolved
conflict, 1 at least one, 2 usage or input error (and crashes, which must never
read as "conflicts found")."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click


from . import __version__, pipeline, verdicts
from .compare import majority_view
from .errors import CheckerError
from .report import html, render
from .yamlio import write_atomic

CHECK_FORMATS = ["text", "json", "sarif", "github", "junit"]
VERDICTS = ["confirmed", "false_positive", "accepted"]


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


def confidence_option(f):
    return click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
                        show_default=True,
                        help="Leave out conflicts whose confidence is below this.")(f)


def engine_options(f):
    f = click.option("--scheduler", metavar="ADDRESS",
                     help="With --engine dask: the Dask scheduler, e.g. tcp://host:8786 "
                          "(default: a cluster of this machine's cores).")(f)
    return click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                        show_default=True,
                        help="Run extraction and comparison on this machine, or on a Dask "
                             "cluster (pip install 'checker[dask]'); the output is the same.")(f)


@contextmanager
def _engine(name: str, scheduler: str | None):
    """The engine the options name, open for the length of the block (None: local)."""
    if name == "local":
        if scheduler:
            raise CheckerError("--scheduler is for --engine dask: add --engine dask, or leave it out")
        yield None
        return
    from .dask_engine import DaskEngine

    with DaskEngine(scheduler) as running:
        yield running


def _run(project: pipeline.Project, full: bool = False, engine=None) -> pipeline.Run:
    """The pipeline, with a progress bar on standard error when that is a terminal (and the
    progress within each large source)."""
    from .report.text import clean

    if not sys.stderr.isatty():
        return pipeline.run(project, full=full, engine=engine)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= 50:
            bar = click.progressbar(length=total, label="reading sources", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    def within(source, percent: int) -> None:  # a large source, read a tenth at a time
        click.echo(f"\rchecker: reading {clean(source.path)}: {percent}%", err=True, nl=percent == 100)

    try:
        return pipeline.run(project, progress=progress, full=full, within=within, engine=engine)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


ORPHANS_SHOWN = 5  # verdicts on conflicts that no longer exist, listed one by one


def _warn(result: pipeline.Run) -> None:
    from .report.text import clean

    orphans = 0
    for warning in result.warnings:
        if warning.endswith("names a conflict that no longer exists"):
            orphans += 1
            if orphans > ORPHANS_SHOWN:
                continue
        click.echo(f"checker: warning: {clean(warning)}", err=True)
    if orphans > ORPHANS_SHOWN:
        click.echo(f"checker: warning: … and {orphans - ORPHANS_SHOWN} more verdicts name conflicts "
                   "that no longer exist (they stay in the verdicts file)", err=True)


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
@click.option("--fail-on", type=click.Choice(["new", "unresolved", "none"]), default="new",
              show_default=True,
              help="Exit 1 on new unreviewed conflicts, on any unreviewed one, or never.")
@click.option("--fail-on-updates", is_flag=True,
              help="Count updates (a running figure revised by a later report) in the exit status too.")
@confidence_option
@engine_options
def check(sources_dir: Path, fmt: str, output: Path | None, fail_on: str,
          fail_on_updates: bool, min_confidence: float, engine: str, scheduler: str | None) -> int:
    """Run the whole pipeline and list the conflicts. Exit 1 if any is new and unresolved
    (updates, a later report revising a running figure, only with --fail-on-updates)."""
    with _engine(engine, scheduler) as running:
        result = _run(pipeline.Project(sources_dir), engine=running)
    _warn(result)
    report = pipeline.report(result, min_confidence)
    text = render(report, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    gated = [c for c in report.conflicts if fail_on_updates or c.kind != "update"]
    failing = {"new": [c for c in gated if c.new],
               "unresolved": [c for c in gated if c.status == "open"],
               "none": []}[fail_on]
    return 1 if failing else 0


@cli.command()
@sources_option
def baseline(sources_dir: Path) -> int:
    """Record today's conflicts as known, so that `check` fails only on new ones."""
    project = pipeline.Project(sources_dir)
    result = pipeline.run(project)
    _warn(result)
    verdicts.write_baseline(project.baseline_path, result.conflicts, result.lexicon)
    from .report.text import count

    click.echo(f"recorded {count(len(result.conflicts), 'conflict')} in {project.baseline_path}")
    return 0


@cli.command()
@sources_option
@click.argument("conflict_id")
@click.option("--verdict", type=click.Choice(VERDICTS), required=True,
              help="confirmed: a real discrepancy; false_positive; accepted: known and tolerated.")
@click.option("--correct", "correct", metavar="SOURCE_ID",
              help="With confirmed: the source that is right.")
@click.option("--value", metavar="TEXT", help="With confirmed: the correct value, in words.")
@click.option("--note", required=True, help="Why: what you checked (not blank).")
@click.option("--by", help="Who decided (default: $CHECKER_EDITOR, else git's user.name).")
@click.option("--force", is_flag=True, help="Replace a verdict another editor recorded without asking.")
def resolve(sources_dir: Path, conflict_id: str, verdict: str, correct: str | None,
            value: str | None, note: str, by: str | None, force: bool) -> int:
    """Record an editor's verdict on one conflict (an id or a unique prefix of one)."""
    from .report.text import clean

    if not note.strip():
        raise CheckerError("--note must say why: what you checked")
    project = pipeline.Project(sources_dir)
    result = pipeline.run(project)
    conflict = verdicts.find(result.conflicts, conflict_id)
    by = verdicts.editor(by, project.root)
    args = (project.verdicts_path, conflict, verdict, note, by, correct, value)
    try:
        verdicts.resolve(*args, force=force)
    except verdicts.Overwrite as exc:
        if not sys.stdin.isatty():  # a script: --force says it means it
            raise
        click.echo(clean(f"{conflict.id} ({conflict.topic}) already has a verdict by "
                         f"{exc.old.by or 'an unnamed editor'}: {exc.old.verdict}"
                         f"{f', {exc.old.note}' if exc.old.note else ''}"))
        if not click.confirm("Replace it? (the old verdict is kept in the file's history)", default=False):
            raise CheckerError("nothing recorded: the earlier verdict stays") from None
        verdicts.resolve(*args, force=True)
    click.echo(f"{conflict.id}: {verdict} ({clean(conflict.topic)})")
    return 0


@cli.command()
@sources_option
@click.option("--all", "show_all", is_flag=True, help="Also walk conflicts already reviewed.")
@click.option("--by", help="Who is reviewing (default: $CHECKER_EDITOR, else git's user.name).")
def review(sources_dir: Path, show_all: bool, by: str | None) -> int:
    """Walk the open conflicts one by one and record a verdict on each."""
    from .report.text import blank, clean, count, verdict_line

    project = pipeline.Project(sources_dir)
    result = pipeline.run(project)
    _warn(result)
    by = verdicts.editor(by, project.root)
    todo = [c for c in result.conflicts if show_all or c.status == "open"]
    todo.sort(key=lambda c: (not c.new, pipeline.SEVERITY_ORDER[c.severity], c.topic, c.id))
    texts = {s.id: s for s in result.sources}
    outlets = {s.id: s.meta.outlet or s.id for s in result.sources}
    recorded = 0
    for n, conflict in enumerate(todo, 1):
        click.echo(click.style(f"\n[{n}/{len(todo)}] {clean(conflict.topic)}", bold=True))
        click.echo(f"{conflict.id} · {conflict.kind} · {conflict.severity} · {conflict.status}"
                   f"{' · new' if conflict.new else ''}")
        click.echo(clean(conflict.explanation))
        click.echo(f"Majority view: {clean(majority_view(conflict, result.sources))}")
        if conflict.verdict:
            click.echo(f"Verdict: {clean(verdict_line(conflict, outlets))}")
        for i, claim in enumerate(conflict.claims, 1):
            source = texts[claim.source]
            published = source.meta.published.human() if source.meta.published else "undated"
            click.echo(clean(f"\n  {i}. {outlets[source.id]} ({published}), "
                             f"{source.path}:{claim.line} — {claim.value.human()}"))
            click.echo("     " + _in_context(blank(source.text), claim.start, claim.end))
        choice = click.prompt("\nVerdict: [c]onfirmed, [f]alse positive, [a]ccepted, [s]kip, [q]uit",
                              type=click.Choice(["c", "f", "a", "s", "q"]), show_choices=False)
        if choice == "q":
            break
        if choice == "s":
            continue
        old = conflict.verdict
        if old and old.by != by and not click.confirm(
                f"Replace the verdict by {clean(old.by or 'an unnamed editor')}? "
                "(it is kept in the file's history)", default=False):
            continue
        verdict = {"c": "confirmed", "f": "false_positive", "a": "accepted"}[choice]
        correct = value = None
        if verdict == "confirmed":
            pick = click.prompt("Which side is right? number, or Enter if not known", default="",
                                show_default=False)
            if pick.strip().isdigit() and 1 <= int(pick) <= len(conflict.claims):
                correct = conflict.claims[int(pick) - 1].source
            value = click.prompt("Correct value (Enter to skip)", default="", show_default=False) or None
        note = click.prompt("Note", default="", show_default=False)
        while verdict == "false_positive" and not note.strip():
            note = click.prompt("A false positive needs a note: why? what did you check")
        verdicts.resolve(project.verdicts_path, conflict, verdict, note, by, correct, value, force=True)
        recorded += 1
    click.echo(f"\nrecorded {count(recorded, 'verdict')} in {project.verdicts_path}")
    return 0


@cli.command()
@sources_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-remote", is_flag=True,
              help="Let --host be an address other machines can reach (there is no password).")
@click.option("--by", help="Who records verdicts from this page (default: $CHECKER_EDITOR, else git's user.name).")
def serve(sources_dir: Path, host: str, port: int, allow_remote: bool, by: str | None) -> int:
    """Serve the report with buttons to record verdicts (http://127.0.0.1:8000/)."""
    from .serve import create_app, is_loopback, listen

    remote = not is_loopback(host)
    if remote and not allow_remote:
        raise CheckerError(f"--host {host} is not this machine alone: anyone who can reach it could "
                           "read the sources and record verdicts, with no password; "
                           "add --allow-remote if that is what you want")
    project = pipeline.Project(sources_dir)
    pipeline.run(project)  # bad input: exit 2 now, not an error page later
    by = verdicts.editor(by, project.root)
    server = listen(host, port, create_app(project, by, host))
    if remote:
        click.echo(f"checker: WARNING: serving on {host}: anyone who can reach this machine can read "
                   "the sources and record verdicts; there is no password", err=True)
    click.echo(f"checker: serving {sources_dir} on http://{host}:{server.port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


@cli.command()
@sources_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--id", "source_id", help="The new source's id (one file only; default: outlet-date).")
@click.option("--title", help="Set or override the title.")
@click.option("--outlet", help="Set or override the outlet.")
@click.option("--author", help="Set or override the author.")
@click.option("--published", help="Set or override the publication date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--url", help="Set or override the URL.")
@click.option("--kind", type=click.Choice(["news", "report", "letter", "transcript", "press-release", "other"]),
              help="Set or override the kind of document.")
def add(sources_dir: Path, files: tuple[str, ...], source_id: str | None, **fields) -> int:
    """Bring articles (HTML, PDF, Markdown, text) into the sources folder with front matter."""
    from . import ingest
    from .sources import read_sources

    for given in files:  # as typed: Path would fold 'https://' into 'https:/'
        ingest.refuse_url(given)
    if source_id and len(files) > 1:
        raise CheckerError("--id names one source: give one file with it")
    existing = read_sources(sources_dir) if sources_dir.is_dir() and any(
        p.suffix.lower() in (".md", ".txt", ".markdown") for p in sources_dir.iterdir()) else []
    prepared = ingest.prepare([Path(f) for f in files], existing, {"id": source_id, **fields})
    sources_dir.mkdir(parents=True, exist_ok=True)
    for path, (new_id, _, item) in zip(ingest.write(sources_dir, prepared), prepared):
        click.echo(f"{item.path} → {path} (id {new_id})")
        for note in item.notes:
            click.echo(f"  note: {note}")
    return 0


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--verbose", "-v", is_flag=True, help="List the misses and the false alarms.")
def eval_cmd(gold_dir: Path, verbose: bool) -> int:
    """Precision and recall against labelled stories (folders with sources/ and gold.yaml)."""
    from .evaluate import evaluate, table

    result = evaluate(gold_dir)
    click.echo(table(result))
    click.echo(f"{result.stories} stories, {result.agreements} planted agreements")
    if verbose:
        for line in result.misses:
            click.echo(f"missed: {line}")
        for line in result.false_alarms:
            click.echo(f"false alarm: {line}")
    return 0


def _in_context(text: str, start: int, end: int, width: int = 120) -> str:
    """The claim's words highlighted, with some of the text around them."""
    before = text[max(0, start - width):start].split("\n")[-1]
    after = text[end:end + width].split("\n")[0]
    return (("…" if len(before) == width else "") + before
            + click.style(text[start:end], bold=True, underline=True)
            + after + ("…" if len(after) == width else ""))


@cli.command("report")
@sources_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the reports (default: reports/ beside the sources folder).")
@confidence_option
@engine_options
def report_cmd(sources_dir: Path, out_dir: Path | None, min_confidence: float, engine: str,
               scheduler: str | None) -> int:
    """Write report.md, report.html, report.json and conflicts.csv."""
    project = pipeline.Project(sources_dir)
    with _engine(engine, scheduler) as running:
        result = _run(project, full=True, engine=running)  # the HTML report draws every topic
    _warn(result)
    report = pipeline.report(result, min_confidence)
    out_dir = out_dir or project.reports_dir
    files = {"report.md": "markdown", "report.json": "json", "conflicts.csv": "csv"}
    rendered = {name: render(report, fmt) for name, fmt in files.items()}
    rendered["report.html"] = html.render(report, result.sources, pipeline.agreements(result))
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
