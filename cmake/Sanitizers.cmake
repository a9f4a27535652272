# Sanitizer and fuzzing build options, applied to the compile and link of every target.
#
#   -DLISSIM_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang). Any
#                         undefined behaviour aborts (-fno-sanitize-recover), so a ctest run
#                         under it fails on the first report. Use Debug or RelWithDebInfo.
#   -DLISSIM_FUZZ=ON      clang only: implies LISSIM_SANITIZE and adds libFuzzer's coverage
#                         instrumentation (-fsanitize=fuzzer-no-link) to every target, so
#                         tests/fuzz can link a real libFuzzer binary (tests/fuzz/run_fuzzer.sh).
# Set ASAN_OPTIONS / UBSAN_OPTIONS at run time (see .ci/run).

option(LISSIM_SANITIZE "Build everything with -fsanitize=address,undefined" OFF)
option(LISSIM_FUZZ "Build the libFuzzer targets in tests/fuzz (clang; implies LISSIM_SANITIZE)" OFF)

if(LISSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "LISSIM_FUZZ=ON needs clang >= 16 (libFuzzer; tests/fuzz/run_fuzzer.sh sets it up): "
                        "configure with -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_C_COMPILER=clang-16")
  endif()
  set(LISSIM_SANITIZE ON CACHE BOOL "Build everything with -fsanitize=address,undefined" FORCE)
endif()

if(LISSIM_SANITIZE)
  set(LISSIM_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                             -fno-sanitize-recover=undefined)
  if(LISSIM_FUZZ)
    list(APPEND LISSIM_SANITIZER_FLAGS -fsanitize=fuzzer-no-link)
  endif()
  add_compile_options(${LISSIM_SANITIZER_FLAGS})
  add_link_options(${LISSIM_SANITIZER_FLAGS})
  if(CMAKE_BUILD_TYPE STREQUAL "Release")
    message(WARNING "LISSIM_SANITIZE with a Release build: stack traces are poorer than with "
                    "RelWithDebInfo or Debug")
  endif()
  message(STATUS "lissim: sanitizers on: ${LISSIM_SANITIZER_FLAGS}")
endif()
