# governance: the single commissioning arrangement (accounting officer, lines of accountability,
# returns and HWB sign-off), the scheme of delegation and decide(), and integration progress
# measures; plus their JSON I/O and reports. The audit trail has its own module file
# (cmake/modules/governance_audit.cmake).
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/governance.hpp include/joinedup/governance/commissioner.hpp
     include/joinedup/governance/delegation.hpp include/joinedup/governance/progress.hpp
     include/joinedup/governance/integration.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/governance.hpp
     include/joinedup/report/governance.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/governance.cpp src/report/governance.cpp)
