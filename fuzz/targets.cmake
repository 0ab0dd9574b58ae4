# The fuzz targets: fuzz/<name>.cpp, seeded from fuzz/corpus/<name>/. Shared by fuzz/CMakeLists.txt
# (libFuzzer) and tests/fuzz/fuzz_smoke.cmake (replay_main.cpp, any compiler).
set(JOINEDUP_FUZZ_TARGETS
    fuzz_money
    fuzz_rate_ratio
    fuzz_period
    fuzz_ids
    fuzz_area_json
    fuzz_diagnostics_json
    fuzz_audit_log
    fuzz_ledger_csv
    fuzz_json)
