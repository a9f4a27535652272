#pragma once
// Array conventions of the model: every quantity is held for a block of Monte Carlo draws.
// DrawArray has one entry per draw; SectorArray is draws x sectors (a column per sector).
#include <Eigen/Core>

namespace lissim::models {

using DrawArray = Eigen::ArrayXd;
using SectorArray = Eigen::ArrayXXd;
using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

}  // namespace lissim::models
