#!/bin/sh
# Install Model Workbench for the current user (no root needed):
#   the app folder into ~/.local/opt/model-workbench, a `model-workbench` command into ~/.local/bin,
#   the icons into ~/.local/share/icons and the menu entry into ~/.local/share/applications.
# Run from the unpacked tarball: ./install.sh      Remove again: ./install.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/model-workbench
bin=$HOME/.local/bin

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$opt" "$bin/model-workbench" "$data/applications/model-workbench.desktop" \
        "$data/icons/hicolor/scalable/apps/model-workbench.svg"
    for size in 16 32 48 64 128 256 512; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/model-workbench.png"
    done
    echo "Model Workbench removed (your models and settings are kept)."
    exit 0
fi

rm -rf "$opt"
mkdir -p "$(dirname "$opt")" "$bin" "$data/applications" "$data/icons/hicolor/scalable/apps"
cp -R "$here/model-workbench" "$opt"
ln -sf "$opt/model-workbench" "$bin/model-workbench"
cp "$here/icons/workbench.svg" "$data/icons/hicolor/scalable/apps/model-workbench.svg"
for size in 16 32 48 64 128 256 512; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$here/icons/workbench-$size.png" "$data/icons/hicolor/${size}x${size}/apps/model-workbench.png"
done
# The menu entry runs the installed program by its full path, so ~/.local/bin need not be on PATH.
sed "s|^Exec=model-workbench|Exec=$opt/model-workbench|" "$here/model-workbench.desktop" \
    > "$data/applications/model-workbench.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Model Workbench installed: find it in your applications menu, or run $bin/model-workbench"
