# Area generator benchmark: the full-size demo area (seed 2026, 2,000 people) made in memory.
add_executable(bench_area ${CMAKE_CURRENT_LIST_DIR}/area_bench.cpp)
target_link_libraries(bench_area PRIVATE joinedup::joinedup benchmark::benchmark_main)
