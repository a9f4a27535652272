# LISSIM_ISA: the instruction set the random-number kernels (sim/random: batched Philox, the
# normal quantile) are compiled for, as a -march value, fixed at build time. The default on
# x86-64 is x86-64-v3 (AVX2 and FMA: Intel Haswell 2013 and AMD Excavator 2015 onwards, every
# current x86 server) when the building machine has it, else x86-64 (SSE2), so a default build
# never stops with an illegal instruction; set x86-64-v3 to build for other machines, an empty
# value leaves the compiler's default. The rest of the build is not affected.
#
# Results do not depend on the choice: sim/random is compiled with -ffp-contract=off, so no
# multiply-add is fused and vector code rounds exactly like scalar code (README, Development).
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  include(CheckCXXSourceRuns)
  check_cxx_source_runs([[
    int main() { __builtin_cpu_init(); return __builtin_cpu_supports("x86-64-v3") ? 0 : 1; }
  ]] lissim_host_is_x86_64_v3)
  if(lissim_host_is_x86_64_v3)
    set(lissim_default_isa x86-64-v3)
  else()
    set(lissim_default_isa x86-64)
  endif()
else()
  set(lissim_default_isa "")
endif()
set(LISSIM_ISA "${lissim_default_isa}" CACHE STRING
    "-march of the vectorised random-number kernels (x86-64-v3, x86-64-v2, x86-64; empty: compiler default)")

# lissim_use_isa(TARGET): compile TARGET's own sources for LISSIM_ISA, without contraction.
function(lissim_use_isa target)
  if(LISSIM_ISA)
    target_compile_options(${target} PRIVATE -march=${LISSIM_ISA})
  endif()
  target_compile_options(${target} PRIVATE -ffp-contract=off)
endfunction()
