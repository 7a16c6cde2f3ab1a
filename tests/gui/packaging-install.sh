#!/bin/bash
# Installs the build into a temporary DESTDIR, checks that everything a
# desktop needs is there and valid, and starts the app from the installed
# location (under the private Xvfb of with-xvfb-dbus.sh).
# usage: packaging-install.sh MESON BUILD_ROOT PREFIX APP_ID SOURCE_ROOT
set -eu
meson=$1 build=$2 prefix=$3 app_id=$4 source=$5
tmp=$(mktemp -d /tmp/ps-install.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$meson" install -C "$build" --no-rebuild --destdir "$tmp" >"$tmp.log" 2>&1 \
  || { cat "$tmp.log"; rm -f "$tmp.log"; echo "meson install failed"; exit 1; }
rm -f "$tmp.log"
root="$tmp$prefix"

for f in bin/perceptron-studio bin/perceptron \
         "share/applications/$app_id.desktop" \
         "share/metainfo/$app_id.metainfo.xml" \
         "share/glib-2.0/schemas/$app_id.gschema.xml" \
         "share/icons/hicolor/scalable/apps/$app_id.svg" \
         "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
         share/perceptron-studio/datasets/xor.csv \
         share/perceptron-studio/datasets/mnist/train-images-idx3-ubyte.gz \
         share/perceptron-studio/datasets/mnist/t10k-labels-idx1-ubyte.gz \
         share/perceptron-studio/datasets/mnist/README.md \
         share/perceptron-studio/lessons/perceptron-simple-y-multicapa.json \
         share/locale/es/LC_MESSAGES/perceptron-studio.mo; do
  if [ ! -s "$root/$f" ]; then echo "not installed: $f"; exit 1; fi
  echo "installed: $f"
done

desktop="$root/share/applications/$app_id.desktop"
desktop-file-validate "$desktop"
appstreamcli validate --no-net "$root/share/metainfo/$app_id.metainfo.xml"
glib-compile-schemas --strict "$root/share/glib-2.0/schemas"

# What the desktop file names must be what was installed.
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
icon_name=$(sed -n 's/^Icon=//p' "$desktop")
[ -x "$root/bin/$exec_name" ] || { echo "Exec=$exec_name is not an installed program"; exit 1; }
[ "$icon_name" = "$app_id" ] || { echo "Icon=$icon_name is not the app id"; exit 1; }
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
  "$root/share/metainfo/$app_id.metainfo.xml" || { echo "metainfo does not launch the desktop file"; exit 1; }

# Every screenshot the metainfo shows is in data/screenshots at its stated size.
metainfo="$root/share/metainfo/$app_id.metainfo.xml"
n_shots=0
while read -r w h url; do
  file="$source/data/screenshots/$(basename "$url")"
  [ -s "$file" ] || { echo "screenshot $url is not in data/screenshots"; exit 1; }
  size=$(identify -format '%wx%h' "$file")
  [ "$size" = "${w}x$h" ] || { echo "$file is $size, the metainfo says ${w}x$h"; exit 1; }
  n_shots=$((n_shots + 1))
done < <(sed -n 's|.*<image type="source" width="\([0-9]*\)" height="\([0-9]*\)">\([^<]*\)</image>.*|\1 \2 \3|p' "$metainfo")
[ "$n_shots" -gt 0 ] || { echo "the metainfo has no screenshot"; exit 1; }
echo "screenshots: $n_shots, sizes match"

# The installed app starts and maps its window.
export GSETTINGS_SCHEMA_DIR="$root/share/glib-2.0/schemas"
export XDG_DATA_DIRS="$root/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_BACKEND=memory
"$root/bin/$exec_name" >"$tmp/app.log" 2>&1 &
pid=$!
if ! timeout 20 xdotool search --sync --onlyvisible --name '^Perceptron Studio' >/dev/null; then
  echo "the installed app did not show its window:"; cat "$tmp/app.log"; exit 1
fi
kill -0 "$pid" || { echo "the installed app exited"; cat "$tmp/app.log"; exit 1; }
echo "the installed app started and showed its window"
