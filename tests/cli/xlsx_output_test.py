#!/usr/bin/env python3
"""`--format xlsx` in a real reader (openpyxl, Debian's python3-openpyxl).

Usage: xlsx_output_test.py JOINEDUP REPOSITORY WORKDIR

Runs real commands over examples/data and data/demo, each once for its reference output and once
with `--format xlsx -o FILE`, and checks the workbook sheet by sheet: a Contents sheet listing
every table with a link to its sheet; on each table's sheet the header row (frozen, filtered)
and every row's values against the reference, cell types and number formats included (numbers
as numbers, money as numbers formatted £#,##0.00, percent formatted 0.0#"%", dates as dates,
booleans, nulls as empty cells); and the diagnostics sheet when there are diagnostics.

The reference is the command's JSON document when it holds tables (`{"tables": [...]}` or one
table `{"columns", "rows"}`), which gives every table and its column kinds; otherwise its CSV
(`--format csv`, with --table for each named sheet), which gives one table's text.

Then: NHS numbers masked in every cell (care commands over examples/data/northmoor-plans.json,
which holds them) unless --show-nhs-numbers; --format xlsx to a terminal refused (exit 2)
before anything is written; --table narrowing the workbook to one table.
"""
import csv
import datetime
import io
import json
import os
import pty
import re
import subprocess
import sys
from decimal import Decimal

import openpyxl

JOINEDUP, REPO, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(WORK, exist_ok=True)
failures = []
MONEY_FORMAT = "\u00a3#,##0.00"
PERCENT_FORMAT = '0.0#"%"'


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)
    return condition


def run(args, **kw):
    p = subprocess.run([JOINEDUP, *args], cwd=REPO, capture_output=True, **kw)
    err = p.stderr.decode("utf-8", "replace")
    check("Sanitizer" not in err and "runtime error" not in err and p.returncode < 3,
          f"joinedup {' '.join(args)} crashed: {p.returncode} {err[-2000:]}")
    return p


def workbook(args, name):
    path = os.path.join(WORK, name + ".xlsx")
    if os.path.exists(path):
        os.remove(path)
    p = run([*args, "--format", "xlsx", "-o", path])
    check(p.stdout == b"", f"{name}: -o FILE: nothing on standard output")
    if not check(os.path.exists(path), f"{name}: no workbook written (exit {p.returncode}: "
                                       f"{p.stderr.decode()[-500:]})"):
        return None, p
    return openpyxl.load_workbook(path), p


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_cell(where, c, kind, want):
    """One cell against the JSON value `want` of a column of `kind`."""
    v = c.value
    if want is None:
        return check(v is None, f"{where}: empty cell expected, found {v!r}")
    if kind == "integer":
        check(number(v) and v == want, f"{where}: number {want!r} expected, found {v!r}")
    elif kind in ("decimal", "percent"):
        # libxlsxwriter writes 16 significant digits (Excel shows 15): the double nearest them
        check(number(v) and v == float("%.16G" % want),
              f"{where}: number {want!r} expected, found {v!r}")
        if kind == "percent":
            check(c.number_format == PERCENT_FORMAT, f"{where}: percent format {c.number_format}")
    elif kind == "money":
        check(number(v) and Decimal(want) == Decimal(repr(float(v))).quantize(Decimal("0.01"))
              and float(want) == v, f"{where}: money {want} expected, found {v!r}")
        check(c.number_format == MONEY_FORMAT, f"{where}: money format {c.number_format!r}")
    elif kind == "date":
        check(isinstance(v, datetime.datetime) and v.date().isoformat() == want and c.is_date,
              f"{where}: date {want} expected, found {v!r}")
    elif kind == "boolean":
        check(isinstance(v, bool) and v == want, f"{where}: boolean {want!r} found {v!r}")
    else:
        check(isinstance(v, str) and v == want, f"{where}: text {want!r} expected, found {v!r}")


def check_sheet_shape(where, ws, columns):
    check(ws.freeze_panes == "A2", f"{where}: header not frozen ({ws.freeze_panes})")
    header = [c.value for c in ws[1]][:len(columns)]
    check(header == columns, f"{where}: header {header} expected {columns}")
    check(all(c.font.b for c in ws[1][:len(columns)]), f"{where}: header not bold")
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1"),
          f"{where}: no autofilter ({ws.auto_filter.ref})")


def check_contents(where, wb, titles):
    """The Contents sheet: a row per table, a link to its sheet, its title and row count."""
    ws = wb["Contents"]
    check(wb.sheetnames[0] == "Contents", f"{where}: Contents is not the first sheet")
    check([c.value for c in ws[3]] == ["sheet", "title", "rows"], f"{where}: Contents header")
    for i, (title, rows) in enumerate(titles):
        row = [c.value for c in ws[4 + i]]
        sheet = wb.sheetnames[1 + i]
        check(row == [sheet, title, rows], f"{where}: Contents row {i}: {row}")
        link = ws.cell(4 + i, 1).hyperlink
        check(link is not None and link.location == "'" + sheet.replace("'", "''") + "'!A1",
              f"{where}: Contents link to {sheet}: {link and link.location}")


def check_diagnostics(where, wb, diags):
    if not diags:
        check("diagnostics" not in wb.sheetnames, f"{where}: a diagnostics sheet without any")
        return
    if not check("diagnostics" in wb.sheetnames, f"{where}: no diagnostics sheet"):
        return
    ws = wb["diagnostics"]
    check([c.value for c in ws[1]] == ["code", "severity", "path", "line", "message"],
          f"{where}: diagnostics header")
    got = [(r[0], r[1], r[2] or "", r[3], r[4]) for r in ws.iter_rows(min_row=2, values_only=True)]
    want = [(d["code"], d["severity"], d["path"], d.get("line"), d["message"]) for d in diags]
    check(got == want, f"{where}: diagnostics {got[:3]} expected {want[:3]}")


def tables_of(doc):
    if isinstance(doc, dict) and isinstance(doc.get("tables"), list):
        return doc["tables"]
    if isinstance(doc, dict) and "columns" in doc and "rows" in doc:
        return [doc]
    return None


def compare_json(name, args, diags_from=None):
    """A command whose JSON document holds its tables: every sheet against it."""
    p = run([*args, "--format", "json"])
    doc = json.loads(p.stdout)
    tables = tables_of(doc)
    if not check(tables is not None, f"{name}: the JSON holds no tables"):
        return
    wb, px = workbook(args, name)
    if wb is None:
        return
    check(px.returncode == p.returncode, f"{name}: exit {px.returncode}, JSON {p.returncode}")
    check(len(wb.sheetnames) == 1 + len(tables) + (1 if doc.get("diagnostics") else 0),
          f"{name}: sheets {wb.sheetnames} for {len(tables)} table(s)")
    check_contents(name, wb, [(t["title"], len(t["rows"])) for t in tables])
    for i, t in enumerate(tables):
        ws = wb.worksheets[1 + i]
        where = f"{name}/{ws.title}"
        columns = [c["name"] for c in t["columns"]]
        check_sheet_shape(where, ws, columns)
        check(ws.max_row == 1 + len(t["rows"]) or (not t["rows"] and ws.max_row == 1),
              f"{where}: {ws.max_row - 1} rows, JSON {len(t['rows'])}")
        for r, row in enumerate(t["rows"]):
            for c, col in enumerate(t["columns"]):
                check_cell(f"{where}!{ws.cell(r + 2, c + 1).coordinate}", ws.cell(r + 2, c + 1),
                           col["kind"], row.get(col["name"]))
    check_diagnostics(name, wb, doc.get("diagnostics", []))


def csv_value_matches(c, text):
    v = c.value
    if text == "":
        return v is None
    if isinstance(v, bool):
        return text == ("true" if v else "false")
    if isinstance(v, datetime.datetime):
        return c.is_date and v.date().isoformat() == text
    if number(v):
        try:
            return float("%.16G" % float(text)) == v and (
                c.number_format != MONEY_FORMAT or float(text) == v)
        except ValueError:
            return False
    return v == text


def compare_csv(name, args, sheets, expect_diags=False):
    """A command whose JSON is a document of its own: the named sheets against its CSV."""
    wb, px = workbook(args, name)
    if wb is None:
        return
    for sheet, table in sheets:
        if not check(sheet in wb.sheetnames, f"{name}: no sheet {sheet} in {wb.sheetnames}"):
            continue
        p = run([*args, "--format", "csv", *(["--table", table] if table else [])])
        rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"))))
        ws = wb[sheet]
        where = f"{name}/{sheet}"
        check_sheet_shape(where, ws, rows[0])
        check(ws.max_row == len(rows), f"{where}: {ws.max_row} rows, CSV {len(rows)}")
        for r, row in enumerate(rows[1:]):
            for c, text in enumerate(row):
                cell = ws.cell(r + 2, c + 1)
                # CSV neutralises a text starting = + - @ with a quote; the workbook keeps it
                text = text[1:] if text[:2] in ("'=", "'+", "'-", "'@") else text
                check(csv_value_matches(cell, text),
                      f"{where}!{cell.coordinate}: {cell.value!r} ({cell.number_format}) for "
                      f"CSV {text!r}")
    check(("diagnostics" in wb.sheetnames) == expect_diags or expect_diags is None,
          f"{name}: diagnostics sheet {'missing' if expect_diags else 'unexpected'}")


FUND = "examples/data/northmoor-fund.json"
LEDGER = "examples/data/northmoor-ledger.csv"
PLANS = "examples/data/northmoor-plans.json"

# Commands whose JSON document holds their tables.
for name, args in [
    ("budget_validate", ["budget", "validate", FUND]),
    ("budget_validate_broken", ["budget", "validate", "examples/data/broken-fund.json"]),
    ("care_caseload", ["care", "caseload", "data/demo/care-plans.json", "--as-of",
                       "2025-11-30"]),
    ("care_caseload_northmoor", ["care", "caseload", PLANS, "--as-of", "2025-11-30"]),
    ("care_guarantee", ["care", "guarantee", "data/demo/care-plans.json"]),
    ("care_reviews", ["care", "reviews", PLANS, "--as-of", "2025-11-30"]),
    ("care_cost", ["care", "cost", "data/demo/care-plans.json", "--year", "2025-26"]),
    ("core_money", ["core", "money", "1234.56", "(1,234.56)"]),
    ("core_allocate", ["core", "allocate", "0.05", "70", "30"]),
    ("core_period", ["core", "period", "2025-03-31", "2025-04-01"]),
    ("core_id", ["core", "id", "9434765919", "E54000050", "RH802"]),
    ("outcomes_stats", ["outcomes", "stats", "examples/data/outcomes-stats.jsonl"]),
    ("outcomes_spc", ["outcomes", "spc", "examples/data/outcomes-spc.jsonl"]),
    ("outcomes_spc_missing", ["outcomes", "spc", "examples/data/outcomes-spc-missing.jsonl"]),
    # the board pack: every table of `joinedup report` (pack.xlsx) against its JSON
    ("report_demo", ["report", "data/demo"]),
]:
    compare_json(name, args)

# Commands whose JSON is a document of their own: sheets against the CSV.
compare_csv("budget_forecast", ["budget", "forecast", FUND, LEDGER, "--as-of", "2025-11-30"],
            [("forecast", None)])
compare_csv("budget_settle", ["budget", "settle", "examples/data/riverside-fund.json",
                              "examples/data/riverside-ledger.csv", "--as-of", "2026-03-31"],
            [("settlement", None)], expect_diags=True)  # info budget.forecast.year_ended
compare_csv("budget_capitation", ["budget", "capitation", "examples/data/northmoor-population.csv",
                                  "--rate", "312.40"], [("allocations", None)])
compare_csv("budget_pace", ["budget", "pace-of-change", "examples/data/pace-of-change.json"],
            [("areas", None)])
compare_csv("budget_alliance", ["budget", "alliance", "examples/data/northmoor-alliance.json"],
            [("members", None)])
compare_csv("budget_at", ["budget", "at", "data/demo/budget-fund.json", "--events",
                          "data/demo/budget-events.json", "--date", "2025-12-31"],
            [("events", None)])
compare_csv("governance_check", ["governance", "check", "examples/data/northmoor-commissioner.json",
                                 "--as-of", "2025-11-30"], [("returns", None)], expect_diags=True)
compare_csv("governance_decide", ["governance", "decide",
                                  "examples/data/northmoor-request-permitted.json", "--scheme",
                                  "examples/data/northmoor-delegation.json"], [("reasons", None)])
compare_csv("outcomes_scorecard", ["outcomes", "scorecard",
                                   "examples/data/northmoor-outcomes-measurements.csv",
                                   "--framework", "examples/data/northmoor-outcomes-framework.json",
                                   "--as-of", "2025-11-30"], [("scorecard", None)])
compare_csv("governance_progress", ["governance", "progress",
                                    "examples/data/northmoor-progress.json", "--plans",
                                    "data/demo/care-plans.json", "--as-of", "2025-11-30"],
            [("measures", "measures"), ("ambitions", "ambitions")])
compare_csv("outcomes_catalogue", ["outcomes", "catalogue"], [("indicators", None)])
compare_csv("audit_verify", ["audit", "verify", "examples/data/northmoor-audit.jsonl"],
            [("entries", None)])
compare_csv("audit_verify_tampered", ["audit", "verify", "examples/data/tampered-audit.jsonl"],
            [("entries", None)], expect_diags=True)

# care check prints no table: its workbook is the Contents sheet and its findings.
wb, p = workbook(["care", "check", PLANS, "--as-of", "2025-11-30"], "care_check")
if wb is not None:
    doc = json.loads(run(["care", "check", PLANS, "--as-of", "2025-11-30", "--format",
                          "json"]).stdout)
    check(wb.sheetnames == ["Contents", "diagnostics"], f"care check: sheets {wb.sheetnames}")
    check(wb["Contents"]["A4"].value == "(no tables)", "care check: Contents")
    check_diagnostics("care_check", wb, doc["diagnostics"])
    check(p.returncode == 1, f"care check: exit {p.returncode}")

# NHS numbers: the report tables mask those they know of (examples/data/northmoor-plans.json's
# people); a valid NHS number in free text (an audit entry's subject here) is masked in every
# cell as deliver_output masks text, and shown in full only with --show-nhs-numbers.
NHS = re.compile(r"(?<![0-9*])\d{10}(?!\d)|(?<!\d)\d{3} \d{3} \d{4}(?!\d)")


def cell_texts(wb):
    return [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
            if v is not None]


for cmd in (["care", "reviews", PLANS, "--as-of", "2025-11-30"],
            ["care", "check", PLANS, "--as-of", "2025-11-30"]):
    wb, _ = workbook(cmd, "nhs_care")
    if wb is not None:
        texts = cell_texts(wb)
        check(not any(NHS.search(t) for t in texts),
              f"{cmd[1]}: full NHS numbers: {[t for t in texts if NHS.search(t)][:3]}")
        check(any("*** *** " in t for t in texts), f"{cmd[1]}: no masked NHS number (test data?)")
log = os.path.join(WORK, "nhs-audit.jsonl")
if os.path.exists(log):
    os.remove(log)
run(["audit", "append", log, "--actor", "A", "--action", "note", "--subject",
     "plan for 9434765919", "--at", "2025-01-01T00:00:00Z"])
masked, _ = workbook(["audit", "verify", log], "nhs_masked")
shown, _ = workbook(["audit", "verify", log, "--show-nhs-numbers"], "nhs_shown")
if masked is not None and shown is not None:
    check("plan for ******5919" in cell_texts(masked) and
          not any("9434765919" in t for t in cell_texts(masked)),
          f"audit verify: NHS number not masked: {cell_texts(masked)}")
    check("plan for 9434765919" in cell_texts(shown),
          f"audit verify --show-nhs-numbers: {cell_texts(shown)}")
appended, _ = workbook(["audit", "append", log, "--actor", "A", "--action", "note", "--subject",
                        "again 9434765919", "--at", "2025-01-02T00:00:00Z"], "nhs_append")
if appended is not None:
    check(not any("9434765919" in t for t in cell_texts(appended)), "audit append: NHS number")

# --table NAME narrows the workbook to that table.
wb, _ = workbook(["governance", "progress", "examples/data/northmoor-progress.json",
                  "--as-of", "2025-11-30", "--table", "ambitions"], "one_table")
if wb is not None:
    check(wb.sheetnames == ["Contents", "ambitions"], f"--table: sheets {wb.sheetnames}")

# Binary never to a terminal: without -o, standard output a terminal is a usage error, found
# before the command runs; redirected to a file or pipe it is the workbook.
leader, follower = pty.openpty()
p = subprocess.run([JOINEDUP, "core", "money", "1.00", "--format", "xlsx"], cwd=REPO,
                   stdout=follower, stderr=subprocess.PIPE)
os.close(follower)
os.close(leader)
check(p.returncode == 2 and b"give -o FILE" in p.stderr,
      f"xlsx to a terminal: exit {p.returncode}: {p.stderr.decode()[-300:]}")
p = run(["core", "money", "1.00", "--format", "xlsx"])
check(p.returncode == 0 and p.stdout[:2] == b"PK", "xlsx to a pipe: a zip on standard output")
wb = openpyxl.load_workbook(io.BytesIO(p.stdout))
check(wb.sheetnames[:2] == ["Contents", "amounts"], f"core money: sheets {wb.sheetnames}")
check(wb.properties.creator == "joinedup", f"core money: creator {wb.properties.creator}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")
