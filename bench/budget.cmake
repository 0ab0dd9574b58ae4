# Budget ledger benchmarks: ledger CSV parse (rows/s), summary build, forecast and variance.
# The end-to-end comparison with `ledger` is bench/settle_vs_ledger.sh.
add_executable(bench_budget ${CMAKE_CURRENT_LIST_DIR}/budget_bench.cpp)
target_link_libraries(bench_budget PRIVATE joinedup::joinedup benchmark::benchmark_main)
