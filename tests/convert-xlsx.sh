#!/bin/sh
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
