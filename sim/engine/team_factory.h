#pragma once
// The team this process belongs to: an MPI team when lissim was built with MPI and started
// by an MPI launcher (mpirun, srun), otherwise a team of one.
#include <memory>

#include "sim/engine/team.h"

namespace lissim::sim {

// Starts MPI if this process was started by an MPI launcher; ends it on destruction.
class ParallelSession {
 public:
  ParallelSession(int& argc, char**& argv);
  ~ParallelSession();
  ParallelSession(const ParallelSession&) = delete;
  ParallelSession& operator=(const ParallelSession&) = delete;
};

std::unique_ptr<Team> make_team();

// This process's rank (0 alone): only rank 0 reports input errors, which every rank finds.
int process_rank();

// Ends every member of the job with `code` after a member failed (MPI_Abort); returns only alone.
void abort_team(int code);

// "lissim built with MPI" for --version.
bool built_with_mpi();

}  // namespace lissim::sim
