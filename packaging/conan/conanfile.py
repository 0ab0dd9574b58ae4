import os
import re

from conan import ConanFile
from conan.errors import ConanException
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir

required_conan_version = ">=2.0.8"  # implements = ["auto_shared_fpic"]


class JoinedupConan(ConanFile):
    name = "joinedup"
    description = (
        "Exact pooled budgets, capitation, care plans and outcomes for integrated health and "
        "social care commissioning in England"
    )
    license = "MIT"
    url = "https://github.com/joinedup/joinedup"
    homepage = "https://github.com/joinedup/joinedup"
    topics = ("nhs", "social-care", "commissioning", "money", "budgets", "financial-year")
    package_type = "library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "shared": [True, False],
        "fPIC": [True, False],
        "with_cli": [True, False],
    }
    default_options = {
        "shared": False,
        "fPIC": True,
        "with_cli": False,
        # joinedup uses only date's calendar types, never its time-zone library.
        "date/*:header_only": True,
    }
    implements = ["auto_shared_fpic"]

    @property
    def _repo_root(self):
        # This recipe lives in packaging/conan/ of the joinedup repository.
        return os.path.join(self.recipe_folder, "..", "..")

    def set_version(self):
        cmakelists = load(self, os.path.join(self._repo_root, "CMakeLists.txt"))
        match = re.search(r"project\s*\([^)]*?\bVERSION\s+(\d+\.\d+\.\d+)", cmakelists)
        if match is None:
            raise ConanException("joinedup: no project(... VERSION x.y.z) in CMakeLists.txt")
        self.version = match.group(1)

    def export_sources(self):
        for pattern in ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*", "src/*", "data/*"):
            copy(self, pattern, src=self._repo_root, dst=self.export_sources_folder)

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        # fmt appears in the public headers (joinedup/core/format.hpp) and in inline code.
        self.requires("fmt/[>=9 <13]", transitive_headers=True, transitive_libs=True)
        # Boost.Math (header-only) in joinedup/outcomes/distributions.hpp.
        self.requires("boost/[>=1.74]", transitive_headers=True, options={"header_only": True})
        # Implementation-only, header-only dependencies of the compiled library.
        self.requires("date/[~3.0]")
        self.requires("nlohmann_json/[~3.11]")
        # SHA-256 for the audit trail (src/io/audit_log.cpp); linked by the compiled library only.
        self.requires("openssl/[>=3 <4]")
        if self.options.with_cli:
            # Used only to build the joinedup executable; nothing downstream sees it.
            self.requires("cli11/[>=2.1 <3]", visible=False)

    def build_requirements(self):
        self.tool_requires("cmake/[>=3.25 <4]")

    def validate(self):
        check_min_cppstd(self, 20)

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["JOINEDUP_BUILD_TESTS"] = False
        tc.cache_variables["JOINEDUP_BUILD_EXAMPLES"] = False
        tc.cache_variables["JOINEDUP_BUILD_BENCH"] = False
        tc.cache_variables["JOINEDUP_BUILD_FUZZ"] = False
        tc.cache_variables["JOINEDUP_BUILD_CLI"] = bool(self.options.with_cli)
        tc.cache_variables["JOINEDUP_INSTALL"] = True
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", src=self.source_folder,
             dst=os.path.join(self.package_folder, "licenses"))
        CMake(self).install()
        # CMakeDeps and PkgConfigDeps generate these from package_info(); share/joinedup (the
        # shipped data) stays.
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))
        rmdir(self, os.path.join(self.package_folder, "share", "cmake"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "joinedup")
        self.cpp_info.set_property("cmake_config_version_compat", "SameMajorVersion")

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "joinedup::core")
        core.requires = ["fmt::fmt", "boost::headers"]
        core.bindirs = []
        core.libdirs = []

        lib = self.cpp_info.components["joinedup"]
        lib.set_property("cmake_target_name", "joinedup::joinedup")
        lib.libs = ["joinedup"]
        lib.resdirs = ["share"]
        # date and nlohmann_json are header-only and used only inside the compiled library; they
        # are listed so Conan's component check accepts them, and add no link flags.
        lib.requires = ["core", "date::date", "nlohmann_json::nlohmann_json", "openssl::crypto"]
