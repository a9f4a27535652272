// lissim: local industrial strategy scenario simulator. All work happens in lissim_sim.
#include <hdf5.h>

#include "sim/cli/cli.h"
#include "sim/engine/team_factory.h"

int main(int argc, char** argv) {
  // Files are always closed explicitly. HDF5's exit-time cleanup would close again a file whose
  // close failed (disk full) and crash inside the library (HDF5 1.10), after lissim has already
  // reported the error and removed the temporary file.
  H5dont_atexit();
  const lissim::sim::ParallelSession session(argc, argv);  // MPI, when started by mpirun or srun
  return lissim::sim::run_cli(argc, argv);
}
