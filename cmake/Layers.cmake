# lissim_layer(NAME [DIR dir] [LAYERS layer ...] [LINK target ...] [EXCLUDE file ...])
#
# One static library, lissim_<NAME>, per folder of sim/ (docs/architecture.md): the .cpp files
# of sim/<DIR> (DIR defaults to NAME; "core" is sim/ itself), linked to the libraries of the
# layers it uses (LAYERS) and to outside targets (LINK). Every #include "sim/<folder>/..." in the
# folder's files must name the folder itself or a declared layer ("core" stands for the
# headers in sim/ itself), or the configuration stops with the file and the include: a lower
# folder cannot include a higher one without the declaration saying so.
function(lissim_layer name)
  cmake_parse_arguments(LAYER "" "DIR" "LAYERS;LINK;EXCLUDE" ${ARGN})
  if(NOT DEFINED LAYER_DIR)
    set(LAYER_DIR ${name})
  endif()
  set(dir ${PROJECT_SOURCE_DIR}/sim/${LAYER_DIR})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  file(GLOB headers CONFIGURE_DEPENDS ${dir}/*.h)
  foreach(excluded IN LISTS LAYER_EXCLUDE)
    list(FILTER sources EXCLUDE REGEX "/${excluded}$")
  endforeach()

  foreach(file IN LISTS sources headers)
    file(STRINGS ${file} includes REGEX "^#include \"sim/")
    foreach(include IN LISTS includes)
      if(include MATCHES "^#include \"sim/([a-z_0-9]+)/")
        set(used ${CMAKE_MATCH_1})
      else()
        set(used core)
      endif()
      if(NOT used STREQUAL name AND NOT used IN_LIST LAYER_LAYERS)
        message(FATAL_ERROR "${file}: ${include}: layer '${name}' does not use layer '${used}'; "
                            "declare it in sim/CMakeLists.txt if it should (docs/architecture.md)")
      endif()
    endforeach()
  endforeach()

  add_library(lissim_${name} STATIC ${sources})
  target_include_directories(lissim_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  list(TRANSFORM LAYER_LAYERS PREPEND lissim_ OUTPUT_VARIABLE layer_targets)
  target_link_libraries(lissim_${name} PUBLIC ${layer_targets} ${LAYER_LINK})
endfunction()
