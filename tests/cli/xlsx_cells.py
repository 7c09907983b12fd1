#!/usr/bin/env python3
"""xlsx_cells.py BOOK SHEET-PREFIX: the cells of the sheet of BOOK named
SHEET-PREFIX, else of the first whose name starts with it, one row a line, tab-separated, each
cell as n:NUMBER (a number) or s:TEXT (a string); empty cells empty.
Only the standard library (zipfile, xml): the CLI tests read workbooks
with it whether or not openpyxl is installed."""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def col_index(ref):
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n - 1


def main():
    book, prefix = sys.argv[1], sys.argv[2]
    z = zipfile.ZipFile(book)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    rid = None
    for s in wb.find("m:sheets", NS):   # the exact name first
        if s.get("name") == prefix:
            rid = s.get("{%s}id" % NS["r"])
    for s in wb.find("m:sheets", NS):
        if rid is None and s.get("name").startswith(prefix):
            rid = s.get("{%s}id" % NS["r"])
    if rid is None:
        sys.exit("xlsx_cells.py: no sheet '%s*' in %s" % (prefix, book))
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")):
            strings.append("".join(t.text or "" for t in si.iter(
                "{%s}t" % NS["m"])))
    sheet = ET.fromstring(z.read("xl/" + target[rid].lstrip("/")
                                 .replace("xl/", "", 1)))
    for row in sheet.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            if v is None:
                continue
            if c.get("t") == "s":
                cells[col_index(c.get("r"))] = "s:" + strings[int(v.text)]
            elif c.get("t") == "str":
                cells[col_index(c.get("r"))] = "s:" + (v.text or "")
            else:
                cells[col_index(c.get("r"))] = "n:" + v.text
        if cells:
            print("\t".join(cells.get(i, "") for i in range(max(cells) + 1)))


main()
