#!/bin/sh
# Makes the generated inputs of the hostile-input suite in $1 (see cases.txt): files too large,
# too deep or too strange to keep in the repository, and copies of the audit logs from the
# source tree $2 for the append cases. Uses only POSIX tools; takes about a second.
set -eu
g=$1
src=$(cd "$2" && pwd)
rm -rf "$g"
mkdir -p "$g/dir"
cd "$g"
rep() { head -c "$1" /dev/zero | tr '\0' "$2"; }  # $1 copies of the character $2

# JSON that is not a document of any kind.
: >empty.json
printf ' \n\t\n' >blank.json
printf '{"schema": "joinedup/fund/v1", "partners": [' >truncated.json
printf '{} {}' >two-documents.json
printf '[]' >array.json
printf '"text"' >string.json
printf 'null' >null.json
printf '{"a": 1,}' >trailing-comma.json
printf "{'a': 1}" >single-quotes.json
printf '{"a": NaN}' >nan.json
printf '{"a": 1e999999}' >huge-exponent.json
printf '{"a": "\\ud800"}' >lone-surrogate.json
printf '{"a": "x\001y"}' >control-char.json
printf '{"a": \000}' >nul.json
printf '\357\273\277{}' >bom-only-object.json
printf '{"schema": "joinedup/fund/v1", "name": "\342\202"}' >utf8-cut.json
printf '{"schema": "joinedup/fund/v1", "name": "\377\376"}' >utf8-invalid.json
printf '{"schema": "joinedup/fund/v1", "name": "\300\257"}' >utf8-overlong.json
printf '{"schema": "joinedup/fund/v1", "schema": "joinedup/fund/v2"}' >duplicate-schema.json
printf '{"\342\202": 1}' >utf8-cut-key.json
{ rep 100000 '['; } >deep-100k-arrays.json
{ i=0; while [ $i -lt 2000 ]; do printf '{"a":'; i=$((i + 1)); done; } >deep-2k-objects.json
{ printf '{"schema": "joinedup/fund/v1", "x": '; rep 65 '['; rep 65 ']'; printf '}'; } >deep-65.json
{ printf '{"name": "'; rep 2000000 'a'; printf '"}'; } >long-string.json
{ printf '{"n": 1'; rep 400 '0'; printf '}'; } >long-number.json
truncate -s 300M sparse-300m.json  # past the 256 MiB limit, without using the disk

# CSV that is not a table of any kind.
: >empty.csv
printf 'date,line,amount,kind,reference\n' >ledger-header.csv
printf 'date,line,amount,kind,reference\n"2025-04-30,L01,100.00,actual,x\n' >ledger-open-quote.csv
printf 'date,line,amount,kind,reference\n2025-04-30,L01,\342\202,actual,x\n' >ledger-utf8-cut.csv
printf 'date,line,amount,kind,reference\n2025-04-30,L01,1e9,actual,x\n' >ledger-exponent.csv
printf 'date,line,amount,kind,reference\n2025-04-30,L01,99999999999999999999.99,actual,x\n' >ledger-huge.csv
printf 'date,line,amount,kind,reference\n2025-04-30\000,L01,1.00,actual,x\n' >ledger-nul.csv
printf 'date,line,amount,kind,reference\n2025-04-31,L01,1.00,actual,x\n' >ledger-bad-date.csv
printf 'nonsense,header\n1,2\n' >ledger-wrong-header.csv
{ printf 'date,line,amount,kind,reference\n'; rep 2000000 'a'; } >ledger-long-line.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\n' >population-header.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\nA,0+,persons,99999999999999999999,1,1\n' >population-huge.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\nA,0+,persons,-5,1,1\n' >population-negative.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\nA,0+,persons,5,1,1.0\nA,0+,persons,5,1,1.2\n' >population-mff-twice.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\nA,0+,persons,5,0.1234567,1\n' >population-precision.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\nA,0-200,persons,5,1,1\n' >population-band.csv
printf 'area,age_band,sex\nA,0+,persons\n' >population-columns.csv
printf 'area,age_band,sex,population,need_weight,market_forces_factor\n"A,0+,persons,5,1,1\n' >population-open-quote.csv
{ printf 'area,age_band,sex,population,need_weight,market_forces_factor\n'; rep 2000000 'a'; } >population-long-line.csv
ft='Indicator ID,Area Code,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count\n'
printf "$ft" >fingertips-header.csv
printf "$ft"'"22401,E1,Persons,65+ yrs,2023,1,0,2,5\n' >fingertips-open-quote.csv
printf "$ft"'22\00001,E1,Persons,65+ yrs,2023,1,0,2,5\n' >fingertips-nul.csv
printf "$ft"'99999999999999999999,E1,Persons,65+ yrs,2023,1,0,2,5\n' >fingertips-huge-id.csv
printf "$ft"'22401,E1,Persons,65+ yrs,2023,nan,0,2,5\n22401,E2,Persons,65+ yrs,2023,1e999,0,2,5\n' >fingertips-nan.csv
printf "$ft"'22401,E1,Persons,65+ yrs,9999/00,1,0,2,5\n' >fingertips-far-year.csv
printf "$ft"'22401,E1,Persons,65+ yrs,2023,1,3,2,5\n' >fingertips-interval.csv
printf '\357\273\277' >fingertips-bom-only.csv
est='area,sex,age,population\n'
printf "$est" >estimates-header.csv
printf "$est"'A,1,0,"1,0000"\n' >estimates-bad-thousands.csv
printf "$est"'A,1,0,99999999999999999999\n' >estimates-huge.csv
printf "$est"'A,1,0,5\nA,1,0,5\nA,1,1+,5\n' >estimates-twice.csv
printf "$est"'A,1,0-9,5\nA,1,10+,5\n' >estimates-across.csv
printf "$est"'A,9,0,5\nA,1,x,5\nA,1,0,\000\n' >estimates-bad-cells.csv
printf "$est"'A,1,0,5\n' >estimates-gap.csv
{ printf "$est"'A,1,'; rep 2000000 '9'; printf ',5\n'; } >estimates-long-age.csv
{ printf "$est"; i=0; while [ $i -lt 150 ]; do printf 'A,1,%d,99999999999\n' $i; i=$((i + 1)); done; } >estimates-overflow.csv
printf 'indicator,area,period,period_end,value,lower_95,upper_95\nfalls_admissions_65plus,E1,2023,2023-12-31,5,6,4\n' >measurements-interval.csv
{ printf "$ft"'22401,E1,Persons,65+ yrs,'; rep 2000000 '2'; printf ',1,0,2,5\n'; } >fingertips-long-period.csv

# JSON lines.
printf '{"method": "proportion", "numerator": 5, "denominator": 10}\n{"method":\n' >stats-truncated.jsonl
{ rep 100000 '['; printf '\n'; } >stats-deep.jsonl
printf '{"method": "proportion", "numerator": 5, "numerator": 500, "denominator": 10}\n' >stats-duplicate.jsonl
{ rep 2000000 ' '; } >stats-long-line.jsonl
printf '{"values": [1, 2, "x"]}\n' >spc-bad-value.jsonl
printf '{"seq":1}\n{"seq":1,"seq":2}\n' >audit-duplicate.jsonl
{ rep 30000 '['; printf '\n'; } >audit-deep.jsonl
printf '\377\376\n' >audit-utf8.jsonl

# Audit logs to append to (each case must leave them as they are).
cp "$src/examples/data/northmoor-audit.jsonl" audit-copy.jsonl
cp "$src/examples/data/tampered-audit.jsonl" tampered-copy.jsonl
cp "$src/examples/data/northmoor-audit.jsonl" torn-copy.jsonl
printf '{"seq": 99, "at": "2025-' >>torn-copy.jsonl

# Things that are not regular files.
mkfifo fifo
ln -s loop loop
ln -s /nonexistent/target dangling

# care import: a people export, hostile.
printf 'Person ID,NHS No,Local Authority,GP Practice Code,CHC Decision Date,Assessment Date\nP1,9434765918,,,,\n' >care-people-bad-nhs.csv
printf 'person_id,nhs_number\n"P1,9434765919\n' >care-people-open-quote.csv
printf 'person_id,nhs_number\nP1\000,9434765919\n' >care-people-nul.csv
printf 'person_id,nhs_number,NHS Number\nP1,9434765919,9434765919\n' >care-people-dup-columns.csv
printf '\357\273\277Person ID,NHS Number\r\nP1,9434765919\r\nP1,9990000018\r\n' >care-people-bom-dup.csv
{ printf 'person_id,nhs_number\n'; rep 2000000 'a'; } >care-people-long-line.csv
