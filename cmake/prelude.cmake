# Refuse in-source builds: they leave generated files among the sources.
if(CMAKE_SOURCE_DIR STREQUAL CMAKE_BINARY_DIR)
  message(FATAL_ERROR "joinedup: in-source builds are not supported; use a build directory, "
                      "for example: cmake --workflow --preset dev")
endif()
