#!/bin/bash
# Run COMMAND inside a private Xvfb display and a private D-Bus session bus
# (recipe from ../shared/testing-gtk.md).
# usage: with-xvfb-dbus.sh COMMAND [ARGS...]
set -u
tmp=$(mktemp -d /tmp/with-xvfb.XXXXXX)
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
# -displayfd: Xvfb picks a free display and writes its number once it accepts clients
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset \
     3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 200); do [ -s "$tmp/display" ] && break; sleep 0.05; done
if [ ! -s "$tmp/display" ]; then echo "Xvfb did not start:" >&2; cat "$tmp/xvfb.log" >&2; exit 1; fi
export DISPLAY=":$(cat "$tmp/display")"
export GDK_BACKEND=x11
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
if [ "$GSK_RENDERER" = cairo ] && [ -z "${GDK_DEBUG+x}" ]; then export GDK_DEBUG=gl-disable; fi
export GTK_A11Y="${GTK_A11Y:-atspi}"
export GSETTINGS_BACKEND=memory                # no dconf writes into $HOME
export XDG_RUNTIME_DIR="$tmp/runtime"          # a11y bus socket goes here, not ~/.cache/at-spi
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset NO_AT_BRIDGE AT_SPI_BUS_ADDRESS
dbus-run-session -- "$@"
