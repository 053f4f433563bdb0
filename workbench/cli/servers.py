"""workbench servers add URL [--api-key-stdin] | list [--models] | remove URL  [--json]"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    p = sub.add_parser(
        "servers", help=translate("cli", "OpenAI-compatible servers whose models you can use (vLLM, llama.cpp's "
                                         "server, Ollama, LM Studio)"),
        description=translate("cli", "Remember a server by its base URL (e.g. http://localhost:8000 for vLLM, "
                                     "http://localhost:11434 for Ollama). An API key goes to the system keyring "
                                     "when there is one, else to a file only you can read; never into the settings. "
                                     "Then: workbench generate --server URL -m MODEL ..."))
    actions = p.add_subparsers(dest="action", required=True, metavar="add|list|remove")
    add = actions.add_parser("add", help=translate("cli", "add a server (its /v1/models is checked first)"))
    add.add_argument("url", help=translate("cli", "the server's base URL"))
    add.add_argument("--api-key-stdin", action="store_true",
                     help=translate("cli", "read the API key from standard input (keeps it out of the shell "
                                           "history)"))
    add.add_argument("--api-key", help=translate("cli", "the API key (visible to other users in the process list; "
                                                        "prefer --api-key-stdin)"))
    add.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    listing = actions.add_parser("list", help=translate("cli", "the servers added"))
    listing.add_argument("--models", action="store_true", help=translate("cli", "ask each server for its models"))
    listing.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    remove = actions.add_parser("remove", help=translate("cli", "forget a server and its key"))
    remove.add_argument("url", help=translate("cli", "the server's base URL"))
    remove.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    p.set_defaults(func=cmd_servers)


def cmd_servers(args) -> int:
    import sys

    from workbench.cli import CliError, print_json, warn
    from workbench.core.engines import remote
    from workbench.core.jobs import WorkbenchError

    if args.action == "add":
        key = args.api_key
        if args.api_key_stdin:
            if key:
                raise CliError(translate("core", "give the API key once: --api-key or --api-key-stdin"))
            key = sys.stdin.readline().strip()
        server, models = remote.add_server(args.url, key)
        if args.json:
            print_json({**server.to_json(), "models": models})
        else:
            print(translate("cli", "Added {url} ({n} model(s): {models}).").format(
                url=server.url, n=len(models), models=", ".join(models) or "-"))
        return 0
    if args.action == "remove":
        server = remote.remove_server(args.url)
        if args.json:
            print_json(server.to_json())
        else:
            print(translate("cli", "Removed {url}.").format(url=server.url))
        return 0
    rows = []
    for server in remote.list_servers():
        row = server.to_json()
        if args.models:
            try:
                row["models"] = remote.list_models(server.url, remote.api_key(server.url))
            except WorkbenchError as exc:
                row["models"], row["error"] = [], exc.message
                if not args.json:
                    warn(exc.message)
        rows.append(row)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(translate("cli", "No servers yet: workbench servers add URL"))
    for row in rows:
        key = translate("cli", "API key in the keyring") if row["key_store"] == "keyring" else \
            translate("cli", "API key in a private file") if row["key_store"] == "file" else \
            translate("cli", "no API key")
        models = ": " + ", ".join(row["models"]) if row.get("models") else ""
        print(f"{row['url']}  ({key}){models}")
    return 0
