#!/usr/bin/env python3
"""Writes a deterministic ledger CSV of N rows for a pooled fund (python3 standard library only).

    bench/gen_ledger.py FUND.json [--rows N] [--out LEDGER.csv] [--ledger-out FILE.ledger]
                        [--seed S]

The rows follow docs/budget-ledger.md: header "date,line,amount,kind,reference", dates spread
over the fund's financial year, lines picked in proportion to their planned spend, amounts
scaled so that the year's spend comes out near the plan, kinds about 85% actual, 6% accrual,
5% commitment and 4% adjustment, and a few credit notes (negative actuals). The same seed,
fund and N always give the same bytes (a 64-bit xorshift generator, not `random`).

With --ledger-out the same transactions are also written as a journal for the `ledger`
command-line accounting tool (Debian package `ledger`): one entry per row, posted to
Expenses:<Kind>:<line> against Assets:Pool, so `ledger -f FILE balance` totals the same money.
"""

import argparse
import datetime
import json
import sys

MASK = (1 << 64) - 1


class XorShift:
    """xorshift64*: small, fast enough, and the same on every Python."""

    def __init__(self, seed):
        self.state = (seed * 0x9E3779B97F4A7C15 + 1) & MASK or 1

    def next(self):
        x = self.state
        x ^= (x >> 12)
        x ^= (x << 25) & MASK
        x ^= (x >> 27)
        self.state = x
        return (x * 0x2545F4914F6CDD1D) & MASK

    def below(self, n):
        return self.next() % n


def parse_money(text):
    """'1234.56' or '-0.05' -> pence (int), exactly."""
    neg = text.startswith("-")
    if neg:
        text = text[1:]
    whole, _, frac = text.partition(".")
    pence = int(whole or "0") * 100 + int((frac + "00")[:2])
    return -pence if neg else pence


def format_money(pence):
    sign = "-" if pence < 0 else ""
    p = abs(pence)
    return f"{sign}{p // 100}.{p % 100:02d}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fund", help="pooled fund JSON (schema joinedup/fund/v1)")
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows to write (default 1000000)")
    ap.add_argument("--out", default="-", help="CSV output path (default: standard output)")
    ap.add_argument("--ledger-out", help="also write the transactions as a `ledger` journal here")
    ap.add_argument("--seed", type=int, default=20250401, help="generator seed")
    args = ap.parse_args()

    with open(args.fund, encoding="utf-8") as f:
        fund = json.load(f)
    start_year = int(str(fund["financial_year"])[:4])
    first = datetime.date(start_year, 4, 1)
    year_days = (datetime.date(start_year + 1, 4, 1) - first).days
    dates = [(first + datetime.timedelta(days=d)) for d in range(year_days)]
    iso = [d.isoformat() for d in dates]
    slashed = [d.strftime("%Y/%m/%d") for d in dates]

    lines = [(str(l["id"]), max(parse_money(str(l.get("planned", "0"))), 0)) for l in fund["lines"]]
    if not lines:
        sys.exit("gen_ledger.py: the fund has no lines")
    weights = [max(p, 1) for _, p in lines]
    cumulative = []
    running = 0
    for w in weights:
        running += w
        cumulative.append(running)
    total_weight = running
    total_planned = sum(p for _, p in lines) or 100_000_00
    mean = max(total_planned // max(args.rows, 1), 100)  # mean pence per transaction

    kinds = ["actual"] * 85 + ["accrual"] * 6 + ["commitment"] * 5 + ["adjustment"] * 4
    rng = XorShift(args.seed)

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    journal = open(args.ledger_out, "w", encoding="utf-8") if args.ledger_out else None
    account = {lid: lid.replace(" ", "_").replace(":", "_") for lid, _ in lines}
    import bisect

    csv_buf = ["date,line,amount,kind,reference\n"]
    led_buf = []
    for i in range(args.rows):
        r = rng.below(total_weight)
        li = bisect.bisect_right(cumulative, r)
        lid = lines[li][0]
        day = rng.below(year_days)
        kind = kinds[rng.below(100)]
        amount = mean // 2 + rng.below(mean + 1)  # mean/2 .. 3*mean/2
        if kind == "actual" and rng.below(50) == 0:
            amount = -amount  # a credit note
        elif kind == "adjustment" and rng.below(2) == 0:
            amount = -amount
        ref = f"INV-{i + 1:07d}"
        money_text = format_money(amount)
        csv_buf.append(f"{iso[day]},{lid},{money_text},{kind},{ref}\n")
        if journal is not None:
            led_buf.append(
                f"{slashed[day]} {ref}\n    Expenses:{kind.capitalize()}:{account[lid]}  "
                f"GBP {money_text}\n    Assets:Pool\n\n")
        if len(csv_buf) >= 8192:
            out.write("".join(csv_buf))
            csv_buf.clear()
            if journal is not None:
                journal.write("".join(led_buf))
                led_buf.clear()
    out.write("".join(csv_buf))
    if journal is not None:
        journal.write("".join(led_buf))
        journal.close()
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
