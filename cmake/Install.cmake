# Installation layout and the Debian package.
#
#   cmake --install build --prefix P   (or: cd build && cpack -G DEB)
#
#   P/bin/lissim
#   P/lib/python3/dist-packages/lissim/   the Python package (docs/python.md)
#   P/share/lissim/plots/*.py, *.j2, README.md  render.py, report.py and its template
#   P/share/lissim/scenarios/**.yaml      scenarios (and scenarios/sweeps/), with schema.json
#                                         (every scenario's $schema line) and the READMEs
#   P/share/lissim/seeds/<region>/*       seed data, with its README, calibration notes, scripts
#   P/share/doc/lissim/README.md, P/share/doc/lissim/docs/*.md
#
# Scenarios name their seed data relative to the scenario file (seed_data: ../seeds/north_east),
# so share/lissim keeps the source tree's scenarios/ and seeds/ side by side.
include(GNUInstallDirs)

set(LISSIM_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/lissim)
# Pure Python: Debian's python3 searches /usr/lib/python3/dist-packages, so the DEB (prefix
# /usr) needs no PYTHONPATH; other prefixes name P/lib/python3/dist-packages in PYTHONPATH.
set(LISSIM_INSTALL_PYTHONDIR lib/python3/dist-packages
    CACHE STRING "Where the lissim Python package is installed, relative to the prefix")

install(TARGETS lissim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/plots/
        DESTINATION ${LISSIM_INSTALL_DATADIR}/plots
        USE_SOURCE_PERMISSIONS
        FILES_MATCHING PATTERN "*.py" PATTERN "*.md" PATTERN "*.j2"
        PATTERN "__pycache__" EXCLUDE)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/lissim
        DESTINATION ${LISSIM_INSTALL_PYTHONDIR}
        FILES_MATCHING PATTERN "*.py"
        PATTERN "__pycache__" EXCLUDE)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/
        DESTINATION ${LISSIM_INSTALL_DATADIR}/scenarios
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.json" PATTERN "*.md")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/seeds/
        DESTINATION ${LISSIM_INSTALL_DATADIR}/seeds
        USE_SOURCE_PERMISSIONS
        PATTERN "__pycache__" EXCLUDE
        PATTERN "*.pyc" EXCLUDE)

install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png")

# ---- CPack: cd build && cpack -G DEB  ->  lissim_<version>_<arch>.deb ---------------------
set(LISSIM_PACKAGE_MAINTAINER "lissim developers <lissim@localhost>"
    CACHE STRING "Maintainer field of the Debian package (\"Name <email>\")")

set(CPACK_PACKAGE_NAME lissim)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "lissim")
set(CPACK_PACKAGE_CONTACT "${LISSIM_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "local industrial strategy scenario simulator (regional economic Monte Carlo)")
set(CPACK_PACKAGE_DESCRIPTION
    "lissim projects a region's economy under uncertainty and reports how likely its economic plan targets are to be met. It turns a region's baseline, targets and calibration (YAML) into a regional economic model, runs a Monte Carlo projection and writes the results to HDF5. Includes the North East LEP seed data, scenarios and the plotting scripts.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_NAME lissim)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LISSIM_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries lissim links (Debian 12 package names) and the C/C++ runtime; Open MPI
# when built with it (sim/CMakeLists.txt: LISSIM_WITH_MPI, on when MPI is found).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libyaml-cpp0.7, libhdf5-103-1, libhdf5-hl-100, libboost-program-options1.74.0, libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1")
if(LISSIM_WITH_MPI)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libopenmpi3")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "openmpi-bin")  # mpirun, for distributed runs
endif()
# The Python package and the plotting scripts use Debian's python3 with h5py, numpy, xarray,
# pandas and matplotlib; the report (plots/report.py) with jinja2.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-h5py, python3-numpy, python3-xarray, python3-pandas, python3-matplotlib, python3-jinja2")

if(LISSIM_SANITIZE)
  message(STATUS "lissim: note: a sanitizer build is not meant to be installed or packaged")
endif()

include(CPack)
