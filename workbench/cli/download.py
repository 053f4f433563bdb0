"""workbench download REPO_ID [--revision R] [--include PATTERN ...]"""

from __future__ import annotations

import sys

from workbench.core.i18n import translate


def register(sub) -> None:
    p = sub.add_parser("download", help=translate(
        "cli", "download a model from the Hugging Face Hub into the shared HF cache (resumes where it stopped, "
               "verifies every file)"))
    p.add_argument("repo_id", help=translate("cli", "organisation/name on the hub"))
    p.add_argument("--revision", default="main", help=translate("cli", "branch, tag or commit (default: main)"))
    p.add_argument("--include", nargs="+", metavar="PATTERN", help=translate(
        "cli", "only files matching these patterns, e.g. '*.safetensors' '*.json'"))
    p.add_argument("--quiet", action="store_true", help=translate("cli", "no progress bar"))
    p.set_defaults(func=cmd_download)


def cmd_download(args) -> int:
    from workbench.cli import terminal_progress
    from workbench.core import hub, settings
    from workbench.core.hub.download_queue import DownloadQueue, QueuedDownload
    from workbench.core.jobs import Log, Progress, Result
    from workbench.core.units import human_bytes, human_seconds

    offline = hub.is_offline(settings.load().settings.hf_offline)
    entry = QueuedDownload(args.repo_id.strip(), args.revision, args.include, state="running")
    queue = DownloadQueue()
    # Remembered so that the app offers to resume it if this process is killed.
    queue.put(entry)
    show = (lambda e: None) if args.quiet else terminal_progress("")
    outcome = None
    try:
        for event in hub.download(entry.repo_id, args.revision, args.include, offline=offline):
            if isinstance(event, hub.DownloadProgress):
                speed = f" {human_bytes(event.speed_bps)}/s" if event.speed_bps else ""
                eta = " " + translate("cli", "ETA {time}").format(time=human_seconds(event.eta_s)) \
                    if event.eta_s is not None else ""
                show(Progress(event.done, event.total, f"{event.message} {human_bytes(event.done)}/"
                                                       f"{human_bytes(event.total)}{speed}{eta}"))
            elif isinstance(event, Log):
                print(event.message, file=sys.stderr)
            elif isinstance(event, Result):
                outcome = event.value
    except BaseException as exc:
        entry.state, entry.message = "failed", str(exc)
        queue.put(entry)
        raise
    queue.remove(entry.key)
    resumed = translate("cli", ", {size} were already on disk").format(size=human_bytes(outcome.bytes_resumed)) \
        if outcome.bytes_resumed else ""
    print(translate("cli", "{n} files verified ({size} downloaded{resumed}).").format(
        n=len(outcome.files), size=human_bytes(outcome.bytes_fetched), resumed=resumed), file=sys.stderr)
    print(outcome.path)
    return 0
