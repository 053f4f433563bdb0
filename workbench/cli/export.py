"""workbench export -m MODEL --type f16|bf16|q8_0|q4_0|q4_k_m [--out FILE.gguf] [--json]"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.core.export_gguf import TYPES

    p = sub.add_parser(
        "export", help=translate("cli", "write a causal LM (a fine-tune too) as a GGUF file for llama.cpp, LM Studio "
                                        "or Ollama"),
        description=translate("cli", "Write a library model (a full fine-tune, or a LoRA run merged into its base) "
                                     "as a GGUF file with its tokenizer and chat template. F16/BF16 are written by "
                                     "the gguf library; Q8_0, Q4_0 and Q4_K_M by llama.cpp's own quantizer (needs "
                                     "the llama.cpp engine). Llama, Mistral, SmolLM, Qwen2/3 and GPT-2 models. The "
                                     "file is added to the library. With --json: {path, type, bytes, seconds}."))
    p.add_argument("-m", "--model", required=True,
                   help=translate("cli", "store name, hub id, folder, or a fine-tune run's adapter folder"))
    p.add_argument("--type", dest="kind", choices=TYPES, default="f16", help=translate("cli", "what the weights "
                                                                                           "are stored as"))
    p.add_argument("--out", help=translate("cli", "the GGUF file to write (default: a new model in the library "
                                                  "store)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from pathlib import Path

    from workbench.cli import print_json, terminal_progress
    from workbench.core.export_gguf import export_gguf
    from workbench.core.library import Library
    from workbench.core.units import human_bytes

    result = export_gguf(Library(), args.model, args.kind, Path(args.out) if args.out else None,
                         progress=terminal_progress("export "))
    if args.json:
        print_json(result.to_json())
        return 0
    print(translate("cli", "Wrote {path} ({size}, {kind}) in {seconds:.1f} s; in the library as {name}.").format(
        path=result.path, size=human_bytes(result.bytes), kind=result.type.upper(), seconds=result.seconds,
        name=result.library_name))
    return 0
