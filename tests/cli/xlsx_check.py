#!/usr/bin/env python3
"""Read a needstat-xlsx workbook back with a real client and compare it
with needstat-report's own outputs (tests/cli/xlsx_openpyxl.sh and
tests/cli/xlsx_libreoffice.sh run it).

  xlsx_check.py openpyxl BOOK.xlsx DIR
      BOOK read with openpyxl; DIR holds list.txt (needstat-report --list
      in the workbook's language) and ID.json (needstat-report --format
      json) for the reports of the workbook to compare (all of them is
      checked when DIR has any .json).
  xlsx_check.py csv SHEETS_DIR DIR
      SHEETS_DIR holds one CSV per sheet written by LibreOffice
      (--convert-to csv, every sheet); DIR holds list.txt and ID.csv
      (needstat-report --format csv).

The reports in DIR are run with --no-suppress: the workbook suppresses
all its sheets as one set (a count two sheets show is one cell), so it
may hide more than a report run alone; every cell it shows must equal
the report's value, every cell it hides must be the text <N (the true
count below N) or x, with a note.  A Data sheet ("Data", "Données") is
checked too: its counts numbers of at least N or hidden, never a small
number (N from the Notes sheet's min-cell, else 5).

Prints one line per problem and exits 1 when there is any, else prints
what it checked and exits 0.
"""
import csv
import glob
import json
import math
import os
import re
import sys

HEAD = 4            # the header row of every report sheet (1-based)
MIN_CELL = 5        # the workbook's threshold
problems = []


def bad(msg):
    problems.append(msg)
    print("FAIL: " + msg)


def titles(d):
    """title -> report id, from needstat-report --list."""
    out = {}
    with open(os.path.join(d, "list.txt"), encoding="utf-8") as f:
        for line in f:
            rid, title = line.rstrip("\n").split(None, 1)
            out[title.strip()] = rid
    return out


def num_eq(a, b):
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def want_format(col):
    t, d = col["type"], col["decimals"]
    if t == "int":
        return "#,##0"
    if t in ("real", "rate"):
        return "#,##0." + "0" * d if d else "#,##0"
    if t == "share":
        return "0." + "0" * d + "%" if d else "0%"
    if t == "month":
        return "yyyy-mm"
    if t == "date":
        return "yyyy-mm-dd"
    return None


def chart_kind(ch):
    from openpyxl.chart import BarChart, LineChart
    if isinstance(ch, LineChart):
        return "line"
    if isinstance(ch, BarChart):
        if ch.barDir == "bar":
            return "hbar"
        return "stacked_bar" if ch.grouping == "stacked" else "bar"
    return type(ch).__name__


def check_openpyxl(book, d):
    import openpyxl
    wb = openpyxl.load_workbook(book)
    names = titles(d)
    if wb.sheetnames[0] != "Notes":
        bad("the first sheet is %r, not Notes" % wb.sheetnames[0])
    if not wb.properties.title:
        bad("no workbook title")
    seen = 0
    for ws in wb.worksheets:
        # nothing but the chart block's plain references is a formula
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" and \
                        not re.fullmatch(r"=[A-Z]{1,3}[0-9]+", str(c.value)):
                    bad("%s!%s is the formula %r" % (ws.title, c.coordinate,
                                                     c.value))
                if c.comment and c.data_type == "n" and \
                        c.comment.text.startswith(("Suppressed", "Masqu")):
                    bad("%s!%s: a suppressed cell holds the number %r" %
                        (ws.title, c.coordinate, c.value))
        if ws.title in ("Data", "Donn\u00e9es"):
            check_data(ws)
        rid = names.get(str(ws["A1"].value))
        if ws.title == "Notes" or rid is None or \
                not os.path.exists(os.path.join(d, rid + ".json")):
            continue
        seen += 1
        with open(os.path.join(d, rid + ".json"), encoding="utf-8") as f:
            rep = json.load(f)
        check_sheet(ws, rep, rid)
    if seen != len(glob.glob(os.path.join(d, "*.json"))):
        bad("%d report sheets found, %d reports expected" %
            (seen, len(glob.glob(os.path.join(d, "*.json")))))
    print("openpyxl: %d report sheets checked" % seen)


def check_data(ws):
    """The Data sheet: counts (needs, referrals: columns E, F) numbers of
    at least MIN_CELL or the text <N / x with a note (suppressed), or any
    number when the sheet says NOT FOR PUBLICATION."""
    internal = any("NOT FOR PUBLICATION" in str(c.value) or
                   "NE PAS PUBLIER" in str(c.value)
                   for row in ws.iter_rows(max_row=3) for c in row)
    n = hidden = 0
    for row in ws.iter_rows(min_row=HEAD + 1, min_col=5, max_col=6):
        for c in row:
            if c.value is None:
                continue
            n += 1
            if c.data_type == "n":
                if not internal and c.value < MIN_CELL:
                    bad("Data!%s: the small count %r is shown" % (
                        c.coordinate, c.value))
            elif c.value in ("<%d" % MIN_CELL, "x"):
                hidden += 1
                if internal:
                    bad("Data!%s: suppressed in an internal workbook" %
                        c.coordinate)
                if not c.comment:
                    bad("Data!%s: suppressed cell without a note" %
                        c.coordinate)
            elif c.row > HEAD + 1:
                bad("Data!%s: %r is not a count" % (c.coordinate, c.value))
    if n == 0:
        bad("Data: no counts")
    print("openpyxl: Data sheet, %d counts, %d hidden" % (n, hidden))


def check_sheet(ws, rep, rid):
    cols, rows, flags = rep["columns"], rep["rows"], rep["flags"]
    if ws.freeze_panes != "A%d" % (HEAD + 1):
        bad("%s: frozen at %r" % (rid, ws.freeze_panes))
    tables = list(ws.tables.values())
    if len(tables) != 1:
        bad("%s: %d Excel tables" % (rid, len(tables)))
    else:
        ref = tables[0].ref
        want = "A%d:" % HEAD
        if not ref.startswith(want) or \
                not ref.endswith(str(HEAD + max(len(rows), 1))):
            bad("%s: table at %s" % (rid, ref))
    for k, col in enumerate(cols):
        h = ws.cell(HEAD, k + 1).value
        if not str(h).startswith(col["label"]):
            bad("%s: header %d is %r, not %r" % (rid, k, h, col["label"]))
    for i, row in enumerate(rows):
        for k, col in enumerate(cols):
            c = ws.cell(HEAD + 1 + i, k + 1)
            fl = flags[i].get(col["name"], []) if flags[i] else []
            where = "%s!%s (%s)" % (rid, c.coordinate, col["name"])
            v = row[k]
            if "suppressed" in fl:
                bad("%s: the report is not run with --no-suppress" % where)
                continue
            if c.data_type == "s" and c.value in ("<%d" % MIN_CELL, "x") \
                    and col["type"] in ("int", "real", "share", "rate"):
                if not c.comment:
                    bad("%s: suppressed cell without a note" % where)
                if c.value != "x" and col["type"] == "int" and \
                        v is not None and not 0 <= v < MIN_CELL:
                    bad("%s: shown %r, the count is %r" % (where, c.value,
                                                          v))
                continue
            if v is None:
                continue
            if col["type"] in ("int", "real", "share", "rate"):
                if c.data_type != "n" or not num_eq(c.value, v):
                    bad("%s: %r, report says %r" % (where, c.value, v))
                if c.number_format != want_format(col):
                    bad("%s: number format %r, not %r" % (
                        where, c.number_format, want_format(col)))
            elif col["type"] in ("month", "date"):
                got = c.value.strftime("%Y-%m" if col["type"] == "month"
                                       else "%Y-%m-%d") \
                    if hasattr(c.value, "strftime") else c.value
                if got != v or c.number_format != want_format(col):
                    bad("%s: %r (%s), report says %r" % (where, c.value,
                                                        c.number_format, v))
            elif c.data_type != "s" or c.value != v:
                bad("%s: %r, report says %r" % (where, c.value, v))
    ch = rep.get("chart")
    charts = ws._charts
    if ch and ch["type"] != "none":
        if len(charts) != 1:
            bad("%s: %d charts, expected 1" % (rid, len(charts)))
        else:
            kind = chart_kind(charts[0])
            want = {"grouped_bar": "bar"}.get(ch["type"], ch["type"])
            if kind != want:
                bad("%s: a %s chart, expected %s" % (rid, kind, want))
            if not charts[0].series:
                bad("%s: chart without series" % rid)
    elif charts:
        bad("%s: a chart the report does not have" % rid)


def month_of(s):
    """LibreOffice writes a yyyy-mm cell as MM/DD/YYYY: back to YYYY-MM."""
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", s)
    return "%s-%s" % (m.group(3), m.group(1)) if m else s


def check_csv(sheets, d):
    names = titles(d)
    seen = 0
    for path in sorted(glob.glob(os.path.join(sheets, "*.csv"))):
        with open(path, encoding="utf-8") as f:
            lines = list(csv.reader(f))
        if not lines or lines[0][0] not in names:
            continue
        rid = names[lines[0][0]]
        with open(os.path.join(d, rid + ".csv"), encoding="utf-8") as f:
            rep = list(csv.reader(f))
        seen += 1
        head = rep[0]
        vals = [k for k, h in enumerate(head)
                if h != "row_type" and not h.endswith("_flag")]
        got = lines[HEAD:]
        for i, r in enumerate(rep[1:]):
            if i >= len(got):
                bad("%s: the sheet has %d rows, the report %d" % (
                    rid, len(got), len(rep) - 1))
                break
            for j, k in enumerate(vals):
                want, flag = r[k], r[k + 1] if k + 1 < len(r) and \
                    head[k + 1].endswith("_flag") else ""
                cell = month_of(got[i][j])
                where = "%s row %d %s" % (rid, i + 1, head[k])
                if flag in ("x",) or flag.startswith("<"):
                    bad("%s: the report is not run with --no-suppress" %
                        where)
                if cell in ("<%d" % MIN_CELL, "x") and want != cell:
                    # hidden by the workbook's set: a "<N" is a small count
                    try:
                        small = 0 <= float(want) < MIN_CELL
                    except ValueError:
                        small = want == ""
                    if cell != "x" and not small:
                        bad("%s: %r, the count is %r" % (where, cell, want))
                    continue
                if want == "":
                    if flag in ("x",) or flag.startswith("<"):
                        if cell != flag:
                            bad("%s: %r, report shows %r" % (where, cell,
                                                            flag))
                    elif r[0] == "total" and j == 0:
                        pass    # "Total" in people outputs
                    continue
                try:
                    float(want)
                    isnum = True
                except ValueError:
                    isnum = False
                if isnum:
                    try:
                        # a share: LibreOffice keeps the percent sign
                        val = float(cell[:-1]) / 100 if cell.endswith("%") \
                            else float(cell.replace(",", ""))
                        ok = num_eq(val, want)
                    except ValueError:
                        ok = False
                    if not ok:
                        bad("%s: %r, report says %r" % (where, cell, want))
                elif cell != want:
                    bad("%s: %r, report says %r" % (where, cell, want))
    if seen != len(glob.glob(os.path.join(d, "*.csv"))):
        bad("%d report sheets found, %d reports expected" %
            (seen, len(glob.glob(os.path.join(d, "*.csv")))))
    print("csv: %d report sheets checked" % seen)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("openpyxl", "csv"):
        print(__doc__, file=sys.stderr)
        return 2
    if sys.argv[1] == "openpyxl":
        check_openpyxl(sys.argv[2], sys.argv[3])
    else:
        check_csv(sys.argv[2], sys.argv[3])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
