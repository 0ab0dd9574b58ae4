# fhir: the FHIR R4 export of care plans and outcomes (docs/fhir-export.md).
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/fhir.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/fhir.cpp)
