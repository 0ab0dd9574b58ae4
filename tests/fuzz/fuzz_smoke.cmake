# Fuzz smoke tests: each fuzz target in fuzz/ built with fuzz/replay_main.cpp as its main(), so
# any compiler can run it. A test replays the target's seed corpus, then 3000 deterministic
# mutations of it (a few seconds in all under AddressSanitizer). Real fuzzing uses libFuzzer:
# see fuzz/CMakeLists.txt.
include("${PROJECT_SOURCE_DIR}/fuzz/targets.cmake")
foreach(_target IN LISTS JOINEDUP_FUZZ_TARGETS)
  add_executable(fuzz_smoke_${_target} "${PROJECT_SOURCE_DIR}/fuzz/${_target}.cpp"
                                       "${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp")
  target_link_libraries(fuzz_smoke_${_target} PRIVATE joinedup::joinedup)
  add_test(NAME fuzz.${_target} COMMAND fuzz_smoke_${_target} --runs=3000
                                        "${PROJECT_SOURCE_DIR}/fuzz/corpus/${_target}")
  set_tests_properties(fuzz.${_target} PROPERTIES LABELS fuzz TIMEOUT 120)
endforeach()
