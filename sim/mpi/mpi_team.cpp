// The team of an MPI job (built with LISSIM_WITH_MPI): one member per rank of MPI_COMM_WORLD.
// MPI is called from one thread at a time (the engine's ordered merger serialises chunk
// messages; collectives run on the main thread), so MPI_THREAD_SERIALIZED suffices.
#include <mpi.h>

#include <cstdlib>
#include <limits>
#include <string>

#include "sim/engine/team_factory.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

bool g_mpi_started = false;

// Environment variables that MPI launchers set (Open MPI, PMI-1/2 as used by Slurm and
// MPICH, PMIx): without one, lissim runs alone and never touches MPI.
bool started_by_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) throw Error(ExitCode::internal, std::string("MPI: ") + what + " failed");
}

// Large messages go in pieces below MPI's int count limit.
constexpr std::size_t kMaxPiece = static_cast<std::size_t>(std::numeric_limits<int>::max() / 2);

class MpiTeam : public Team {
 public:
  MpiTeam() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void send_to_leader(std::size_t chunk, const std::vector<double>& data) override {
    const auto length = static_cast<std::uint64_t>(data.size());
    const int tag = tag_of(chunk);
    // Synchronous sends: a member runs at most one message ahead of the leader's merging,
    // so the leader never buffers more than one chunk per member.
    check(MPI_Ssend(&length, 1, MPI_UINT64_T, 0, tag, MPI_COMM_WORLD), "send");
    for (std::size_t at = 0; at < data.size(); at += kMaxPiece) {
      const auto n = static_cast<int>(std::min(kMaxPiece, data.size() - at));
      check(MPI_Ssend(data.data() + at, n, MPI_DOUBLE, 0, tag, MPI_COMM_WORLD), "send");
    }
  }

  std::vector<double> receive(int member, std::size_t chunk) override {
    const int tag = tag_of(chunk);
    std::uint64_t length = 0;
    check(MPI_Recv(&length, 1, MPI_UINT64_T, member, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "receive");
    std::vector<double> data(length);
    for (std::size_t at = 0; at < data.size(); at += kMaxPiece) {
      const auto n = static_cast<int>(std::min(kMaxPiece, data.size() - at));
      check(MPI_Recv(data.data() + at, n, MPI_DOUBLE, member, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "receive");
    }
    return data;
  }

  void sum(std::vector<std::uint64_t>& v) override { reduce(v.data(), v.size(), MPI_UINT64_T, MPI_SUM); }
  void min(std::vector<double>& v) override { reduce(v.data(), v.size(), MPI_DOUBLE, MPI_MIN); }
  void max(std::vector<double>& v) override { reduce(v.data(), v.size(), MPI_DOUBLE, MPI_MAX); }

  std::vector<std::vector<double>> gather(const std::vector<double>& mine) override {
    std::vector<std::uint64_t> lengths(static_cast<std::size_t>(size_), 0);
    lengths[static_cast<std::size_t>(rank_)] = mine.size();
    sum(lengths);
    std::vector<std::vector<double>> all(static_cast<std::size_t>(size_));
    for (int r = 0; r < size_; ++r) {
      auto& v = all[static_cast<std::size_t>(r)];
      v = r == rank_ ? mine : std::vector<double>(lengths[static_cast<std::size_t>(r)]);
      for (std::size_t at = 0; at < v.size(); at += kMaxPiece) {
        const auto n = static_cast<int>(std::min(kMaxPiece, v.size() - at));
        check(MPI_Bcast(v.data() + at, n, MPI_DOUBLE, r, MPI_COMM_WORLD), "broadcast");
      }
    }
    return all;
  }

  bool all(bool flag) override {
    int value = flag ? 1 : 0;
    check(MPI_Allreduce(MPI_IN_PLACE, &value, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD), "allreduce");
    return value != 0;
  }

 private:
  // Tags are bounded by MPI_TAG_UB (at least 32767): chunks reuse tags, which is safe because
  // a member's messages to the leader arrive in order.
  static int tag_of(std::size_t chunk) { return static_cast<int>(chunk % 32768); }

  void reduce(void* data, std::size_t n, MPI_Datatype type, MPI_Op op) {
    const std::size_t width = type == MPI_DOUBLE ? sizeof(double) : sizeof(std::uint64_t);
    for (std::size_t at = 0; at < n; at += kMaxPiece) {
      const auto count = static_cast<int>(std::min(kMaxPiece, n - at));
      check(MPI_Allreduce(MPI_IN_PLACE, static_cast<char*>(data) + at * width, count, type, op, MPI_COMM_WORLD),
            "allreduce");
    }
  }

  int rank_ = 0, size_ = 1;
};

}  // namespace

ParallelSession::ParallelSession(int& argc, char**& argv) {
  if (!started_by_launcher()) return;
  int provided = 0;
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS) return;
  g_mpi_started = true;
}

ParallelSession::~ParallelSession() {
  if (g_mpi_started) MPI_Finalize();
}

std::unique_ptr<Team> make_team() {
  if (!g_mpi_started) return std::make_unique<Team>();
  return std::make_unique<MpiTeam>();
}

int process_rank() {
  if (!g_mpi_started) return 0;
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

void abort_team(int code) {
  if (!g_mpi_started) return;
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size > 1) MPI_Abort(MPI_COMM_WORLD, code);
}

bool built_with_mpi() { return true; }

}  // namespace lissim::sim
