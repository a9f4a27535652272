// lissim: local industrial strategy scenario simulator. All work happens in lissim_sim.
#include "sim/cli/cli.h"
#include "sim/engine/team_factory.h"

int main(int argc, char** argv) {
  const lissim::sim::ParallelSession session(argc, argv);  // MPI, when started by mpirun or srun
  return lissim::sim::run_cli(argc, argv);
}
