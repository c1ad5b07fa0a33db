# The libFuzzer harnesses of fuzz/ need clang, so they are a project of their own, configured
# and built here as an external project (incrementally, with the main build), and run briefly
# by ctest. `make fuzz` runs them longer.
find_program(FSD_CLANGXX NAMES clang++ clang++-14)
if(NOT FSD_CLANGXX)
  message(FATAL_ERROR "The fuzz harnesses need clang++ and libFuzzer (make install-deps installs clang and "
                      "libclang-rt-14-dev); or configure with -DFSD_BUILD_FUZZ=OFF")
endif()
include(ExternalProject)
set(FSD_FUZZ_BINARY_DIR ${CMAKE_BINARY_DIR}/fuzz)
# Under make the sub-build shares make's job slots; under Ninja it is one job of the main build,
# so it compiles one file at a time rather than adding its own to the cores already busy.
set(FSD_FUZZ_BUILD_COMMAND)
if(CMAKE_GENERATOR MATCHES "Ninja")
  set(FSD_FUZZ_BUILD_COMMAND BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> -j 1)
endif()
ExternalProject_Add(fsd_fuzz ${FSD_FUZZ_BUILD_COMMAND}
  SOURCE_DIR ${PROJECT_SOURCE_DIR}/fuzz
  BINARY_DIR ${FSD_FUZZ_BINARY_DIR}
  CMAKE_ARGS -DCMAKE_CXX_COMPILER=${FSD_CLANGXX} -DCMAKE_BUILD_TYPE=Debug
             -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON)
