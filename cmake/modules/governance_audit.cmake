# governance audit trail: hash-chained entries and their canonical form (header-only), and the
# JSON-lines log file: SHA-256 from OpenSSL's libcrypto, durable locked appends, verification.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/governance/audit.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/audit_log.hpp
     include/joinedup/report/audit.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/audit_log.cpp src/report/audit.cpp)
