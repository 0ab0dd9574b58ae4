# Benchmarks of the outcomes module: indicator intervals, DSR and SPC.
add_executable(bench_outcomes ${CMAKE_CURRENT_LIST_DIR}/outcomes_bench.cpp)
target_link_libraries(bench_outcomes PRIVATE joinedup::joinedup benchmark::benchmark_main)
