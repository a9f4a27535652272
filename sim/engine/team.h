#pragma once
// The processes one run is shared among. A single process is a team of one; under MPI every
// rank is a member (sim/mpi/mpi_team.cpp, made by team_factory.h). Member r simulates the
// chunks c with c % size == r (chunk_plan.h); the leader (rank 0) receives every other
// member's chunk results and merges all of them in chunk order, so the results file is the
// same for any number of members.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lissim::sim {

class Team {
 public:
  virtual ~Team() = default;
  virtual int rank() const { return 0; }
  virtual int size() const { return 1; }
  bool leader() const { return rank() == 0; }
  bool owns(std::size_t chunk) const { return owner(chunk) == rank(); }  // the backtest's regions
  int owner(std::size_t chunk) const { return static_cast<int>(chunk % static_cast<std::size_t>(size())); }

  // Point to point, chunk results only: a member sends each of its chunks to the leader, in
  // chunk order; the leader receives them in chunk order.
  virtual void send_to_leader(std::size_t /*chunk*/, const std::vector<double>& /*data*/) {}
  virtual std::vector<double> receive(int /*member*/, std::size_t /*chunk*/) { return {}; }

  // Collectives: every member calls them in the same order and ends with the same values.
  virtual void sum(std::vector<std::uint64_t>& /*values*/) {}
  virtual void min(std::vector<double>& /*values*/) {}
  virtual void max(std::vector<double>& /*values*/) {}
  // Every member's vector, in rank order.
  virtual std::vector<std::vector<double>> gather(const std::vector<double>& mine) { return {mine}; }
  // Whether every member's flag is true (the backtest's output check).
  virtual bool all(bool flag) { return flag; }
};

}  // namespace lissim::sim
