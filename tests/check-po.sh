#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that the translations are complete and that po/POTFILES.in lists
# exactly what it must:
#  - every file listed in po/POTFILES.in exists;
#  - every C source, header or .ui file under app/ and ui/ with a
#    translatable string, and every data/*.in and data/*.gschema.xml file,
#    is listed;
#  - each po/<lang>.po of po/LINGUAS passes msgfmt --check with no fuzzy and
#    no untranslated message;
#  - it still has none once merged with a template extracted afresh from the
#    sources, so a string added or changed in the code without its
#    translation is caught.
#
# Usage: check-po.sh [SOURCE_ROOT]   (default: the parent of this script's
# directory). Works from any current directory.

set -u

# Plain English messages from the gettext tools, whatever the user's locale.
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE

failures=0

fail() {
    printf 'check-po: %s\n' "$*" >&2
    failures=$((failures + 1))
}

die() {
    printf 'check-po: %s\n' "$*" >&2
    exit 1
}

root=${1:-$(dirname "$0")/..}
root=$(cd "$root" 2>/dev/null && pwd) || die "no such source directory: ${1:-}"
cd "$root" || die "cannot enter $root"

for tool in msgfmt msgmerge msgattrib xgettext; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (install gettext)"
done

[ -f po/POTFILES.in ] || die "po/POTFILES.in is missing in $root"
[ -f po/LINGUAS ] || die "po/LINGUAS is missing in $root"

tmpdir=$(mktemp -d) || die "cannot create a temporary directory"
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT TERM

# POTFILES.in, without comments, blank lines and surrounding blanks.
sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
    -e 's|^\./||' -e '/^$/d' po/POTFILES.in | sort -u >"$tmpdir/listed"

while IFS= read -r file; do
    [ -f "$file" ] || fail "po/POTFILES.in lists $file, which does not exist"
done <"$tmpdir/listed"

# Files that hold translatable strings and must therefore be listed.
: >"$tmpdir/needed"
for dir in app ui; do
    [ -d "$dir" ] || continue
    find "$dir" -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) -print |
        LC_ALL=C sort |
        while IFS= read -r file; do
            # Lines that are only comment text do not count.
            if sed -E -e '/^[[:space:]]*(\/\*|\*([[:space:]]|\/|$)|\/\/)/d' "$file" |
                grep -Eq '(^|[^A-Za-z0-9_])(NC|N|C)?_[[:space:]]*\(|(^|[^A-Za-z0-9_])g_d(n|c|p)gettext2?[[:space:]]*\(|translatable=["'"'"'](yes|true|1)["'"'"']'; then
                printf '%s\n' "$file"
            fi
        done >>"$tmpdir/needed"
done
for file in data/*.in data/*.gschema.xml; do
    [ -f "$file" ] && printf '%s\n' "$file" >>"$tmpdir/needed"
done

while IFS= read -r file; do
    grep -qxF "$file" "$tmpdir/listed" ||
        fail "$file has translatable strings but is not listed in po/POTFILES.in"
done <"$tmpdir/needed"

# Prints the msgids of the fuzzy and untranslated messages of a .po file.
list_incomplete() {
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$1" 2>/dev/null |
        sed -n 's/^msgid "\(..*\)"$/    fuzzy: "\1"/p'
    msgattrib --untranslated --no-obsolete --no-wrap "$1" 2>/dev/null |
        sed -n 's/^msgid "\(..*\)"$/    untranslated: "\1"/p'
}

# Succeeds when msgfmt finds the file valid and complete.
check_complete() {
    po=$1
    what=$2
    if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$tmpdir/stats"; then
        sed 's/^/    /' "$tmpdir/stats" >&2
        fail "$what does not pass msgfmt --check"
        return 1
    fi
    if grep -Eq 'fuzzy|untranslated' "$tmpdir/stats"; then
        fail "$what is incomplete: $(cat "$tmpdir/stats")"
        list_incomplete "$po" >&2
        return 1
    fi
    return 0
}

sed -e 's/#.*//' po/LINGUAS | tr '\t' ' ' | tr -s ' ' '\n' | sed '/^$/d' >"$tmpdir/langs"
[ -s "$tmpdir/langs" ] || fail "po/LINGUAS names no language"

if [ "$failures" -eq 0 ]; then
    # Same extraction as i18n.gettext(preset: 'glib') in po/meson.build.
    if ! xgettext --package-name=tissage -f po/POTFILES.in -D "$root" -k_ \
            --from-code=UTF-8 --add-comments \
            --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
            --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
            --keyword=g_dpgettext2:2c,3 \
            --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
            --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
            --flag=g_strdup_printf:1:c-format \
            --flag=g_string_printf:2:c-format \
            --flag=g_string_append_printf:2:c-format \
            --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
            --flag=g_markup_printf_escaped:1:c-format \
            --flag=g_log:3:c-format --flag=g_print:1:c-format \
            --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
            --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
            --flag=g_snprintf:3:c-format \
            --force-po -o "$tmpdir/fresh.pot" 2>"$tmpdir/xgettext.log"; then
        sed 's/^/    /' "$tmpdir/xgettext.log" >&2
        fail "xgettext cannot extract the strings of the files in po/POTFILES.in"
    fi
fi

while IFS= read -r lang; do
    po=po/$lang.po
    if [ ! -f "$po" ]; then
        fail "$po is missing (po/LINGUAS names $lang)"
        continue
    fi
    check_complete "$po" "$po" || continue
    [ -f "$tmpdir/fresh.pot" ] || continue
    if ! msgmerge --quiet --no-wrap -o "$tmpdir/$lang.po" "$po" "$tmpdir/fresh.pot" 2>"$tmpdir/msgmerge.log"; then
        sed 's/^/    /' "$tmpdir/msgmerge.log" >&2
        fail "msgmerge cannot merge $po with the strings of the sources"
        continue
    fi
    check_complete "$tmpdir/$lang.po" "$po, once updated from the sources," ||
        echo "check-po: update it with 'meson compile tissage-update-po' and translate the messages above" >&2
done <"$tmpdir/langs"

if [ "$failures" -ne 0 ]; then
    printf 'check-po: %d problem(s) found\n' "$failures" >&2
    exit 1
fi
echo "check-po: translations are complete and po/POTFILES.in is up to date"
