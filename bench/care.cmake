# Care module benchmarks: validating 1,000,000 plans in memory (target: under 1 s on one core)
# and reading care records JSON (target: at least 100 MB/s).
add_executable(bench_care ${CMAKE_CURRENT_LIST_DIR}/care_bench.cpp)
target_link_libraries(bench_care PRIVATE joinedup::joinedup benchmark::benchmark_main)
