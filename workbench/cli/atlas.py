"""workbench atlas: maps of many texts (up to millions): build one into a folder (embed in resumable chunks,
an approximate nearest-neighbour index, a PCA or t-SNE layout, named clusters), search it, describe it."""

from __future__ import annotations

from pathlib import Path

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options
    from workbench.core.atlas.build import PROJECTIONS
    from workbench.core.atlas.layout import TSNE_MAX_POINTS

    p = sub.add_parser("atlas", help=translate(
        "cli", "maps of many texts: build (resumable), search nearest texts, describe"))
    actions = p.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help=translate(
        "cli", "embed texts into a folder, index them, lay them out and cluster them; run again to continue"))
    build.add_argument("folder", type=Path, help=translate("cli", "the atlas folder (new, or one to continue)"))
    build.add_argument("--texts", type=Path, metavar="FILE",
                       help=translate("cli", "texts: a .txt (one per line) or a CSV/TSV/JSONL column (omit to continue)"))
    build.add_argument("--column", help=translate("cli", "the text column of a table"))
    build.add_argument("--label-column", help=translate("cli", "a column of labels to keep with each text"))
    build.add_argument("-m", "--model", default="all-minilm-l6-v2",
                       help=translate("cli", "the sentence-embedding model (default all-minilm-l6-v2)"))
    build.add_argument("--project", choices=PROJECTIONS, default="pca",
                       help=translate("cli", "how to place texts in 2D (default pca)"))
    build.add_argument("--max-points", type=int, default=TSNE_MAX_POINTS, metavar="N",
                       help=translate("cli", "t-SNE places at most N texts, a seeded sample beyond (default 100000)"))
    build.add_argument("--clusters", type=int, default=0, metavar="K",
                       help=translate("cli", "k-means clusters named by their words (default: none)"))
    build.add_argument("--seed", type=int, default=0, help=translate("cli", "seed of samples, t-SNE and k-means"))
    build.add_argument("--plan", action="store_true",
                       help=translate("cli", "only say how much disk and memory it needs"))
    search = actions.add_parser("search", help=translate("cli", "the texts nearest to a query, or to text number I"))
    search.add_argument("folder", type=Path)
    what = search.add_mutually_exclusive_group(required=True)
    what.add_argument("--query", help=translate("cli", "a text to embed and look up"))
    what.add_argument("--text", type=int, metavar="I", help=translate("cli", "the neighbours of text number I"))
    search.add_argument("-k", type=int, default=10, help=translate("cli", "how many (default 10)"))
    info = actions.add_parser("info", help=translate("cli", "what an atlas holds"))
    info.add_argument("folder", type=Path)
    # each action ends with --json (and the device options where it loads a model), in this order in its --help
    for parser, json_help, loads_model, func in (
            (build, translate("cli", "print one JSON document: {folder, texts, embedded, dim, layout, clusters, "
                                     "index, seconds}"), True, cmd_build),
            (search, translate("cli", "print one JSON document: {hits: [{index, text, score}], seconds}"), True,
             cmd_search),
            (info, translate("cli", "print atlas.json"), False, cmd_info)):
        parser.add_argument("--json", action="store_true", help=json_help)
        if loads_model:
            add_device_options(parser)
        parser.set_defaults(func=func)


def summary(atlas) -> dict:
    from workbench.core.atlas.ann import NeighbourIndex

    meta = atlas.meta
    index = NeighbourIndex.load(atlas.folder)
    return {"folder": str(atlas.folder), "texts": atlas.count, "embedded": atlas.embedded, "dim": meta.get("dim"),
            "model": meta.get("model"), "pooling": meta.get("pooling"), "layout": meta.get("layout"),
            "clusters": meta.get("clusters"), "seconds": meta.get("seconds", {}),
            "index": None if index is None else {"kind": index.kind, "nprobe": index.nprobe,
                                                 "recall_at_10": index.recall}}


def cmd_build(args) -> int:
    from workbench.cli import CliError, print_json, service_from_args, terminal_progress
    from workbench.core import atlas as M
    from workbench.core.embeddings.texts import read_texts

    if args.clusters < 0 or args.clusters == 1:
        raise CliError(translate("core", "--clusters must be 0 (none) or at least 2"))
    if args.max_points < 10:
        raise CliError(translate("core", "--max-points must be at least 10"))
    texts = labels = None
    if args.texts is not None:
        read = read_texts(args.texts, args.column, args.label_column)
        texts, labels = read.texts, read.labels
    elif not (args.folder / "atlas.json").exists():
        raise CliError(translate("core", "{folder} holds no atlas yet: give --texts FILE to start one").format(
            folder=args.folder))
    if args.plan:
        from workbench.core.atlas.build import model_dim

        count = len(texts) if texts is not None else M.open_atlas(args.folder).count
        plan = M.plan_atlas(count, model_dim(service_from_args(args).library, args.model), args.project,
                            args.max_points)
        print_json(plan.to_json()) if args.json else print(plan.describe())
        return 0
    service = service_from_args(args)
    atlas = M.build_atlas(service, args.model, args.folder, texts, labels, args.project, args.clusters,
                          args.max_points, args.seed, source=str(args.texts or ""),
                          progress=terminal_progress("atlas "))
    if args.json:
        print_json(summary(atlas))
    else:
        print(translate("cli", "{n} texts in {folder}").format(n=f"{atlas.count:,}", folder=atlas.folder))
    return 0


def cmd_search(args) -> int:
    import time

    import numpy as np

    from workbench.cli import CliError, print_json, service_from_args
    from workbench.core import atlas as M

    atlas = M.open_atlas(args.folder)
    index = M.NeighbourIndex.load(atlas.folder)
    if index is None or not atlas.complete:
        raise CliError(translate("core", "This atlas is not finished: run workbench atlas build {folder}").format(
            folder=args.folder))
    t0 = time.perf_counter()
    if args.text is not None:
        if not 0 <= args.text < atlas.count:
            raise CliError(translate("core", "--text must be between 0 and {top}").format(top=atlas.count - 1))
        hits = index.neighbours_of(atlas.vectors(), args.text, args.k)
    else:
        from workbench.core.embeddings.sentences import embed_texts

        service = service_from_args(args)
        handle = service.load(atlas.meta["model"])
        with service.use(handle):
            query = embed_texts(handle, [args.query], "auto").vectors
        ids, scores = index.search(np.asarray(query), args.k)
        hits = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
    texts = atlas.texts([i for i, _ in hits])
    seconds = time.perf_counter() - t0
    if args.json:
        print_json({"hits": [{"index": i, "text": t, "score": round(s, 5)} for (i, s), t in zip(hits, texts)],
                    "seconds": round(seconds, 4)})
    else:
        for (i, s), t in zip(hits, texts):
            print(f"{s:.3f}  #{i}  {t}")
    return 0


def cmd_info(args) -> int:
    from workbench.cli import print_fields
    from workbench.core import atlas as M

    print_fields(summary(M.open_atlas(args.folder)), args.json)
    return 0
