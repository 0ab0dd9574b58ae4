# Install joinedup::core, joinedup::joinedup, the CLI, the shipped data, the CMake package and
# a pkg-config file.
set(_joinedup_targets joinedup_core joinedup_joinedup)
install(
  TARGETS ${_joinedup_targets}
  EXPORT joinedupTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET joinedup_cli)
  install(TARGETS joinedup_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/joinedup)

install(EXPORT joinedupTargets NAMESPACE joinedup:: DESTINATION ${JOINEDUP_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/joinedupConfig.cmake.in
                              "${PROJECT_BINARY_DIR}/joinedupConfig.cmake"
                              INSTALL_DESTINATION ${JOINEDUP_INSTALL_CMAKEDIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/joinedupConfigVersion.cmake"
                                 COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/joinedupConfig.cmake"
              "${PROJECT_BINARY_DIR}/joinedupConfigVersion.cmake"
        DESTINATION ${JOINEDUP_INSTALL_CMAKEDIR})
export(EXPORT joinedupTargets NAMESPACE joinedup::
       FILE "${PROJECT_BINARY_DIR}/joinedupTargets.cmake")

configure_file(cmake/joinedup.pc.in "${PROJECT_BINARY_DIR}/joinedup.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/joinedup.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
