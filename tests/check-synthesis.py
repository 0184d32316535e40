#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the synthesis sheet of a workbook exported by Tissage, as a
funder would, and checks the figures in it.

Usage: check-synthesis.py WORKBOOK CHECK...
where a CHECK is LABEL=VALUE (the number beside a key figure) or
ROW|COLUMN=VALUE (the number in the row named ROW, under the header
COLUMN of its table). VALUE is a number, a text, or nothing for an
empty cell.
Run with Debian's /usr/bin/python3 and python3-openpyxl."""

import sys

try:
    import openpyxl
except ImportError:
    sys.exit("check-synthesis.py: openpyxl is missing: install Debian's python3-openpyxl")


def cell_value(ws, row_label, column_title):
    header = None
    for row in ws.iter_rows():
        texts = [c.value for c in row]
        if column_title is not None and column_title in texts:
            header = texts
        if texts and texts[0] == row_label:
            if column_title is None:
                return True, texts[1] if len(texts) > 1 else None
            if header is not None:
                return True, texts[header.index(column_title)]
    return False, None


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    wb = openpyxl.load_workbook(sys.argv[1])
    ws = wb.worksheets[0]
    failures = []
    for check in sys.argv[2:]:
        where, _, expected = check.rpartition("=")
        row_label, _, column = where.partition("|")
        found, value = cell_value(ws, row_label, column or None)
        if not found:
            failures.append(f"no row “{row_label}” (under “{column}”)" if column else f"no row “{row_label}”")
        elif expected == "":
            if value is not None:
                failures.append(f"{where}: {value!r}, expected an empty cell")
        elif not is_number(expected):
            if value != expected:
                failures.append(f"{where}: {value!r}, expected {expected!r}")
        elif not isinstance(value, (int, float)) or abs(value - float(expected)) > 1e-6:
            failures.append(f"{where}: {value!r}, expected {expected}")
        else:
            print(f"{where} = {value}")
    if failures:
        sys.exit("\n".join(failures))


main()
