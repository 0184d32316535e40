#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads an XLSForm written by Tissage back with openpyxl, checks what
KoboToolbox and ODK need of it, and prints its questions and choices, one
a line, for the test to answer the form as the survey tool would:
  item<TAB>group/name<TAB>type
  choice<TAB>list<TAB>name
Usage: check-xlsform.py FORM.xlsx"""

import re
import sys

import openpyxl

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
LABEL = "label::Français (fr)"
FIRST = ["consentement", "pseudonyme", "structure", "date_entretien"]


def fail(message):
    sys.exit("check-xlsform.py: " + message)


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    header = [v for v in values[0]]
    return header, [dict(zip(header, r)) for r in values[1:]]


wb = openpyxl.load_workbook(sys.argv[1])
if wb.sheetnames != ["survey", "choices", "settings"]:
    fail("sheets %r" % wb.sheetnames)

survey_header, survey = rows(wb["survey"])
for column in ["type", "name", LABEL]:
    if column not in survey_header:
        fail("survey has no column %s" % column)
choices_header, choices = rows(wb["choices"])
if choices_header[:3] != ["list_name", "name", LABEL]:
    fail("choices header %r" % choices_header)
_, settings = rows(wb["settings"])
for key in ["form_title", "form_id", "version"]:
    if not settings or not settings[0].get(key):
        fail("settings has no %s" % key)
if not NAME.match(settings[0]["form_id"]):
    fail("form_id %r" % settings[0]["form_id"])

lists = {}
for c in choices:
    if not c["name"] or not c[LABEL]:
        fail("choice without name or label: %r" % c)
    names = lists.setdefault(c["list_name"], [])
    if c["name"] in names:
        fail("choice %s twice in %s" % (c["name"], c["list_name"]))
    names.append(str(c["name"]))

seen = set()
groups = []
out = []
questions = []
for r in survey:
    kind, name = r["type"], r["name"]
    if not name or not NAME.match(name):
        fail("invalid name %r" % name)
    if kind == "end_group":
        if not groups or groups.pop() != name:
            fail("end_group %s does not close its group" % name)
        continue
    if name in seen:
        fail("name %s twice" % name)
    seen.add(name)
    if not r[LABEL]:
        fail("%s has no label" % name)
    if kind == "begin_group":
        groups.append(name)
        continue
    words = kind.split()
    if words[0] in ("select_one", "select_multiple"):
        if len(words) != 2 or words[1] not in lists:
            fail("%s: list %r missing from choices" % (name, words[1:]))
    elif kind not in ("text", "integer", "decimal", "date"):
        fail("%s: unknown type %s" % (name, kind))
    questions.append(name)
    out.append("item\t%s\t%s" % ("/".join(groups + [name]), kind))
if groups:
    fail("groups left open: %r" % groups)
if questions[:4] != FIRST:
    fail("the first questions are %r" % questions[:4])

for list_name, names in lists.items():
    for n in names:
        out.append("choice\t%s\t%s" % (list_name, n))
print("\n".join(out))
