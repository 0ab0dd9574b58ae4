# Installs joinedup from SOURCE_DIR into a fresh prefix (a plain Release build, no tests),
# then configures, builds and runs tests/consumer against it with find_package(joinedup).
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "consumer test step failed (${rc}): ${cmd}")
  endif()
endfunction()

step(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
     -DCMAKE_BUILD_TYPE=Release -DJOINEDUP_BUILD_TESTS=OFF -DJOINEDUP_BUILD_EXAMPLES=OFF
     -DJOINEDUP_BUILD_CLI=OFF -DJOINEDUP_INSTALL=ON "-DCMAKE_INSTALL_PREFIX=${prefix}")
step(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
step(${CMAKE_COMMAND} --install "${WORK_DIR}/build")
foreach(f lib/cmake/joinedup/joinedupConfig.cmake lib/cmake/joinedup/joinedupConfigVersion.cmake
          lib/pkgconfig/joinedup.pc include/joinedup/joinedup.hpp include/joinedup/version.hpp)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "install is missing ${f}")
  endif()
endforeach()
step(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/consumer" -G "${GENERATOR}"
     "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CONSUMER_CXX}")
step(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
step("${WORK_DIR}/consumer/consumer")
# pkg-config sees the same package.
find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env "PKG_CONFIG_PATH=${prefix}/lib/pkgconfig"
                          ${PKG_CONFIG} --modversion joinedup
                  OUTPUT_VARIABLE pc_version RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config cannot find the installed joinedup.pc")
  endif()
  message(STATUS "pkg-config: joinedup ${pc_version}")
endif()
