"""workbench embed: word neighbours and analogies from the input embedding matrix (or static word vectors),
sentence maps, one word's similarity across contexts, layer by layer, and static word vectors trained
(Word2Vec, GloVe) or imported (the Embeddings tab, headless)."""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options
    from workbench.core.embeddings import POOLINGS, PROJECTIONS

    from workbench.core.embeddings.static import METHODS, SEGMENTS

    # The choice of what to compute is one long group, which argparse would print on one line: wrapped by hand.
    usage = ("%(prog)s [-h] [-m MODEL] [--neighbours WORD | --analogy A B C |\n"
             "                   --contexts WORD | --train {word2vec,glove} |\n"
             "                   --load-vectors FILE | --cooccurrence WORDS]\n"
             "                   [--texts FILE] [options]")
    p = sub.add_parser("embed", usage=usage, help=translate(
        "cli", "word neighbours and analogies, sentence maps, a word across contexts, word vectors"),
        description=translate(
            "cli", "Train static word vectors: --train word2vec|glove --data FILE --name NAME --json prints "
                   "{model_path, name, vocab_size, dim, seconds, method, losses}; --load-vectors FILE --name NAME "
                   "imports word2vec (text or binary) or GloVe text. Then -m NAME --neighbours WORD, --analogy A B "
                   "C and --texts FILE work on them as on any model. --cooccurrence 'w1,w2,...' --data FILE prints "
                   "{words, counts, weighted} (weighted: each pair counted 1/distance, what GloVe fits)."))
    p.add_argument("-m", "--model",
                   help=translate("cli", "short name, store name, hub id in the cache, or a path"))
    what = p.add_mutually_exclusive_group()
    what.add_argument("--neighbours", metavar="WORD",
                      help=translate("cli", "the tokens nearest to WORD in the input embeddings"))
    what.add_argument("--analogy", nargs=3, metavar=("A", "B", "C"),
                      help=translate("cli", "the tokens nearest to A - B + C"))
    what.add_argument("--contexts", metavar="WORD",
                      help=translate("cli", "WORD's similarity between the sentences of --texts at every layer"))
    what.add_argument("--train", choices=METHODS,
                      help=translate("cli", "train static word vectors on --data and save them as --name"))
    what.add_argument("--load-vectors", type=Path, metavar="FILE",
                      help=translate("cli", "import word2vec (text or binary) or GloVe text vectors as --name"))
    what.add_argument("--cooccurrence", metavar="WORDS",
                      help=translate("cli", "co-occurrence counts of these words (comma-separated) in --data"))
    p.add_argument("--data", type=Path, metavar="FILE",
                   help=translate("cli", "training text: a .txt (a sentence per line) or a CSV/TSV/JSONL column"))
    p.add_argument("--name", help=translate("cli", "the library name of trained or imported vectors"))
    p.add_argument("--dim", type=int, default=100, help=translate("cli", "vector size (default 100)"))
    p.add_argument("--window", type=int, default=5,
                   help=translate("cli", "context words on each side (default 5)"))
    p.add_argument("--min-count", type=int, default=5,
                   help=translate("cli", "leave out words seen fewer times (default 5)"))
    p.add_argument("--epochs", type=int, default=5,
                   help=translate("cli", "passes over the text (default 5; GloVe usually needs 15 or more)"))
    p.add_argument("--sg", action="store_true", help=translate("cli", "word2vec: skip-gram (default CBOW)"))
    p.add_argument("--segment", choices=SEGMENTS, default="words",
                   help=translate("cli", "Chinese text: words (jieba) or single characters (default words)"))
    p.add_argument("-k", type=int, default=10, help=translate("cli", "how many neighbours (default 10)"))
    p.add_argument("--texts", type=Path, metavar="FILE",
                   help=translate("cli", "texts to map: a .txt (one per line) or a CSV/TSV/JSONL column"))
    p.add_argument("--column", help=translate(
        "cli", "the text column of a table (default: text/sentence/document/content, else the first)"))
    p.add_argument("--label-column", help=translate("cli", "a column of labels to keep with each text"))
    p.add_argument("--project", choices=PROJECTIONS, default="pca",
                   help=translate("cli", "how to place texts in 2D (default pca)"))
    p.add_argument("--clusters", type=int, default=0, metavar="K",
                   help=translate("cli", "k-means clusters (default: none)"))
    p.add_argument("--pooling", choices=POOLINGS, default="auto",
                   help=translate("cli", "how token vectors become one (default auto: the model's own, else mean)"))
    p.add_argument("--seed", type=int, default=0,
                   help=translate("cli", "seed of t-SNE, k-means and word-vector training (default 0)"))
    p.add_argument("--out", type=Path, metavar="FILE",
                   help=translate("cli", "write the vectors: .npz (vectors, texts, labels, xy) or .csv"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print one JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_embed)


def cmd_embed(args) -> int:
    from workbench.cli import CliError, note_line, pad, print_json, service_from_args, terminal_progress, width
    from workbench.core import embeddings as E

    if args.train or args.load_vectors or args.cooccurrence:
        return _word_vectors(args)
    if not args.model:
        raise CliError(translate("core", "say which model: -m MODEL (or --train / --load-vectors to make word "
                                         "vectors)"))
    if args.k < 1:
        raise CliError(translate("core", "-k must be at least 1"))
    if args.clusters < 0:
        raise CliError(translate("core", "--clusters must be 0 (none) or at least 2"))
    if args.out is not None and args.out.suffix.lower() not in (".npz", ".csv"):
        raise CliError(translate("core", "--out must end in .npz or .csv"))
    if args.contexts is None and args.neighbours is None and args.analogy is None and args.texts is None:
        raise CliError(translate("core", "say what to compute: --neighbours WORD, --analogy A B C, --texts FILE or "
                                         "--contexts WORD --texts FILE"))
    if args.contexts is not None and args.texts is None:
        raise CliError(translate("core", "--contexts needs --texts FILE: the sentences that contain the word, one per "
                                         "line"))
    service = service_from_args(args)
    progress = terminal_progress("embed ")

    if args.neighbours is not None or args.analogy is not None:
        mode, words = ("neighbours", [args.neighbours]) if args.neighbours is not None else ("analogy", args.analogy)
        result = E.run_words(service, args.model, mode, words, args.k, progress=progress)
        if args.out:
            E.save_words(result, args.out)
        if args.json:
            value = {"neighbours": [n.to_json() for n in result.neighbours]}
            if mode == "neighbours":
                value = {"word": result.query, "pieces": result.words[0].pieces, **value}
            else:
                value = {"query": result.query, **value}
            print_json(value)
        else:
            for note in result.notes:
                print(note_line(note))
            print(result.query)
            for rank, n in enumerate(result.neighbours, 1):
                print(f"{rank:>3}. {n.score:+.4f}  {n.label}  (id {n.id})")
        return 0

    texts = E.read_texts(args.texts, args.column, args.label_column)
    if args.contexts is not None:
        result = E.run_contexts(service, args.model, args.contexts, texts.texts, progress=progress)
        if args.out:
            E.save_contexts(result, args.out)
        if args.json:
            print_json(result.to_json())
        else:
            names = result.layer_names()
            pairs = [(a, b) for a in range(len(result.texts)) for b in range(a + 1, len(result.texts))]
            print(translate("cli", "'{word}' in {n} sentences; cosine between each pair, layer by layer").format(
                word=result.word, n=len(result.texts)))
            column = max([12] + [width(name) for name in names])
            print(pad(translate("cli", "layer"), column) + " " + " ".join(f"{a + 1}-{b + 1:<5}" for a, b in pairs))
            for layer in range(result.layers):
                print(pad(names[layer], column) + " "
                      + " ".join(f"{result.similarity[layer, a, b]:<7.3f}" for a, b in pairs))
        return 0

    result = E.build_map(service, args.model, texts.texts, texts.labels, args.pooling, args.project, args.clusters,
                         args.seed, progress=progress)
    if args.out:
        E.save_map(result, args.out)
    if args.json:
        print_json(result.to_json())
    else:
        for note in texts.notes + result.notes:
            print(note_line(note))
        print(translate("cli", "{n} texts, pooling: {pooling}").format(n=len(result.texts),
                                                                       pooling=result.pooling.describe()))
        if result.projection.explained_variance:
            a, b = result.projection.explained_variance
            print(translate("cli", "PCA explains {a:.1%} + {b:.1%} of the variance").format(a=a, b=b))
        for i, text in enumerate(result.texts):
            x, y = result.projection.xy[i]
            extra = f" [{result.labels[i]}]" if result.labels is not None else ""
            if result.clusters is not None:
                extra += " " + translate("cli", "cluster {n}").format(n=result.clusters[i])
            nearest = translate("cli", "nearest {n}").format(n=result.neighbour[i])
            print(f"{i:>5} ({x:+8.3f}, {y:+8.3f}){extra}  {nearest}  {text[:70]}")
    return 0


def _word_vectors(args) -> int:
    """--train, --load-vectors and --cooccurrence."""
    from workbench.cli import CliError, note_line, pad, print_json, terminal_progress, width
    from workbench.core.embeddings import static
    from workbench.core.embeddings.words import parse_words
    from workbench.core.jobs import Progress
    from workbench.core.library import Library

    progress = terminal_progress("embed ")
    if args.cooccurrence is not None:
        if args.data is None:
            raise CliError(translate("core", "--cooccurrence needs --data FILE: the text to count in"))
        words, counts, weighted = static.cooccurrence_table(args.data, parse_words(args.cooccurrence), args.window,
                                                            args.segment, args.column, progress=progress)
        if args.json:
            print_json({"words": words, "window": args.window, "counts": counts.astype(int).tolist(),
                        "weighted": [[round(float(v), 6) for v in row] for row in weighted]})
        else:
            column = max([8] + [width(w) for w in words])
            print(pad("", column) + " " + " ".join(pad(w, column) for w in words))
            for word, row in zip(words, counts):
                print(pad(word, column) + " " + " ".join(pad(str(int(v)), column) for v in row))
        return 0
    if not args.name:
        raise CliError(translate("core", "--name NAME is required: the name of the vectors in the library"))
    library = Library()

    def show(event):
        if isinstance(event, static.EpochLoss) and not args.json:
            print(translate("cli", "epoch {e}/{E}: loss {loss:.4f}").format(e=event.epoch, E=event.epochs,
                                                                          loss=event.loss), file=sys.stderr)
        elif isinstance(event, Progress):
            progress(event)

    if args.load_vectors is not None:
        result = static.import_vectors(library, args.load_vectors, args.name, progress=show)
    else:
        if args.data is None:
            raise CliError(translate("core", "--train needs --data FILE: the text to learn from"))
        settings = static.TrainSettings(args.train, args.dim, args.window, args.min_count, args.epochs, args.sg,
                                        args.seed, args.segment)
        result = static.train_vectors(library, args.data, args.name, settings, args.column, progress=show)
    if args.json:
        print_json(result.to_json())
    else:
        for note in result.notes:
            print(note_line(note))
        print(translate("cli", "Saved {name}: {n} words × {dim} in {s:.1f} s ({path})").format(
            name=result.name, n=f"{result.vocab_size:,}", dim=result.dim, s=result.seconds, path=result.model_path))
    return 0
