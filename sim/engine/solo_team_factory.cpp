// The team factory of a build without MPI (CMake option LISSIM_WITH_MPI off).
#include "sim/engine/team_factory.h"

namespace lissim::sim {

ParallelSession::ParallelSession(int&, char**&) {}
ParallelSession::~ParallelSession() = default;
std::unique_ptr<Team> make_team() { return std::make_unique<Team>(); }
int process_rank() { return 0; }
void abort_team(int) {}
bool built_with_mpi() { return false; }

}  // namespace lissim::sim
