#!/usr/bin/env python3
"""The fund workbook in a real reader (openpyxl, Debian's python3-openpyxl), and hostile
workbooks against budget import-fund.

Usage: budget_workbook_test.py JOINEDUP REPOSITORY WORKDIR [hostile]

Without "hostile": opens `budget template --xlsx` output (empty and filled from the Northmoor
fund) and checks sheets, headers, values, formats and dropdowns; fills the empty template with a
small fund, reads it back with `budget import-fund` and checks its figures (worked by hand
below); then writes the workbook again from that fund and reads it back to the same document
(template -> filled workbook -> fund -> workbook -> fund).

With "hostile": damaged and hostile workbooks made from the template with zipfile; each must be
refused with exit 1, its diagnostic code, no crash and nothing written.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import zipfile

JOINEDUP, REPO, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
HOSTILE = len(sys.argv) > 4 and sys.argv[4] == "hostile"
os.makedirs(WORK, exist_ok=True)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([JOINEDUP, *args], cwd=REPO, capture_output=True, text=True)
    check("Sanitizer" not in p.stderr and p.returncode < 128,
          f"joinedup {' '.join(args)} crashed: {p.returncode} {p.stderr[-2000:]}")
    return p


def path(name):
    return os.path.join(WORK, name)


SHEETS = ["Instructions", "Fund", "Partners", "Contributions", "Instalments", "Ring fences",
          "Schemes", "Lines", "Risk overrides", "Risk pool funding", "Overspend caps",
          "DFG pass-through", "Lists"]

for f in ("empty.xlsx", "northmoor.xlsx"):
    if os.path.exists(path(f)):
        os.remove(path(f))
p = run("budget", "template", "--xlsx", path("empty.xlsx"))
check(p.returncode == 0, f"template: exit {p.returncode}: {p.stderr}")
p = run("budget", "template", "--xlsx", path("northmoor.xlsx"), "--fund",
        "examples/data/northmoor-fund.json")
check(p.returncode == 0, f"template --fund: exit {p.returncode}: {p.stderr}")


def hostile():
    """Workbooks made from the Northmoor one, each damaged in one way."""
    with zipfile.ZipFile(path("northmoor.xlsx")) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    p = run("budget", "import-fund", path("northmoor.xlsx"))
    check(p.returncode == 0, f"the undamaged workbook reads: {p.stderr}")

    def make(name, changes, drop=()):
        out = path(name)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n, data in parts.items():
                if n in drop:
                    continue
                z.writestr(n, changes.get(n, data))
        return out

    sheet_of = {}
    book = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', book):
        target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
            re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
        sheet_of[name] = "xl/" + target.group(1)
    partners = parts[sheet_of["Partners"]].decode()
    contributions = parts[sheet_of["Contributions"]].decode()
    strings = parts["xl/sharedStrings.xml"].decode()
    whole = open(path("northmoor.xlsx"), "rb").read()

    laughs = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
              + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10)
                        for i in range(9))
              + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'count="1" uniqueCount="1"><si><t>&j;</t></si></sst>')
    external = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'count="1" uniqueCount="1"><si><t>&x;</t></si></sst>')
    first_string_cell = re.search(r'<c r="A2"([^>]*) t="s"><v>\d+</v>', partners).group(0)
    cases = [
        ("not a zip", "budget.workbook.zip", None, b"id,name\nicb,NHS\n"),
        ("empty file", "budget.workbook.zip", None, b""),
        ("truncated zip", "budget.workbook.zip", None, whole[: len(whole) // 2]),
        ("huge part", "budget.workbook.limit",
         ({sheet_of["Partners"]: b" " * (65 << 20)}, ()), None),
        ("malformed XML", "budget.workbook.xml",
         ({sheet_of["Partners"]: partners[: len(partners) // 2].encode()}, ()), None),
        ("billion laughs", "budget.workbook.xml", ({"xl/sharedStrings.xml": laughs.encode()}, ()),
         None),
        ("external entity", "budget.workbook.xml",
         ({"xl/sharedStrings.xml": external.encode()}, ()), None),
        ("missing part", "budget.workbook.part", ({}, (sheet_of["Lines"],)), None),
        ("missing sheet", "budget.workbook.sheet",
         ({"xl/workbook.xml": re.sub(r'<sheet name="Lines"[^>]*/>', "", book).encode()}, ()),
         None),
        ("shared string out of range", "budget.workbook.cell",
         ({sheet_of["Partners"]: partners.replace(
             first_string_cell, re.sub(r"<v>\d+</v>", "<v>999999</v>", first_string_cell))
           .encode()}, ()), None),
        ("cell reference out of range", "budget.workbook.cell",
         ({sheet_of["Partners"]: partners.replace('r="A2"', 'r="XFE2"', 1).encode()}, ()),
         None),
        ("three decimal places", "budget.workbook.money",
         ({sheet_of["Contributions"]: re.sub(r"<v>24312540</v>", "<v>24312540.005</v>",
                                             contributions).encode()}, ()), None),
        ("no shared strings part", "budget.workbook.part",
         ({}, ("xl/sharedStrings.xml",)), None),
    ]
    check(strings.startswith("<?xml"), "the shared strings part is where expected")
    for name, code, change, raw in cases:
        target = path("hostile.xlsx")
        if raw is not None:
            with open(target, "wb") as f:
                f.write(raw)
        else:
            target = make("hostile.xlsx", change[0], change[1])
        out = path("hostile.json")
        if os.path.exists(out):
            os.remove(out)
        p = run("budget", "import-fund", target, "-o", out)
        check(p.returncode == 1, f"{name}: exit {p.returncode}, expected 1: {p.stderr[-500:]}")
        check(code in p.stderr, f"{name}: {code} not in: {p.stderr[-500:]}")
        check(not os.path.exists(out), f"{name}: something was written")
        check("root:" not in p.stdout + p.stderr, f"{name}: an external entity was read")

    # The 1904 date system: the same serials are 1,462 days later. The Northmoor agreement's
    # start, 2025-04-01 (serial 45748 in the 1900 system), reads as 2029-04-02.
    p = run("budget", "import-fund",
            make("d1904.xlsx", {"xl/workbook.xml": book.replace(
                "<workbookPr", '<workbookPr date1904="1"').encode()}), "-o", path("d1904.json"))
    check("2029-04-02" in open(path("d1904.json")).read() if os.path.exists(path("d1904.json"))
          else "2029-04-02" in p.stderr, f"1904 dates: {p.stderr[-500:]}")


if HOSTILE:
    hostile()
else:
    import openpyxl  # Debian: python3-openpyxl; scripts/bootstrap installs it

    # --- the empty template ---------------------------------------------------------------
    wb = openpyxl.load_workbook(path("empty.xlsx"))
    check(wb.sheetnames == SHEETS, f"sheet names: {wb.sheetnames}")
    headers = {name: [c.value for c in wb[name][1]] for name in SHEETS[1:-1]}
    check(headers["Partners"] == ["id", "name", "kind", "ods_code", "gss_code"],
          f"Partners headers: {headers['Partners']}")
    check(headers["Contributions"] == ["partner", "source", "amount"], "Contributions headers")
    check(headers["Lines"][:3] == ["id", "scheme", "description"] and
          "planned" in headers["Lines"] and "capital" in headers["Lines"], "Lines headers")
    check(headers["Fund"] == ["field", "value", "what it is"], "Fund headers")
    check(wb["Partners"].freeze_panes == "A2", "Partners' header row is frozen")
    check(wb["Partners"]["A1"].font.b, "headers are bold")
    # Dropdowns: partner kind from the enumeration, partner ids from the Partners sheet,
    # commissioner from the enumeration, funding sources from the Lists sheet.
    def validations(sheet):
        return {str(d.sqref).split(":")[0]: d.formula1 for d in
                wb[sheet].data_validations.dataValidation}
    check(validations("Partners").get("C2") == '"icb,council,other_nhs"',
          f"partner kind dropdown: {validations('Partners')}")
    check(validations("Contributions").get("A2", "").startswith("Partners!$A$2"),
          f"contribution partner dropdown: {validations('Contributions')}")
    check(validations("Contributions").get("B2", "").startswith("Lists!$A$2"),
          "funding source dropdown")
    lines_col = {h: openpyxl.utils.get_column_letter(i + 1)
                 for i, h in enumerate(headers["Lines"])}
    check(validations("Lines").get(lines_col["commissioner"] + "2") ==
          '"local_authority,nhs,joint"', "commissioner dropdown")
    check(validations("Lines").get(lines_col["capital"] + "2") == '"yes,no"', "capital dropdown")
    check(wb["Lists"]["A1"].value == "source" and wb["Lists"]["A2"].value, "Lists sheet")

    # --- filled from the Northmoor fund ---------------------------------------------------
    wb = openpyxl.load_workbook(path("northmoor.xlsx"))
    fund = {r[0].value: r[1].value for r in wb["Fund"].iter_rows(min_row=2)}
    check(fund["name"] == "Northmoor Better Care Fund 2025-26", f"fund name: {fund['name']}")
    check(fund["agreement_start"] == datetime.datetime(2025, 4, 1), "agreement start is a date")
    check(fund["stated_total"] == 39893310.21, f"stated total: {fund['stated_total']}")
    check(fund["offset_underspends"] == "yes", "offset_underspends")
    lines = wb["Lines"]
    check(lines["A2"].value == "L01" and lines[lines_col["planned"] + "2"].value == 6200000,
          "line L01 planned £6,200,000.00")
    check(lines[lines_col["planned"] + "2"].number_format == "£#,##0.00", "money format")
    inst = wb["Instalments"]
    check([c.value for c in inst[2]] == ["icb", "nhs_minimum", datetime.datetime(2025, 4, 15),
                                         6078135], f"first instalment: {[c.value for c in inst[2]]}")
    check(inst["C2"].number_format == "dd/mm/yyyy", "date format")
    check(wb["Risk overrides"]["A2"].value == "S2", "risk override for S2")

    # --- the empty template filled as an analyst would ------------------------------------
    wb = openpyxl.load_workbook(path("empty.xlsx"))
    rows = {r[0].value: r[1] for r in wb["Fund"].iter_rows(min_row=2)}
    for field, value in {
            "name": "Eastdale Better Care Fund 2025-26", "hwb_gss_code": "E06000098",
            "financial_year": "2025-26", "host": "council",
            "agreement_reference": "EDC-S75-2025",
            "agreement_start": datetime.date(2025, 4, 1),
            "agreement_end": datetime.date(2026, 3, 31),
            "overspend": "proportional_to_contributions", "underspend": "return_pro_rata",
            "offset_underspends": "no"}.items():
        rows[field].value = value

    def fill(sheet, data):
        ws = wb[sheet]
        col = {c.value: c.column for c in ws[1]}
        # Rows in any order and with an empty row between: row 2 is left blank.
        for r, item in enumerate(data, start=3):
            for k, v in item.items():
                ws.cell(row=r, column=col[k], value=v)

    fill("Partners", [
        {"id": "icb", "name": "NHS Eastdale ICB", "kind": "icb", "ods_code": "QZY",
         "gss_code": "E54000098"},
        {"id": "council", "name": "Eastdale Council", "kind": "council", "gss_code": "E06000098"}])
    # Money as an analyst types it: 1,000,000.10 as a float (0.1 is not exact in binary).
    fill("Contributions", [
        {"partner": "icb", "source": "nhs_minimum", "amount": 1000000.10},
        {"partner": "council", "source": "la_better_care_grant", "amount": 250000.5},
        {"partner": "council", "source": "dfg", "amount": 120000}])
    fill("Instalments", [
        {"partner": "icb", "source": "nhs_minimum", "due": datetime.date(2025, 4, 15),
         "amount": 500000.05},
        {"partner": "icb", "source": "nhs_minimum", "due": datetime.date(2025, 10, 15),
         "amount": 500000.05}])
    fill("Ring fences", [{"kind": "nhs_minimum_asc", "minimum": 300000}])
    fill("Schemes", [{"id": "S1", "name": "Home first"}, {"id": "S2", "name": "Adaptations"}])
    fill("Lines", [
        {"id": "L1", "scheme": "S1", "scheme_type": "home_care_or_domiciliary_care",
         "sub_type": "domiciliary_care_packages", "area_of_spend": "social_care",
         "commissioner": "local_authority", "provider_type": "private_sector",
         "source": "nhs_minimum", "planned": 600000.10, "capital": "no", "new_scheme": "yes",
         "risk_class": "variable"},
        {"id": "L2", "scheme": "S1", "scheme_type": "urgent_community_response",
         "area_of_spend": "community_health", "commissioner": "nhs",
         "provider_type": "nhs_community_provider", "source": "nhs_minimum", "planned": 400000,
         "capital": "no"},
        {"id": "L3", "scheme": "S1", "scheme_type": "home_care_or_domiciliary_care",
         "sub_type": "domiciliary_care_packages", "area_of_spend": "social_care",
         "commissioner": "joint", "joint_nhs_percent": 60, "joint_la_percent": 40,
         "provider_type": "private_sector", "source": "la_better_care_grant",
         "planned": 250000.5, "capital": "no"},
        {"id": "L4", "scheme": "S2", "scheme_type": "dfg_related_schemes",
         "sub_type": "adaptations_including_statutory_dfg_grants",
         "area_of_spend": "social_care", "commissioner": "local_authority",
         "provider_type": "local_authority", "source": "dfg", "planned": 120000,
         "capital": "yes", "risk_class": "fixed"}])
    fill("Risk overrides", [{"schemes": "S2", "overspend": "host_bears"}])
    wb.save(path("filled.xlsx"))

    out = path("filled.json")
    if os.path.exists(out):
        os.remove(out)
    p = run("budget", "import-fund", path("filled.xlsx"), "-o", out)
    check(p.returncode == 0, f"import-fund of the filled template: exit {p.returncode}: {p.stderr}")
    check("Partners 2, Contributions 3, Instalments 2, Ring fences 1, Schemes 2, Lines 4, "
          "Risk overrides 1" in p.stderr, f"rows read: {p.stderr}")
    if os.path.exists(out):
        doc = json.load(open(out))
        pence = lambda s: round(float(s) * 100) if False else int(s.replace(".", ""))
        # Contributions: 1,000,000.10 + 250,000.50 + 120,000.00 = £1,370,000.60.
        check(sum(pence(c["amount"]) for c in doc["contributions"]) == 137000060,
              f"contributions: {[c['amount'] for c in doc['contributions']]}")
        check(doc["contributions"][0]["amount"] == "1000000.10", "the float 1000000.1 is £1,000,000.10")
        # Planned: 600,000.10 + 400,000.00 + 250,000.50 + 120,000.00 = £1,370,000.60.
        check(sum(pence(l["planned"]) for l in doc["lines"]) == 137000060,
              f"planned: {[l['planned'] for l in doc['lines']]}")
        check([i["due"] for i in doc["contributions"][0]["instalments"]] ==
              ["2025-04-15", "2025-10-15"], "instalment dates")
        check(doc["lines"][2]["joint_nhs_percent"] == "60", "joint NHS share 60%")
        check(doc["lines"][3]["capital"] is True and doc["lines"][3]["risk_class"] == "fixed",
              "L4 capital and fixed")
        check(doc["lines"][0]["new_scheme"] is True, "L1 new")
        check(doc["agreement"] == {"reference": "EDC-S75-2025", "start": "2025-04-01",
                                   "end": "2026-03-31"}, f"agreement: {doc['agreement']}")
        check(doc["risk_share"]["overrides"] == [{"schemes": ["S2"], "overspend": "host_bears",
                                                  "underspend": "return_pro_rata"}] or
              doc["risk_share"]["overrides"][0]["schemes"] == ["S2"],
              f"override: {doc['risk_share'].get('overrides')}")

        # fund -> workbook -> fund: the same document.
        p = run("budget", "template", "--xlsx", path("again.xlsx"), "--fund", out)
        check(p.returncode == 0, f"template from the imported fund: {p.stderr}")
        p = run("budget", "import-fund", path("again.xlsx"), "-o", path("again.json"))
        check(p.returncode == 0, f"import-fund again: {p.stderr}")
        check(open(path("again.json")).read() == open(out).read(),
              "the fund written again and read back is the same document")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
