# CLI tests for `joinedup budget pace-of-change`. The plan is examples/data/pace-of-change.json,
# worked by hand in tests/budget/capitation_test.cpp ("pace of change for one year"):
#   baselines North £400,000, South £350,000, East £250,000; targets £380,000, £370,000,
#   £280,000 (Σ £1,030,000 = the total); floor 1.5%, ceiling 6% (commissioning.md §3.1, pace of
#   change; docs/sources.md#S-PACE-OF-CHANGE for the floor, whose size is an input).
#   Floors (× 1.015, rounded up) £406,000.00 + £355,250.00 + £253,750.00 = £1,015,000.00, so the
#   pot is £15,000.00. North is above target and is held at its floor (not cut to £380,000, a
#   £20,000 cash loss). South wants £370,000 (headroom £14,750), East its £265,000 ceiling
#   (headroom £11,250); the pot 14,750 : 11,250 is 850,961.54p and 649,038.46p, the spare penny
#   to South: South £363,759.62, East £260,240.38.
#   Distance before: the targets' shares of £1,000,000 are £368,932.04 / £359,223.30 /
#   £271,844.66, so +8.42% / −2.57% / −8.04%; after: +6.84% / −1.69% / −7.06%.
joinedup_cli_test(pace_table 0 ARGS budget pace-of-change examples/data/pace-of-change.json
                  OUT "^Pace of change: Northmoor places 2026-27: £1,030,000.00 from a baseline of £1,000,000.00, floor 1.5%, ceiling 6%\narea +baseline +target +floor +ceiling +allocation +growth +growth_rate +distance_before +distance_after +limited_by\nNorth +£400,000.00 +£380,000.00 +£406,000.00 +£424,000.00 +£406,000.00 +£6,000.00 +1.50% +8.42% +6.84% +floor\nSouth +£350,000.00 +£370,000.00 +£355,250.00 +£371,000.00 +£363,759.62 +£13,759.62 +3.93% +-2.57% +-1.69% +none\nEast +£250,000.00 +£280,000.00 +£253,750.00 +£265,000.00 +£260,240.38 +£10,240.38 +4.10% +-8.04% +-7.06% +none\nTotal +£1,000,000.00 +£1,030,000.00 +£1,030,000.00 +£30,000.00\n\nHow it was worked out\nstep +explanation\n +1 +Baseline total £1,000,000.00.*leaving £15,000.00 to move areas")
joinedup_cli_test(pace_csv 0 ARGS budget pace-of-change examples/data/pace-of-change.json --format csv
                  OUT "^area,baseline,target,floor,ceiling,allocation,growth,growth_rate,distance_before,distance_after,limited_by\nNorth,400000.00,380000.00,406000.00,424000.00,406000.00,6000.00,1.50,8.42,6.84,floor\nSouth,350000.00,370000.00,355250.00,371000.00,363759.62,13759.62,3.93,-2.57,-1.69,none\nEast,250000.00,280000.00,253750.00,265000.00,260240.38,10240.38,4.10,-8.04,-7.06,none\nTotal,1000000.00,1030000.00,,,1030000.00,30000.00,,,,\n$")
joinedup_cli_test(pace_json 0 ARGS budget pace-of-change examples/data/pace-of-change.json --format json
                  OUT "^{\n  \"schema\": \"joinedup/paced-allocation/v1\",.*\"total\": \"1030000.00\",\n  \"floor\": \"1.5%\",\n  \"ceiling\": \"6%\",\n  \"pot\": \"15000.00\",.*\"area\": \"North\",[^}]*\"allocation\": \"406000.00\",[^}]*\"target_on_baseline\": \"368932.04\",[^}]*\"distance_before\": \"8.42%\",[^}]*\"limited_by\": \"floor\".*\"area\": \"South\",[^}]*\"allocation\": \"363759.62\",.*\"area\": \"East\",[^}]*\"allocation\": \"260240.38\",[^}]*\"distance_after\": \"-7.06%\"")
# Every problem of a broken plan is reported at once, and no result is printed.
joinedup_cli_test(pace_broken 1 ARGS budget pace-of-change examples/data/broken-pace-of-change.json
                  ERR "budget.pace.missing_baseline at /areas/0/baseline.*budget.pace.negative_amount at /areas/1/baseline.*budget.pace.floor_above_ceiling at /ceiling.*budget.pace.target_total at /total: the targets add up to £1,030,000.00 but the total is £1,000,000.00"
                  REJECT "Pace of change:")
joinedup_cli_test(pace_broken_json 1 ARGS budget pace-of-change examples/data/broken-pace-of-change.json --format json
                  OUT "budget.pace.missing_baseline" REJECT "paced-allocation")
joinedup_cli_test(pace_missing 1 ARGS budget pace-of-change no-such.json ERR "io.file.read")
joinedup_cli_test(pace_not_json 1 ARGS budget pace-of-change README.md ERR "io.json.syntax")
joinedup_cli_test(pace_wrong_schema 1 ARGS budget pace-of-change examples/data/northmoor-scenario.json
                  ERR "io.json.schema")
joinedup_cli_test(pace_no_file 2 ARGS budget pace-of-change)
joinedup_cli_test(pace_help 0 ARGS budget pace-of-change --help
                  OUT "floor.*joinedup budget pace-of-change examples/data/pace-of-change.json")
# Floors that cost more than the total, and money as JSON numbers, from stdin.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/pace-floor-unaffordable.json
     "{\"schema\": \"joinedup/pace-of-change/v1\", \"floor\": \"5%\", \"areas\": [{\"area\": \"A\", \"baseline\": \"100.00\", \"target\": \"90.00\"}, {\"area\": \"B\", \"baseline\": \"100.00\", \"target\": \"110.00\"}]}")
joinedup_cli_test(pace_floor_unaffordable 1 ARGS budget pace-of-change -
                  STDIN ${CMAKE_CURRENT_BINARY_DIR}/pace-floor-unaffordable.json
                  ERR "budget.pace.floor_unaffordable.*£210.00.*£200.00")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/pace-number-money.json
     "{\"schema\": \"joinedup/pace-of-change/v1\", \"areas\": [{\"area\": \"A\", \"baseline\": 100, \"target\": \"90.00\"}, {\"area\": \"B\", \"baseline\": \"100.00\", \"target\": \"110.00\", \"extra\": 1}]}")
joinedup_cli_test(pace_number_money 1 ARGS budget pace-of-change -
                  STDIN ${CMAKE_CURRENT_BINARY_DIR}/pace-number-money.json
                  ERR "io.json.type at /areas/0/baseline: money must be a decimal string.*io.json.unknown_field at /areas/1/extra"
                  REJECT "Pace of change:")
