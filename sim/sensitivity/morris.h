#pragma once
// Morris elementary effects: a screening design that ranks many factors with few runs.
//
// k factors scaled to [0,1], a grid of p levels {0, 1/(p-1), ..., 1} (p even), and a step
// Delta = p / (2 (p - 1)) (Morris 1991's recommended choice: every level is then visited
// with equal probability). Each of r trajectories starts at a random grid point x* whose
// coordinates lie in {0, ..., 1 - Delta} or, for a factor stepping down, {Delta, ..., 1},
// and moves one factor at a time, in a random order, by +Delta or -Delta: k + 1 points.
// The elementary effect of factor i on trajectory t is
//     EE_i = (f(x + e_i d_i Delta) - f(x)) / (d_i Delta),   d_i = +-1,
// and over the trajectories (Campolongo, Cariboni and Saltelli 2007 for mu*):
//     mu_i    = mean EE_i          (effects of opposite signs cancel)
//     mu*_i   = mean |EE_i|        (overall importance; the ranking statistic)
//     sigma_i = sd EE_i, divisor r - 1 (non-linearity or interactions with other factors).
// Effects are per unit of the [0,1] scale: for a factor mapped to [lo, hi], EE is the change
// in f for a move of the whole range (hi - lo), times 1.
//
// The random choices are a Philox stream keyed by the seed, so a design is a pure function of
// (factors, trajectories, levels, seed). Trajectories are plain random ones, not Campolongo's
// spread-maximising selection.
//
// References: M. D. Morris (1991), Factorial sampling plans for preliminary computational
// experiments, Technometrics 33:161-174. F. Campolongo, J. Cariboni and A. Saltelli (2007),
// An effective screening design for sensitivity analysis of large models, Environ. Model.
// Softw. 22:1509-1518.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace lissim::sim {

struct MorrisOptions {
  std::size_t trajectories = 20;  // r >= 2
  std::size_t levels = 4;         // p, even and >= 2
  std::uint64_t seed = 1991;
};

class MorrisDesign {
 public:
  // Throws InputError for factors == 0, r < 2, or p odd or < 2.
  MorrisDesign(std::size_t factors, const MorrisOptions& options = {});

  std::size_t factors() const { return factors_; }
  std::size_t trajectories() const { return trajectories_; }
  std::size_t levels() const { return levels_; }
  double delta() const { return delta_; }
  // r (k + 1) points, trajectory by trajectory.
  std::uint64_t evaluations() const { return trajectories_ * (factors_ + 1); }

  // Point `step` in [0, k] of trajectory t; out.size() >= factors(). Thread-safe.
  void point(std::size_t trajectory, std::size_t step, std::span<double> out) const;
  // Evaluation e = t (k + 1) + step.
  void point(std::uint64_t evaluation, std::span<double> out) const;
  // The factor that moves from step - 1 to step (step in [1, k]) and the signed move (+-Delta).
  std::size_t factor_moved(std::size_t trajectory, std::size_t step) const;
  double move(std::size_t trajectory, std::size_t step) const;

 private:
  std::size_t factors_, trajectories_, levels_;
  double delta_;
  std::vector<double> start_;               // [t * k + i]: coordinate i of the first point
  std::vector<std::size_t> order_;          // [t * k + j]: factor moved at step j + 1
  std::vector<double> direction_;           // [t * k + i]: +1 or -1
};

struct MorrisFactor {
  std::string name;
  double mu = 0.0;
  double mu_star = 0.0;
  double sigma = 0.0;
  std::size_t effects = 0;  // finite elementary effects used (r unless outputs were NaN)
};

// outputs: one per evaluation, in the design's order. An effect whose two outputs are not
// both finite is skipped (counted out of `effects`).
std::vector<MorrisFactor> morris_effects(const MorrisDesign& design, std::span<const double> outputs,
                                         const std::vector<std::string>& names);

// Evaluates the model on every point of the design in order (for tests and small models).
std::vector<double> evaluate_design(const MorrisDesign& design,
                                    const std::function<double(std::span<const double>)>& model);

}  // namespace lissim::sim
