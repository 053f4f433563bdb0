"""Human-readable numbers for sizes, counts and durations."""

from __future__ import annotations

from workbench.core.i18n import translate


def human_bytes(n: float | None) -> str:
    if n is None:
        return "?"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000.0
    return f"{n:.1f} TB"


def human_count(n: int | None) -> str:
    if not n:
        return "?"
    for value, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= value:
            return f"{n / value:.1f}{suffix}".replace(".0", "")
    return str(n)


def human_seconds(s: float | None) -> str:
    """'4.2 s', '3 min 05 s', '1 h 02 min', with the units in the interface's language."""
    if s is None:
        return "?"
    s = max(0.0, s)
    if s < 60:
        return translate("core", "{s} s").format(s=f"{s:.0f}" if s >= 10 else f"{s:.1f}")
    minutes, seconds = divmod(int(s), 60)
    if minutes < 60:
        return translate("core", "{m} min {s} s").format(m=minutes, s=f"{seconds:02d}")
    hours, minutes = divmod(minutes, 60)
    return translate("core", "{h} h {m} min").format(h=hours, m=f"{minutes:02d}")
