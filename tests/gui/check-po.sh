#!/bin/sh
# check-po.sh SRCROOT: the Spanish catalogue is valid and complete.
#  1. every source file that marks strings (_() N_() C_() g_dngettext, or
#     translatable="yes" in a .ui) is listed in po/POTFILES.in;
#  2. po/es.po passes msgfmt --check;
#  3. every message xgettext finds in the POTFILES today has a translation
#     in po/es.po that is not fuzzy (msgcmp).
set -eu
root=$1
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for f in $(grep -lE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext) *\(' src/*/*.c) \
         $(grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done

msgfmt --check -o /dev/null po/es.po || status=1

grep -v '^#' po/POTFILES.in | grep . > "$tmp/files"
xgettext --directory="$root" --files-from="$tmp/files" --output="$tmp/all.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format --flag=g_snprintf:3:c-format 2> "$tmp/xgettext.log" || {
    cat "$tmp/xgettext.log"; exit 1; }
# a format string xgettext cannot read (e.g. G_GUINT64_FORMAT) is never translated
if grep -i "warning" "$tmp/xgettext.log"; then
  status=1
fi
if ! msgcmp po/es.po "$tmp/all.pot"; then
  echo "po/es.po lacks translations: run 'ninja perceptron-studio-update-po' and translate"
  status=1
fi
fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/es.po | grep -c '^msgid ' || true)
if [ "$fuzzy" -gt 0 ]; then
  echo "po/es.po has $((fuzzy - 1)) fuzzy messages"
  msgattrib --only-fuzzy --no-obsolete po/es.po | grep -A1 '^msgid ' | head -20
  [ "$fuzzy" -le 1 ] || status=1
fi
[ $status -eq 0 ] && echo "po/es.po: complete and valid ($(grep -c . "$tmp/files") source files)"
exit $status
