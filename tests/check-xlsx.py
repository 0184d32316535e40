#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a workbook exported by Tissage back, as a funder's spreadsheet
would, and checks its sheets, headers, types, charts and that nobody
interviewed is named when it is pseudonymised.

Usage: check-xlsx.py WORKBOOK (--pseudonymised | --named | --empty)
                     [--secret TEXT]... [--formula TEXT]
Run with Debian's /usr/bin/python3, python3-openpyxl and python3-pil."""

import argparse
import datetime
import re
import sys
import zipfile

try:
    import openpyxl
    from openpyxl.utils.escape import unescape
except ImportError:
    sys.exit("check-xlsx.py: openpyxl is missing: install Debian's python3-openpyxl")

# openpyxl reads no image without Pillow: it would then report a map
# missing from a workbook that has it, instead of saying what is wrong.
try:
    import PIL  # noqa: F401
except ImportError:
    sys.exit("check-xlsx.py: Pillow is missing, and openpyxl reads no image without it: "
             "install Debian's python3-pil")

# The interviews' sheets, one per guide, go between the stakeholders and the verbatims.
SHEETS_BEFORE = ["Synthèse", "Référentiel", "Mesures", "Parties prenantes"]
SHEETS_AFTER = ["Verbatims", "Coopération"]
META = ["N°", "Personne interrogée", "Catégorie", "Structure de la personne",
        "Structure qui a mené l’entretien", "Enquêteur ou enquêtrice", "Date", "Lieu", "Mode",
        "Consentement", "État", "Notes"]
HEADERS = {
    "Référentiel": ["Niveau", "Titre", "Description ou définition", "Horizon", "Sens de l’effet",
                    "Personnes concernées", "Type d’indicateur", "Nature", "Unité"],
    "Mesures": ["Indicateur", "Période", "Structure", "Unité", "Cible", "Réalisé", "Taux d’atteinte",
                "Valeur en toutes lettres", "Source", "Commentaire", "Type d’indicateur", "Début", "Fin"],
    "Parties prenantes": ["Partie prenante", "Catégorie", "Structure membre", "Membre du collectif",
                          "Proximité", "Influence (0 à 100)", "Intérêt (0 à 100)", "Description"],
    "Coopération": ["Période", "Liens", "Liens entre membres", "Liens avec des partenaires", "Nouveaux liens",
                    "Liens terminés", "Densité du réseau des membres", "Degré moyen des membres",
                    "Membres liés à 3 autres ou plus", "Actions communes", "Actions à 3 partenaires ou plus", None,
                    "Structure membre", "Période", "Liens (degré)", "Rôle de passerelle (intermédiarité)", None,
                    "Action commune", "Type", "Date", "Période", "Partenaires", "Note"],
    "Verbatims": ["Effet attendu", "Verbatim", "Tonalité", "Catégorie", "Structure",
                  "Personne interrogée", "Date", "Question", "Citation absente de la réponse"],
}
LEVELS = {"Enjeu": 0, "Question évaluative": 1, "Effet attendu": 2, "Indicateur": 3}
NUMBER = (int, float)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def header_of(ws, row):
    return [c.value for c in ws[row]]


def column(ws, title, header_row=1):
    """The values below the header titled @title."""
    headers = header_of(ws, header_row)
    check(title in headers, f"{ws.title}: no column “{title}” in {headers}")
    if title not in headers:
        return []
    index = headers.index(title)
    return [row[index] for row in ws.iter_rows(min_row=header_row + 1)]


def check_table(ws, header_row, filtered=True, frozen=True):
    if frozen:
        check(ws.freeze_panes is not None and ws.freeze_panes[1:].isdigit()
              and int(re.sub(r"[A-Z]", "", ws.freeze_panes)) == header_row + 1,
              f"{ws.title}: the header row is not frozen ({ws.freeze_panes})")
    else:
        check(ws.freeze_panes is None, f"{ws.title}: panes frozen at {ws.freeze_panes}")
    if filtered:
        ref = ws.auto_filter.ref or ""
        check(ref.startswith(f"A{header_row}:"), f"{ws.title}: no filter on the header ({ref})")
    for cell in ws[header_row]:
        if cell.value is None:
            continue
        check(cell.font.b, f"{ws.title}: header {cell.coordinate} is not bold")
        width = ws.column_dimensions[cell.column_letter].width
        check(width is not None and width >= 6, f"{ws.title}: column {cell.column_letter} has no width")


def check_numbers(ws, title, header_row=1, fmt=None):
    """Numbers as numbers, never as text."""
    values = [c for c in column(ws, title, header_row) if c.value is not None]
    for cell in values:
        check(isinstance(cell.value, NUMBER) and cell.data_type == "n",
              f"{ws.title}!{cell.coordinate}: “{title}” holds {cell.value!r}, not a number")
        if fmt is not None:
            check(fmt in cell.number_format,
                  f"{ws.title}!{cell.coordinate}: format {cell.number_format!r} lacks {fmt!r}")
    return values


NUMBER_TEXT = re.compile(r"^-?[0-9][0-9\s\u00a0\u202f]*([.,][0-9]+)?\s*%?$")


def check_no_number_text(ws, title, header_row=1):
    """A column of numbers and words: the numbers are numbers."""
    for cell in column(ws, title, header_row):
        check(not (isinstance(cell.value, str) and NUMBER_TEXT.match(cell.value)),
              f"{ws.title}!{cell.coordinate}: “{title}” holds the number {cell.value!r} as text")


def check_dates(ws, title, header_row=1):
    values = [c for c in column(ws, title, header_row) if c.value is not None]
    for cell in values:
        check(isinstance(cell.value, datetime.datetime) and cell.is_date,
              f"{ws.title}!{cell.coordinate}: “{title}” holds {cell.value!r}, not a date")
        check(cell.number_format == "dd/mm/yyyy",
              f"{ws.title}!{cell.coordinate}: date format {cell.number_format!r}")
    return values


def check_not_stretched(ws):
    """The map spans, over the rows and columns as they are, the shape of
    the picture: taller rows beside it do not stretch it."""
    if not ws._images:
        return
    image = ws._images[0]
    anchor = image.anchor

    def row_pixels(r):
        height = ws.row_dimensions[r + 1].height
        return (height if height is not None else 15) * 4 / 3

    def column_pixels(c):
        # Looked up without adding it: openpyxl adds a column 13 wide.
        letter = openpyxl.utils.get_column_letter(c + 1)
        width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else None
        return int((width if width is not None else 8.43) * 7 + 5)

    top, bottom = anchor._from, anchor.to
    height = sum(row_pixels(r) for r in range(top.row, bottom.row)) + (bottom.rowOff - top.rowOff) / 9525
    width = sum(column_pixels(c) for c in range(top.col, bottom.col)) + (bottom.colOff - top.colOff) / 9525
    shape, shown = image.width / image.height, width / height
    check(abs(shown / shape - 1) < 0.03, f"Parties prenantes: the map is shown {shown:.2f} wide for 1 high, not {shape:.2f}")


def check_printed(ws, rows, columns=None, header_row=None):
    """Printed fitted to the width of its pages, every column of a row on
    the page of its first one (no page printed across, no column repeated),
    across (landscape) when wide, the rows of the header on every page, and
    the table's cells, from A1, as the print area."""
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
          and ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0,
          f"{ws.title}: not fitted to the width of one page ({ws.page_setup.fitToWidth} across)")
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width or 8.43
              for c in range(1, ws.max_column + 1)]
    if sum(widths) > 100:
        check(ws.page_setup.orientation == "landscape", f"{ws.title}: {sum(widths):.0f} characters wide, printed {ws.page_setup.orientation}")
    check(ws.print_title_rows == rows, f"{ws.title}: rows {ws.print_title_rows} repeated on each page, not {rows}")
    check(ws.print_title_cols == columns,
          f"{ws.title}: columns {ws.print_title_cols} repeated on each page, not {columns}")
    area = ws.print_area
    if isinstance(area, (list, tuple)):
        area = area[0] if area else None
    bounds = None
    if area is not None:
        try:
            bounds = openpyxl.utils.cell.range_boundaries(area.replace("$", "").split("!")[-1])
        except ValueError:
            bounds = None
    # An empty column between two tables may end it.
    check(bounds is not None and bounds[:2] == (1, 1) and bounds[2] >= ws.max_column and bounds[3] == ws.max_row,
          f"{ws.title}: print area {area}, not from A1 to the last cell of the table")
    if header_row is not None:
        check_header_words(ws, header_row)


def word_width(word):
    """An upper bound of the width of @word in bold, in the characters that
    column widths count: wider capitals and m and w, a little for padding."""
    return sum(1.3 if (ch.isupper() or ch in "mwMW@%") else 1.05 for ch in word) + 1


def check_header_words(ws, row):
    """No title broken inside a word: every word fits in its column, and the
    header row is high enough for the lines the title wraps to."""
    height = ws.row_dimensions[row].height or 15
    for cell in ws[row]:
        if not isinstance(cell.value, str):
            continue
        width = ws.column_dimensions[cell.column_letter].width or 8.43
        for word in cell.value.split():
            check(word_width(word) <= width + 0.5,
                  f"{ws.title}!{cell.coordinate}: “{word}” of the header is broken in a column {width:.1f} wide")
        # Lines as wrapped at spaces, with a word a little wider than counted.
        lines, line = 1, 0.0
        for word in cell.value.split():
            w = word_width(word) - 1
            if line > 0 and line + 0.5 + w > width - 1:
                lines, line = lines + 1, w
            else:
                line += (0.5 if line > 0 else 0) + w
        check(height >= 13 * min(lines, 10), f"{ws.title}!{cell.coordinate}: a header of {lines} lines in a row {height} high")


def all_text(wb, path):
    """Every string of the workbook: cells, chart titles, and the raw XML of
    every part, so that nothing hides in a drawing or a property."""
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            texts.extend(str(c.value) for c in row if c.value is not None)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                texts.append(archive.read(name).decode("utf-8"))
    return "\n".join(texts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workbook")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--pseudonymised", action="store_true")
    mode.add_argument("--named", action="store_true")
    mode.add_argument("--empty", action="store_true")
    parser.add_argument("--secret", action="append", default=[])
    parser.add_argument("--formula")
    parser.add_argument("--interview", type=int, default=0, help="the id of the test's interview")
    parser.add_argument("--text", action="append", default=[],
                        help="a text that a cell must hold as typed, as text")
    parser.add_argument("--long", action="store_true",
                        help="a text longer than a cell holds is cut with a mark")
    parser.add_argument("--organisation", help="an organisation interviewed: named even when pseudonymised")
    parser.add_argument("--interviewer", help="who held interviews: named only when interviewees are")
    parser.add_argument("--lone-structure",
                        help="the structure of its only interviewed employee: not beside them when pseudonymised")
    parser.add_argument("--without-consent", action="append", default=[],
                        help="words of an interview without recorded consent, in no sheet")
    parser.add_argument("--actions", type=int, help="how many joint actions the Coopération sheet lists")
    parser.add_argument("--left-out", type=int, help="interviews the synthesis says were left out")
    parser.add_argument("--guide-sheets", nargs="*", help="the names of the sheets of interviews, in order")
    parser.add_argument("--guide-order", action="append", default=[],
                        help="GUIDE=Q1|Q2|…: the question columns of the sheet of GUIDE, in that order")
    args = parser.parse_args()

    wb = openpyxl.load_workbook(args.workbook)
    names = wb.sheetnames
    check(names[:len(SHEETS_BEFORE)] == SHEETS_BEFORE and names[-len(SHEETS_AFTER):] == SHEETS_AFTER
          and len(names) > len(SHEETS_BEFORE) + len(SHEETS_AFTER), f"sheets: {names}")
    interview_sheets = names[len(SHEETS_BEFORE):-len(SHEETS_AFTER)]
    check(len({n.casefold() for n in names}) == len(names), f"sheet names that Excel takes for one: {names}")
    for name in names:
        check(0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) and name[0] != "'" and name[-1] != "'",
              f"a sheet name Excel refuses: {name!r}")
    if args.guide_sheets is not None:
        check(interview_sheets == args.guide_sheets, f"sheets of interviews {interview_sheets}, not {args.guide_sheets}")
    check(bool(wb.properties.title) or args.empty, "no title in the document properties")
    check(bool(wb.properties.creator), "no author in the document properties")
    full = not args.empty

    # Synthèse
    ws = wb["Synthèse"]
    check(isinstance(ws["A1"].value, str) and ws["A1"].font.b, "Synthèse: no title in A1")
    labels = [c.value for c in ws["A"]]
    check("Chiffres clés" in labels, "Synthèse: no key figures")
    row = labels.index("Chiffres clés") + 2 if "Chiffres clés" in labels else 1
    check(ws.cell(row, 1).value == "Structures membres" and isinstance(ws.cell(row, 2).value, int),
          f"Synthèse: key figures are not numbers ({ws.cell(row, 1).value!r}, {ws.cell(row, 2).value!r})")
    if args.left_out is not None:
        consent = [ws.cell(r + 1, 2).value for r, v in enumerate(labels) if v == "Consentement"]
        wanted = (f"{args.left_out} entretiens écartés" if args.left_out > 1
                  else f"{args.left_out} entretien écarté" if args.left_out == 1
                  else "Tous les entretiens retenus")
        check(len(consent) == 1 and isinstance(consent[0], str) and consent[0].startswith(wanted),
              f"Synthèse: consent line {consent}, not “{wanted}…”")
    exported_on = [ws.cell(r + 1, 2).value for r, v in enumerate(labels) if v == "Exporté le"]
    check(len(exported_on) == 1 and isinstance(exported_on[0], datetime.datetime), "Synthèse: no export date")
    charts = ws._charts
    kinds = sorted({type(c).__name__ for c in charts})
    if full:
        check(len(charts) >= 2 and kinds == ["BarChart", "LineChart"], f"Synthèse: charts {kinds}, {len(charts)}")
        check("Cibles et réalisations" in labels, "Synthèse: no targets table")
        top = labels.index("Cibles et réalisations") + 2
        check(header_of(ws, top)[:6] == ["Indicateur", "Unité", "Période", "Cible", "Réalisé", "Taux d’atteinte"],
              f"Synthèse: targets header {header_of(ws, top)}")
        bottom = top + 1
        while ws.cell(bottom, 1).value is not None:
            bottom += 1
        rates = [ws.cell(r, 6) for r in range(top + 1, bottom) if ws.cell(r, 6).value is not None]
        check(len(rates) >= 10 and all(isinstance(c.value, NUMBER) and "%" in c.number_format for c in rates),
              "Synthèse: rates of achievement are not percentages")
        # 92 %, not 92%: French puts a no-break space before the sign.
        check(all('"\u00a0"%' in c.number_format for c in rates),
              f"Synthèse: rates shown without a no-break space before %: {rates[0].number_format!r}")
        for chart in charts:
            for series in chart.series:
                ref = series.val.numRef.f
                check(ref.startswith("Synthèse!") or ref.startswith("'Synthèse'!"),
                      f"Synthèse: a chart draws from {ref}, not from the sheet")
    else:
        check(len(charts) == 0, "Synthèse: charts of nothing")

    # Référentiel
    ws = wb["Référentiel"]
    check(header_of(ws, 1)[:len(HEADERS["Référentiel"])] == HEADERS["Référentiel"],
          f"Référentiel: header {header_of(ws, 1)}")
    check_table(ws, 1)
    check_printed(ws, "$1:$1", header_row=1)
    levels = column(ws, "Niveau")
    for cell in levels:
        check(cell.value in LEVELS, f"Référentiel!{cell.coordinate}: level {cell.value!r}")
        if cell.value in LEVELS:
            check(ws.row_dimensions[cell.row].outlineLevel == LEVELS[cell.value],
                  f"Référentiel!{cell.coordinate}: outline level {ws.row_dimensions[cell.row].outlineLevel}")
    check_no_number_text(ws, "Cible")
    check_no_number_text(ws, "Situation de départ")
    if full:
        check(len([c for c in levels if c.value == "Indicateur"]) >= 20, "Référentiel: too few indicators")
        check(len([c for c in column(ws, "Cible") if isinstance(c.value, NUMBER)]) >= 20,
              "Référentiel: numeric targets missing")
        check(len(check_dates(ws, "Date de la cible")) >= 10, "Référentiel: target dates missing")

    # Mesures
    ws = wb["Mesures"]
    check(header_of(ws, 1)[:len(HEADERS["Mesures"])] == HEADERS["Mesures"], f"Mesures: header {header_of(ws, 1)}")
    check_table(ws, 1)
    check_printed(ws, "$1:$1", header_row=1)
    check_numbers(ws, "Cible")
    achieved = check_numbers(ws, "Réalisé")
    rates = check_numbers(ws, "Taux d’atteinte", fmt="%")
    starts = check_dates(ws, "Début")
    if full:
        check(len(achieved) >= 100 and len(rates) >= 20 and len(starts) >= 100,
              f"Mesures: {len(achieved)} values, {len(rates)} rates, {len(starts)} dates")
        structures = {c.value for c in column(ws, "Structure")}
        check("Ensemble du collectif" in structures, "Mesures: no collective-wide row")

    # Parties prenantes
    ws = wb["Parties prenantes"]
    # The map, when there is one, above the tables: seen first, at the top left.
    top = next((r for r in range(1, 100) if ws.cell(r, 1).value == "Partie prenante"), 1)
    check(header_of(ws, top)[:8] == HEADERS["Parties prenantes"], f"Parties prenantes: header {header_of(ws, top)}")
    check("Origine" in header_of(ws, top) and "Destination" in header_of(ws, top), "Parties prenantes: no links")
    check_table(ws, top, frozen=not ws._images)
    # Rows side by side belong to two tables: no column repeated beside the links.
    check_printed(ws, f"${top}:${top}", header_row=top)
    check_numbers(ws, "Influence (0 à 100)", top)
    check_numbers(ws, "Intensité (1 à 3)", top)
    for cell in column(ws, "Membre du collectif", top):
        check(cell.value in ("Oui", "Non") or ws.cell(cell.row, 1).value is None,
              f"Parties prenantes!{cell.coordinate}: {cell.value!r}")
    if full:
        check(len(ws._images) == 1, f"Parties prenantes: {len(ws._images)} images instead of the map")
        check_not_stretched(ws)
        check(ws.max_row - top >= 50, "Parties prenantes: too few stakeholders")
        for image in ws._images:
            anchor = image.anchor
            check((anchor._from.row, anchor._from.col, anchor._from.rowOff, anchor._from.colOff) == (0, 0, 0, 0),
                  f"Parties prenantes: the map starts at row {anchor._from.row + 1}, column {anchor._from.col + 1}")
            check(anchor.to.row < top - 1, f"Parties prenantes: the map reaches row {anchor.to.row + 1},"
                                           f" over the header at row {top}")
            check(top <= 40, f"Parties prenantes: the tables start at row {top}, far below the map")
    else:
        check(not ws._images and top == 1, "Parties prenantes: room for a map of nobody")
    if args.formula and full:
        cells = [c for c in column(ws, "Partie prenante", top) if c.value == args.formula]
        check(len(cells) == 1 and cells[0].data_type == "s",
              f"Parties prenantes: “{args.formula}” is not written as text")
    for r in ws.iter_rows():
        for cell in r:
            check(cell.data_type != "f", f"Parties prenantes!{cell.coordinate}: a formula")

    # Entretiens: a sheet per guide, the guide's title above its questions.
    rows = []
    guide_sheets = {}
    for name in interview_sheets:
        ws = wb[name]
        check(ws["A1"].value == "Entretien", f"{name}: group row {ws['A1'].value!r}")
        groups = [c.value for c in ws[1] if c.value and c.value != "Entretien"]
        check(len(groups) <= 1, f"{name}: several guides in one sheet {groups}")
        for group in groups:
            guide_sheets[group] = ws
        headers = header_of(ws, 2)
        check(headers[:2] == ["N°", "Personne interrogée"], f"{name}: header {headers}")
        check(("Lieu" in headers and "Notes" in headers) == bool(args.named),
              f"{name}: place and notes only when interviewees are named")
        check(("Enquêteur ou enquêtrice" in headers) == bool(args.named) or not full,
              f"{name}: the interviewer's column only when interviewees are named")
        check_table(ws, 2)
        check_printed(ws, "$1:$2", header_row=2)
        check_numbers(ws, "N°", 2)
        rows.extend(dict(zip(headers, r)) for r in ws.iter_rows(min_row=3, values_only=True))
    numbers = [r.get("N°") for r in rows]
    check(len(numbers) == len(set(numbers)), "Entretiens: an interview in two sheets")
    for spec in args.guide_order:
        guide, _, order = spec.partition("=")
        ws = guide_sheets.get(guide)
        check(ws is not None, f"Entretiens: no sheet of the guide “{guide}” in {list(guide_sheets)}")
        if ws is not None:
            questions = [h for h in header_of(ws, 2) if h is not None and h not in META]
            check(questions == order.split("|"), f"{ws.title}: questions in the order {questions}")
    if full:
        mine = [r for r in rows if r.get("N°") == args.interview]
        check(len(mine) == 1, f"Entretiens: interview {args.interview} is not there once")
        first = mine[0] if mine else {}
        person = first.get("Personne interrogée")
        if args.pseudonymised:
            check(person == f"Personne interrogée {args.interview}", f"Entretiens: interviewee {person!r}")
        else:
            check(person == args.secret[0], f"Entretiens: interviewee {person!r}")
        check(isinstance(first.get("Date"), datetime.datetime), "Entretiens: the date is not a date")
        check(first.get("Essai : confiance en vous, de 1 à 5") == 4, "Entretiens: a scale answer is not a number")
        check(first.get("Essai : avez-vous trouvé un emploi ?") == "Oui", "Entretiens: a yes/no answer")
        check(first.get("Essai : ateliers suivis") == "CV; Mobilité",
              f"Entretiens: choices {first.get('Essai : ateliers suivis')!r}")
        check(first.get("Essai : nombre d’entretiens d’embauche") == 3, "Entretiens: a number answer")
        check(first.get("Essai : question retirée (retirée de la grille)") == "Une réponse d’avant",
              "Entretiens: a removed question lost its answers")
        essai = guide_sheets.get("Grille d’essai de l’export")
        check(essai is not None and essai.title == "Grille d’essai de l’export",
              f"Entretiens: the test's guide has no sheet of its name ({list(guide_sheets)})")
        if essai is not None:
            check(not any(h and h.startswith("Essai : question retirée sans réponse") for h in header_of(essai, 2)),
                  "Entretiens: a removed question without answers has a column")
            check(any(r[0] == args.interview for r in essai.iter_rows(min_row=3, values_only=True)),
                  "Entretiens: the test's interview is not in its guide's sheet")
        check(first.get("Mode") == "Téléphone" and first.get("Consentement") == "Recueilli"
              and first.get("État") == "Terminé", "Entretiens: mode, consent or status")
        check(all(r.get("Consentement") == "Recueilli" for r in rows),
              f"Entretiens: interviews without recorded consent {[r.get('N°') for r in rows if r.get('Consentement') != 'Recueilli']}")
        if args.organisation:
            check(any(r.get("Personne interrogée") == args.organisation for r in rows),
                  f"Entretiens: the organisation “{args.organisation}” is not named")
        if args.lone_structure and args.pseudonymised:
            for name in interview_sheets + ["Verbatims"]:
                inside = [c.coordinate for r in wb[name].iter_rows() for c in r if c.value == args.lone_structure]
                check(not inside, f"{name}: “{args.lone_structure}” beside its only interviewee at {inside}")
    else:
        check(interview_sheets == ["Entretiens"], f"Entretiens: sheets of nothing {interview_sheets}")

    # Verbatims
    ws = wb["Verbatims"]
    check(header_of(ws, 1) == HEADERS["Verbatims"], f"Verbatims: header {header_of(ws, 1)}")
    check_table(ws, 1)
    # A verbatim on the page of who said it, when and to which question.
    check_printed(ws, "$1:$1", header_row=1)
    check_dates(ws, "Date")
    for cell in column(ws, "Tonalité"):
        check(cell.value in ("Positif", "Négatif", "Neutre"), f"Verbatims!{cell.coordinate}: tone {cell.value!r}")
    if full:
        rows = [dict(zip(header_of(ws, 1), r)) for r in ws.iter_rows(min_row=2, values_only=True)]
        mine = [r for r in rows if (r.get("Verbatim") or "").startswith("Essai : ")]
        tagged = [r for r in mine if r["Verbatim"] == "Essai : j’ai repris confiance"]
        untagged = [r for r in mine if r["Verbatim"] == "Essai : je connais les entreprises du quartier"]
        check(len(tagged) == 2 and all(r["Effet attendu"] != "Sans effet associé" for r in tagged),
              f"Verbatims: a quote tagged with two effects is under {[r['Effet attendu'] for r in tagged]}")
        check(len(untagged) == 1 and untagged[0]["Effet attendu"] == "Sans effet associé",
              "Verbatims: an untagged quote")
        check(untagged and untagged[0]["Citation absente de la réponse"] == "Oui" and tagged
              and tagged[0]["Citation absente de la réponse"] == "Non", "Verbatims: a lost quote is not flagged")
        check(untagged and untagged[0]["Tonalité"] == "Neutre" and tagged and tagged[0]["Tonalité"] == "Positif",
              "Verbatims: tones")
        expected = f"Personne interrogée {args.interview}" if args.pseudonymised else args.secret[0]
        check(all(r["Personne interrogée"] == expected for r in mine), "Verbatims: interviewees")
        effects = [r["Effet attendu"] for r in rows]
        check(effects.index("Sans effet associé") > max(i for i, e in enumerate(effects) if e != "Sans effet associé"),
              "Verbatims: untagged quotes are not last")

    # Coopération: measures per period, per structure, joint actions.
    ws = wb["Coopération"]
    header = header_of(ws, 1)
    check(header == HEADERS["Coopération"], f"Coopération: header {header}")
    rows = [dict(zip(range(len(header)), r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    periods = [r for r in rows if r.get(0) is not None]
    for r in periods:
        check(all(isinstance(r[c], int) for c in (1, 2, 3, 4, 5, 9)),
              f"Coopération: counts of {r[0]} are not whole numbers: {[r[c] for c in (1, 2, 3, 4, 5, 9)]}")
        check(r[2] + r[3] <= r[1], f"Coopération: {r[0]} has more member and partner links than links")
        check(r[6] is None or 0 <= r[6] <= 1, f"Coopération: density {r[6]!r} of {r[0]}")
        check(r[8] is None or 0 <= r[8] <= 1, f"Coopération: share {r[8]!r} of {r[0]}")
    structures = [r for r in rows if r.get(12) is not None]
    check(len(structures) % max(len(periods), 1) == 0,
          f"Coopération: {len(structures)} rows of structures for {len(periods)} periods")
    for r in structures:
        check(isinstance(r[14], int) and isinstance(r[15], NUMBER) and r[15] >= 0,
              f"Coopération: degree {r[14]!r} and betweenness {r[15]!r} of {r[12]}")
    actions = [r for r in rows if r.get(17) is not None]
    if args.actions is not None:
        check(len(actions) == args.actions, f"Coopération: {len(actions)} joint actions, not {args.actions}")
    for r in actions:
        check(r[21] is not None and len(r[21].split(", ")) >= 2, f"Coopération: “{r[17]}” has partners {r[21]!r}")
        check(r[19] is None or isinstance(r[19], datetime.datetime), f"Coopération: date {r[19]!r} of “{r[17]}”")

    # Text as typed: never a formula, whatever it starts with.
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    # As Excel shows them: openpyxl leaves the "_x0041_" escapes of inline strings.
    strings = {unescape(c.value) for c in cells if c.data_type in ("s", "inlineStr")}
    for typed in args.text:
        check(typed in strings, f"“{typed}” is not in a cell as text")
    for c in cells:
        check(c.data_type != "f", f"{c.parent.title}!{c.coordinate}: a formula {c.value!r}")
        check(not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", c.value),
              f"{c.parent.title}!{c.coordinate}: a control character in {c.value!r}")
        check(len(c.value) <= 32767, f"{c.parent.title}!{c.coordinate}: {len(c.value)} characters")
        check(c.value not in ("nan", "None", "#VALUE!", "#VALEUR!", "#REF!"),
              f"{c.parent.title}!{c.coordinate}: {c.value!r}")
    if args.long:
        check(any(len(c.value) == 32767 and c.value.endswith("…") for c in cells),
              "a text longer than a cell holds is not cut with “…”")
    # A chart takes its texts from cells of the summary, never from a broken reference.
    with zipfile.ZipFile(args.workbook) as archive:
        for name in archive.namelist():
            if name.startswith("xl/charts/"):
                for ref in re.findall(r"<c:f>([^<]*)</c:f>", archive.read(name).decode("utf-8")):
                    check(re.match(r"^'?Synthèse'?!\$[A-Z]+\$[0-9]+(:\$[A-Z]+\$[0-9]+)?$", ref),
                          f"{name}: a reference to {ref!r}")

    # Nobody interviewed is named in a pseudonymised workbook.
    text = all_text(wb, args.workbook)
    for secret in args.secret:
        if args.pseudonymised or args.empty:
            check(secret not in text, f"“{secret}” appears in the pseudonymised workbook")
    if args.named:
        check(args.secret[0] in text, "the interviewee is not named when asked for")
    if args.interviewer and not args.empty:
        check((args.interviewer in text) == bool(args.named),
              f"“{args.interviewer}”, an interviewer, {'missing from' if args.named else 'in'} the workbook")
    if args.organisation and not args.empty:
        check(args.organisation in text, f"“{args.organisation}”, an organisation, is not named")
    for words in args.without_consent:
        check(words not in text, f"“{words}”, said without consent, is in the workbook")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{args.workbook}: {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
