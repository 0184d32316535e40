#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the synthesis sheet of a workbook exported by Tissage, as a
funder would, and checks the figures in it.

Usage: check-synthesis.py WORKBOOK CHECK...
where a CHECK is LABEL=VALUE (the number beside a key figure),
ROW|COLUMN=VALUE (the number in the row named ROW, under the header
COLUMN of its table; ROW&TEXT&… the first such row that also holds
each TEXT), ROW|COLUMN~TEXT (that cell holds TEXT),
*|COLUMN>=MIN (every number under each header COLUMN, down to the next empty row, is
MIN or more),
or --sheet=NAME (the checks after it read the sheet NAME; the first
sheet, the summary, until then). VALUE is a number, a text, or nothing
for an empty cell.
Run with Debian's /usr/bin/python3 and python3-openpyxl."""

import sys

try:
    import openpyxl
except ImportError:
    sys.exit("check-synthesis.py: openpyxl is missing: install Debian's python3-openpyxl")


def cell_value(ws, row_label, column_title):
    label, *also = row_label.split("&")
    header = None
    for row in ws.iter_rows():
        texts = [c.value for c in row]
        if column_title is not None and column_title in texts:
            header = texts
        if texts and texts[0] == label and all(a in texts for a in also):
            if column_title is None:
                return True, texts[1] if len(texts) > 1 else None
            if header is not None:
                return True, texts[header.index(column_title)]
    return False, None


def column_numbers(ws, column_title):
    """Every number under a header COLUMN, in each table that has it."""
    index = None
    found = False
    numbers = []
    for row in ws.iter_rows():
        texts = [c.value for c in row]
        if column_title in texts:
            index = texts.index(column_title)
            found = True
        elif not texts or texts[0] is None:
            index = None
        elif index is not None and index < len(texts) and isinstance(texts[index], (int, float)):
            numbers.append((texts[0], texts[index]))
    return found, numbers


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
        if check.startswith("--sheet="):
            name = check[len("--sheet="):]
            if name not in wb.sheetnames:
                failures.append(f"no sheet “{name}”")
                break
            ws = wb[name]
            continue
        if check.startswith("*|") and ">=" in check:
            column, _, minimum = check[2:].rpartition(">=")
            found, numbers = column_numbers(ws, column)
            below = [(label, n) for label, n in numbers if n < float(minimum)]
            if not found:
                failures.append(f"no header “{column}”")
            elif not numbers:
                failures.append(f"no number under “{column}”")
            elif below:
                failures.extend(f"{label}: {n!r} under “{column}”, below {minimum}" for label, n in below)
            else:
                print(f"{len(numbers)} numbers under {column}, none below {minimum}")
            continue
        if "~" in check and "|" in check.partition("~")[0]:
            where, _, text = check.partition("~")
            row_label, _, column = where.partition("|")
            found, value = cell_value(ws, row_label, column)
            if not found:
                failures.append(f"no row “{row_label}” (under “{column}”)")
            elif not isinstance(value, str) or text not in value:
                failures.append(f"{where}: {value!r}, expected it to hold {text!r}")
            else:
                print(f"{where} holds {text!r}")
            continue
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
