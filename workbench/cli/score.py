"""workbench score --pred P [--ref R] [--column-pred C --column-ref C] --metrics bleu,rouge,... [--row N] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    p = sub.add_parser(
        "score", help=translate("cli", "score predictions against references: BLEU, ROUGE, F1, exact match, distinct-n"),
        description=translate("cli", "Predictions and references come from two text files (one per line) or from two "
                                     "columns of one CSV/TSV/JSONL table. BLEU is sacrebleu's (0–100, the zh "
                                     "tokenizer for Chinese); ROUGE is rouge-score's F-measure (0–1, each Chinese "
                                     "character a token); f1 is per label and macro; exact and token_f1 are "
                                     "SQuAD's; distinct counts unique n-grams."))
    p.add_argument("--pred", required=True, help=translate("cli", "predictions: a text file, or the table"))
    p.add_argument("--ref", help=translate("cli", "references: a text file with one line per prediction"))
    p.add_argument("--column-pred", default="", metavar="C", help=translate("cli", "the table's prediction column"))
    p.add_argument("--column-ref", default="", metavar="C", help=translate("cli", "the table's reference column"))
    p.add_argument("--metrics", default="bleu,rouge",
                   help=translate("cli", "comma-separated: bleu, rouge, f1, exact, token_f1, distinct "
                                         "(default: bleu,rouge)"))
    p.add_argument("--row", type=int, metavar="N",
                   help=translate("cli", "also show the n-grams row N (1 = the first) shares with its reference"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    p.set_defaults(func=cmd_score)


def cmd_score(args) -> int:
    from workbench.cli import CliError, print_json
    from workbench.core import metrics as M

    names = M.parse_metrics(args.metrics)
    preds, refs = M.read_pairs(args.pred, args.ref, args.column_pred, args.column_ref)
    result = M.score(preds, refs, names)
    if args.row is not None:
        if not 1 <= args.row <= len(preds):
            raise CliError(translate("core", "--row must be from 1 to {n}").format(n=len(preds)))
        result["overlaps"] = {"row": args.row, **M.row_overlaps(preds[args.row - 1], refs[args.row - 1]).to_json()}
    if args.json:
        print_json(result)
        return 0
    print(translate("cli", "{n} rows").format(n=result["rows"]))
    for name in names:
        print(f"{name}: " + summary_line(name, result[name]))
        print("    " + M.explanation(name))
    if "overlaps" in result:
        for overlap in result["overlaps"]["bleu"]:
            print(translate("cli", "BLEU {n}-grams matched: {m}/{t}").format(
                n=overlap["n"], m=overlap["matches"], t=overlap["prediction_total"]) + "  "
                + ", ".join(f"{g['ngram']}×{g['count']}" for g in overlap["matched"]))
    return 0


def summary_line(name: str, value: dict) -> str:
    if name == "bleu":
        return f"{value['score']:.2f} (" + "/".join(f"{p:.1f}" for p in value["precisions"]) + \
            f", BP {value['brevity_penalty']:.3f}, tokenize {value['tokenize']})"
    if name == "rouge":
        return f"ROUGE-1 {value['rouge1']:.4f}, ROUGE-2 {value['rouge2']:.4f}, ROUGE-L {value['rougeL']:.4f}"
    if name == "f1":
        return f"macro F1 {value['macro_f1']:.4f}, accuracy {value['accuracy']:.4f}"
    if name == "distinct":
        return ", ".join(f"{k} {v:.4f}" for k, v in value.items())
    return f"{value['score']:.4f}"
