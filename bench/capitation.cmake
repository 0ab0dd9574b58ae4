# Capitation benchmarks: read, validate and price a population of 10,000 to 1,000,000 area rows
# (each row its own area, the worst case for per-area work); Google Benchmark fits the growth.
add_executable(bench_capitation ${CMAKE_CURRENT_LIST_DIR}/capitation_bench.cpp)
target_link_libraries(bench_capitation PRIVATE joinedup::joinedup benchmark::benchmark_main)
