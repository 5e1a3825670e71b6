/* gamelp.h — the cost-sharing rules that are linear programs, solved with GLPK: the least core
 * (is the core empty?), the Equal Profit Method (Frisk, Göthe-Lundgren, Jörnsten & Rönnqvist
 * 2010) and the nucleolus (Schmeidler 1969, as a sequence of least-core LPs). Games as in
 * solver/game.h: c[mask] per coalition, `known` (NULL = all) marks the coalitions given.
 * Results are real numbers in the units of c; round them with game_round.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_GAMELP_H
#define SOLVER_GAMELP_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"

/* Least core: minimise eps over allocations x with x(N) = c(N) and x(S) <= c(S) + eps for every
 * known coalition S other than N. eps <= 0 means the core (the allocations no coalition
 * objects to) is not empty; eps > 0 is the least amount every coalition would have to be
 * charged above its own cost for any allocation of c(N) to be accepted. Writes eps and one
 * such x[k]. k == 1: x = c(N), eps = 0. Every singleton must be known.
 * Returns ERR_OK, ERR_LP when GLPK fails. */
err_code gamelp_least_core(uint32_t k, const int64_t *c, const bool *known, double *x, double *eps,
                           err *e);

/* Equal Profit Method: the allocation y with y(N) = c(N) and y(S) <= c(S) + slack for every
 * known S other than N that makes the players' relative savings 1 - y_i / c({i}) as equal as
 * possible: minimise f subject to y_i / c({i}) - y_j / c({j}) <= f for all i != j. slack = 0
 * asks for a core allocation (pass the least core's eps, when positive, for an empty core).
 * Every singleton cost must be known and > 0. Writes y[k] and the largest difference of
 * relative savings f (a fraction). Returns ERR_OK, ERR_INFEASIBLE when no allocation meets the
 * constraints (slack below the least core's eps), ERR_USAGE for a singleton cost <= 0,
 * ERR_LP when GLPK fails. */
err_code gamelp_epm(uint32_t k, const int64_t *c, const bool *known, double slack, double *y,
                    double *f, err *e);

/* Nucleolus over the known coalitions: the allocation of c(N) that minimises the largest
 * excess x(S) - c(S), then the next largest, and so on. Each round solves the least-core LP
 * over the coalitions not yet fixed, then fixes at x(S) = c(S) + eps the coalitions whose
 * constraint has a non-zero dual value (tight in every optimum) and drops those whose x(S) the
 * fixed ones already determine; it ends when x is unique (k independent equalities).
 * Writes x[k]. Returns ERR_OK, ERR_LP when GLPK fails. */
err_code gamelp_nucleolus(uint32_t k, const int64_t *c, const bool *known, double *x, err *e);

#endif
