# Audit trail benchmarks: appends per second, each fsynced (bounded by the disk), and verifying a
# log line by line (SHA-256 of every entry) in MB/s.
add_executable(bench_audit ${CMAKE_CURRENT_LIST_DIR}/audit_bench.cpp)
target_link_libraries(bench_audit PRIVATE joinedup::joinedup benchmark::benchmark_main)
