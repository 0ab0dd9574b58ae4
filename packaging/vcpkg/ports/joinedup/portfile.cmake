# Overlay port for joinedup; see packaging/README.md. Consumers get joinedup::core (header-only)
# and joinedup::joinedup (compiled) from find_package(joinedup CONFIG REQUIRED).

# The compiled library has no export macros yet, so a Windows DLL would export nothing.
if(VCPKG_TARGET_IS_WINDOWS)
  vcpkg_check_linkage(ONLY_STATIC_LIBRARY)
endif()

vcpkg_from_github(
  OUT_SOURCE_PATH SOURCE_PATH
  REPO joinedup/joinedup
  REF "v${VERSION}"
  # Placeholder until the v${VERSION} tag exists: on release, replace 0 with the SHA512 of the
  # tag's archive (vcpkg prints the expected value when this one does not match).
  SHA512 0
  HEAD_REF main)

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS FEATURES cli JOINEDUP_BUILD_CLI)

# date and nlohmann-json are build-time dependencies of the compiled library only: they are
# linked PRIVATE as $<BUILD_INTERFACE:...>. OpenSSL (libcrypto, for the audit trail's SHA-256) is
# linked PRIVATE too, but a static libjoinedup needs it at link time, so joinedupConfig.cmake
# re-finds fmt and OpenSSL.
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS -DJOINEDUP_BUILD_TESTS=OFF
          -DJOINEDUP_BUILD_EXAMPLES=OFF
          -DJOINEDUP_BUILD_BENCH=OFF
          -DJOINEDUP_BUILD_FUZZ=OFF
          -DJOINEDUP_INSTALL=ON
          ${FEATURE_OPTIONS})
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME joinedup CONFIG_PATH lib/cmake/joinedup)
vcpkg_fixup_pkgconfig()
vcpkg_copy_pdbs()

if("cli" IN_LIST FEATURES)
  vcpkg_copy_tools(TOOL_NAMES joinedup AUTO_CLEAN)
endif()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include" "${CURRENT_PACKAGES_DIR}/debug/share")
if(VCPKG_LIBRARY_LINKAGE STREQUAL "static")
  file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/bin" "${CURRENT_PACKAGES_DIR}/debug/bin")
endif()

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
