#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Exports the example project and has LibreOffice convert the workbook to
# PDF, as a funder without Excel would open it. Fails when LibreOffice is
# missing: .ci/setup installs it.
set -eu

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "soffice not found: install libreoffice-calc-nogui" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

LANGUAGE=fr LC_ALL=fr_FR.UTF-8 "$TISSAGE_BIN" --new-demo "$tmp/exemple.tissage"
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 "$TISSAGE_BIN" --export-xlsx "$tmp/exemple.xlsx" "$tmp/exemple.tissage"

# A profile of its own, so that it runs beside an open LibreOffice.
HOME="$tmp" "$soffice" "-env:UserInstallation=file://$tmp/profile" --headless \
    --convert-to pdf --outdir "$tmp" "$tmp/exemple.xlsx"

if [ ! -s "$tmp/exemple.pdf" ]; then
    echo "LibreOffice made no PDF of the workbook" >&2
    exit 1
fi

# At least a page for each of the six sheets, and few enough that a funder
# prints it: under 40 pages (93 when wide tables were printed across
# several pages and the rows of each sheet over many more).
pages=$(pdfinfo "$tmp/exemple.pdf" | sed -n 's/^Pages:[[:space:]]*//p')
echo "exemple.pdf: $pages pages"
if [ "$pages" -lt 6 ] || [ "$pages" -ge 40 ]; then
    echo "the example workbook prints on $pages pages, not 6 to 39" >&2
    exit 1
fi

# Each table's columns on the page of its first one: a page that starts with
# a table's first column titles ends its first line with the last one.
# (Before, wide tables went on over pages printed across, with their first
# columns repeated.)
pdftotext -layout "$tmp/exemple.pdf" "$tmp/exemple.txt"
awk '
  BEGIN {
    n = split("Niveau Titre|Valeur pour le collectif;Indicateur Période|Début Fin;Partie prenante Catégorie|Note;Effet attendu Verbatim|Citation", tables, ";")
    for (i = 1; i <= n; i++) { split(tables[i], t, "|"); first[i] = t[1]; last[i] = t[2] }
    page = 1; top = 1; bad = 0
  }
  /\f/ { page++; top = 1; sub(/^.*\f/, "") }
  top && NF > 0 {
    top = 0; line = $0; gsub(/[[:space:]]+/, " ", line); sub(/^ /, "", line); sub(/ $/, "", line)
    for (i = 1; i <= n; i++)
      if (index(line, first[i]) == 1) {
        seen[i]++
        if (substr(line, length(line) - length(last[i]) + 1) != last[i]) {
          printf "page %d: the table of “%s” goes on beyond its last column “%s” on another page\n", page, first[i], last[i] > "/dev/stderr"
          bad = 1
        }
      }
  }
  END {
    for (i = 1; i <= n; i++)
      if (!seen[i]) { printf "no page starts with the titles “%s”\n", first[i] > "/dev/stderr"; bad = 1 }
    exit bad
  }
' "$tmp/exemple.txt"
