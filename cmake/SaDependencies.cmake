# Finds every Debian package the project uses. A missing one stops configuration with the package to install
# (scripts/setup.sh installs them all).
find_package(PkgConfig)

function(sa_missing what package)
  message(FATAL_ERROR "sealadapter: missing ${what}: install it with `apt-get install ${package}` "
                      "(or run scripts/setup.sh, which installs every dependency)")
endfunction()

if(NOT PkgConfig_FOUND)
  sa_missing("pkg-config" "pkg-config")
endif()

find_package(Threads REQUIRED)

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  sa_missing("nlohmann-json" "nlohmann-json3-dev")
endif()

find_package(SQLiteCpp QUIET)
if(NOT SQLiteCpp_FOUND)
  sa_missing("SQLiteCpp" "libsqlitecpp-dev")
endif()

find_package(CLI11 QUIET)
if(NOT CLI11_FOUND)
  sa_missing("CLI11" "libcli11-dev")
endif()

find_package(spdlog QUIET)
if(NOT spdlog_FOUND)
  sa_missing("spdlog" "libspdlog-dev")
endif()

find_package(tomlplusplus QUIET)
if(tomlplusplus_FOUND)
  set(SA_TOML_TARGET tomlplusplus::tomlplusplus)
else()
  pkg_check_modules(TOMLPP QUIET IMPORTED_TARGET tomlplusplus)
  if(NOT TOMLPP_FOUND)
    sa_missing("toml++" "libtomlplusplus-dev")
  endif()
  set(SA_TOML_TARGET PkgConfig::TOMLPP)
endif()

find_path(SA_MUSTACHE_INCLUDE kainjow/mustache.hpp)
if(NOT SA_MUSTACHE_INCLUDE)
  sa_missing("kainjow mustache" "libkainjow-mustache-dev")
endif()
add_library(sa_mustache INTERFACE)
target_include_directories(sa_mustache SYSTEM INTERFACE ${SA_MUSTACHE_INCLUDE})

pkg_check_modules(HWLOC QUIET IMPORTED_TARGET hwloc)
if(NOT HWLOC_FOUND)
  sa_missing("hwloc" "libhwloc-dev")
endif()

find_package(Boost 1.74 QUIET COMPONENTS filesystem)
if(NOT Boost_FOUND)
  sa_missing("Boost.Filesystem" "libboost-filesystem-dev")
endif()

find_package(MPI QUIET COMPONENTS CXX)
if(NOT MPI_CXX_FOUND)
  sa_missing("MPI (Open MPI)" "libopenmpi-dev openmpi-bin")
endif()

set(HDF5_PREFER_PARALLEL ON)
find_package(HDF5 QUIET COMPONENTS C)
if(NOT HDF5_FOUND)
  sa_missing("parallel HDF5" "libhdf5-openmpi-dev")
endif()

# libslurm ships no pkg-config or CMake file.
find_path(SLURM_INCLUDE_DIR slurm/slurm.h)
find_library(SLURM_LIBRARY slurm)
if(NOT SLURM_INCLUDE_DIR OR NOT SLURM_LIBRARY)
  sa_missing("libslurm" "libslurm-dev")
endif()

pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
if(NOT HTTPLIB_FOUND)
  sa_missing("cpp-httplib" "libcpp-httplib-dev")
endif()

pkg_check_modules(JWT QUIET IMPORTED_TARGET libjwt)
if(NOT JWT_FOUND)
  sa_missing("libjwt" "libjwt-dev")
endif()

pkg_check_modules(XXHASH QUIET IMPORTED_TARGET libxxhash)
if(NOT XXHASH_FOUND)
  sa_missing("xxHash" "libxxhash-dev")
endif()
