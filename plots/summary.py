"""The answer of a results file in plain words: the numbers behind the report's first screen.

Pure computation on lissim.reader's Results (no HTML, no plotting), so the tests can check
every figure and sentence against known values:

    summary = summarise(results)
    summary.targets[0].probability_text      # '14% (highly unlikely)'
    summary.messages                         # three to five key messages

Probabilities carry their Monte Carlo standard error: sqrt(p (1 - p) / N) for one share;
for a difference between the scenario and the counterfactual (the same draws), the paired
standard error from the per-draw met flags when the file stores them, and otherwise none
is claimed. A difference within two standard errors is "not distinguishable" from none.
"""

import math
from dataclasses import dataclass, field

import numpy as np

import wording
from lissim import reader as lr

# Which way is better for each target rule.
LOWER_IS_BETTER_RULES = ("at_most", "reduce_by")


def lower_is_better(target):
    return target.rule in LOWER_IS_BETTER_RULES


def standard_error(p, draws):
    """Monte Carlo standard error of a share p of draws; NaN when unknown."""
    if draws is None or draws <= 0 or p is None or not math.isfinite(p):
        return float("nan")
    return math.sqrt(max(p * (1.0 - p), 0.0) / draws)


def paired_difference(bits, bits_other, draws):
    """(difference, standard error) of two shares measured on the same draws, from their
    packed per-draw flags: the mean and standard error of the per-draw differences."""
    a = lr.unpack_met_bits(bits, draws).astype(float)
    b = lr.unpack_met_bits(bits_other, draws).astype(float)
    d = a - b
    se = float(np.std(d, ddof=1) / math.sqrt(draws)) if draws > 1 else float("nan")
    return float(d.mean()), se


def distinguishable(diff, se):
    """False when |diff| is within two standard errors (or is exactly zero); None when the
    standard error is unknown."""
    if diff is None or not math.isfinite(diff):
        return None
    if diff == 0:
        return False
    if se is None or not math.isfinite(se):
        return None
    return abs(diff) > 2.0 * se


@dataclass
class TargetSummary:
    id: str
    description: str
    indicator: str
    deadline: int
    probability: float
    probability_se: float
    judged: float  # NaN when the file has no measured indicators
    counterfactual: float = float("nan")
    difference: float = float("nan")  # scenario minus counterfactual, probability
    difference_se: float = float("nan")
    difference_paired: bool = False
    lower_is_better: bool = False
    shortfall: float = float("nan")  # at the median, in the indicator's units; <= 0: met
    units: str = ""
    effect: float = float("nan")  # median effect of the interventions, better direction +
    gap_to_close: float = float("nan")  # counterfactual median's shortfall
    target_level: float = float("nan")

    @property
    def word(self):
        return wording.yardstick_word(self.probability)

    @property
    def probability_text(self):
        return wording.percent_with_word(self.probability)

    @property
    def judged_text(self):
        return "not in this file" if not math.isfinite(self.judged) else \
            wording.percent_with_word(self.judged)

    @property
    def difference_text(self):
        text = wording.points(self.difference)
        if self.difference == 0:
            return text  # the same in every draw, or the same count
        if math.isfinite(self.difference_se):
            text += f" ± {100 * self.difference_se:.1f}"
        verdict = distinguishable(self.difference, self.difference_se)
        if verdict is False and self.difference != 0:
            text += " (not distinguishable from no change)"
        return text

    @property
    def shortfall_text(self):
        if not math.isfinite(self.shortfall):
            return "n/a"
        if self.shortfall <= 0:
            return f"met, {wording.quantity(-self.shortfall, self.units)} to spare"
        return f"{wording.quantity(self.shortfall, self.units)} " \
               f"{'too high' if self.lower_is_better else 'short'}"

    @property
    def effect_share_of_gap(self):
        if not (math.isfinite(self.effect) and math.isfinite(self.gap_to_close)) \
                or self.gap_to_close <= 0:
            return float("nan")
        return self.effect / self.gap_to_close


@dataclass
class ValueForMoney:
    id: str
    name: str
    spend_gbp_m: float
    local: dict  # bcr [5, 50, 95], band, prob_bcr_at_least_1, cost_per_net_job (GBP)
    national: dict = field(default_factory=dict)  # the same in the UK view; {} if absent

    def text(self, view="local"):
        v = self.local if view == "local" else self.national
        if not v:
            return "not in this file"
        lo, mid, hi = v["bcr"]
        if not math.isfinite(mid):
            return "BCR undefined in every draw"
        parts = [f"BCR {wording.number(mid)} [{wording.number(lo)} to {wording.number(hi)}]",
                 f"{v['band']} value for money",
                 f"P(BCR ≥ 1) {wording.percent(v['prob_bcr_at_least_1'])}"]
        cost = v.get("cost_per_net_job", float("nan"))
        parts.append(f"cost per net job {wording.money_gbp(cost)}" if math.isfinite(cost)
                     else "no net jobs")
        return ", ".join(parts)


@dataclass
class Summary:
    draws: int
    deadline: int
    targets: list
    all_met: float
    all_met_se: float
    all_met_counterfactual: float
    has_interventions: bool
    has_judged: bool
    value_for_money: list
    package_spend_gbp_m: float
    messages: list


def summarise(results):
    draws = int(results.attrs.get("draws", 0)) or None
    targets = [target_summary(results, t, draws) for t in results.targets.values()]
    all_met = lr.prob_all_at_deadline(results) if results.prob_all_met is not None \
        else float("nan")
    all_cf = lr.prob_all_at_deadline(results, counterfactual=True) \
        if results.prob_all_met_counterfactual is not None else float("nan")
    vfm = value_for_money(results) if results.has_interventions else []
    package = results.interventions.get(lr.ALL_INTERVENTIONS)
    spend = package.total_spend_gbp_m if package is not None else float("nan")
    summary = Summary(draws or 0, results.deadline, targets, all_met,
                      standard_error(all_met, draws), all_cf, results.has_interventions,
                      any(math.isfinite(t.judged) for t in targets), vfm, spend, [])
    summary.messages = key_messages(summary)
    return summary


def target_summary(results, target, draws):
    p = target.prob_met_at_deadline
    out = TargetSummary(
        id=target.id, description=target.description, indicator=target.indicator,
        deadline=target.deadline, probability=p, probability_se=standard_error(p, draws),
        judged=lr.judged_at_deadline(target, results.years),
        lower_is_better=lower_is_better(target))
    scenario = results.indicators["scenario"].get(target.indicator)
    if scenario is not None:
        out.units = scenario.units
        level = lr.target_line(target, scenario)
        if level is not None:
            out.target_level = level
            out.shortfall = shortfall(target, level, scenario, target.deadline, results.years)
    if results.has_interventions:
        cf = target.prob_met_counterfactual_at_deadline
        out.counterfactual = cf
        if target.met_bits is not None and target.met_bits_counterfactual is not None and draws:
            out.difference, out.difference_se = paired_difference(
                target.met_bits, target.met_bits_counterfactual, draws)
            out.difference_paired = True
        else:
            out.difference = p - cf
        counterfactual = results.indicators["counterfactual"].get(target.indicator)
        effect = lr.effect_quantiles_at(results, target.indicator, target.deadline)
        if effect is not None and counterfactual is not None and math.isfinite(out.target_level):
            median_effect = float(effect[lr.QUANTILE_PERCENTS.index(50)])
            out.effect = -median_effect if out.lower_is_better else median_effect
            out.gap_to_close = shortfall(target, out.target_level, counterfactual,
                                         target.deadline, results.years)
    return out


def shortfall(target, level, summary, year, years):
    """How far the median path is from the target in its deadline year, in the
    indicator's units, positive when it falls short."""
    hits = np.flatnonzero(np.asarray(years) == year)
    if not hits.size:
        return float("nan")
    median = float(summary.quantiles[50][hits[0]])
    if not math.isfinite(median):
        return float("nan")
    return median - level if lower_is_better(target) else level - median


def value_for_money(results):
    rows = []
    national = {row["id"]: row for row in lr.appraisal_table(results, "national")}
    for row in lr.appraisal_table(results, "local"):
        rows.append(ValueForMoney(
            row["id"], "All interventions together" if row["id"] == lr.ALL_INTERVENTIONS
            else row["name"], row["total_spend_gbp_m"], vfm_view(row),
            vfm_view(national[row["id"]]) if row["id"] in national else {}))
    return rows


def vfm_view(row):
    bcr = row["bcr"]
    median = bcr[1]
    band = lr.VFM_BANDS[int(np.searchsorted(lr.VFM_EDGES, median, side="right"))] \
        if math.isfinite(median) else "n/a"
    scale = 1e6 if "gbp m" in row["units"].get("cost_per_net_job", "").lower() else 1.0
    return {"bcr": bcr, "band": band, "prob_bcr_at_least_1": row["prob_bcr_at_least_1"],
            "cost_per_net_job": float(row["cost_per_net_job"][1]) * scale}


def key_messages(summary):
    """Three to five sentences generated from the numbers, most important first."""
    messages = []
    ranked = sorted((t for t in summary.targets if math.isfinite(t.probability)),
                    key=lambda t: t.probability, reverse=True)
    if ranked:
        best, worst = ranked[0], ranked[-1]
        if len(ranked) == 1:
            messages.append(f"The target ({best.description}) has a {best.probability_text} "
                            f"chance of being met by {best.deadline}.")
        else:
            messages.append(
                f"Of the {wording.count(len(ranked))} targets, the most likely to be met by "
                f"{best.deadline} is \u201c{best.description}\u201d at "
                f"{best.probability_text}; the least likely is \u201c{worst.description}\u201d "
                f"at {worst.probability_text}.")
        if math.isfinite(summary.all_met) and len(ranked) > 1:
            messages.append(f"Meeting all {wording.count(len(ranked))} together: "
                            f"{wording.percent_with_word(summary.all_met)}.")
        short = [t for t in ranked if math.isfinite(t.shortfall) and t.shortfall > 0]
        if short:
            t = short[-1]
            messages.append(f"On the median path \u201c{t.description}\u201d is missed by "
                            f"{wording.quantity(t.shortfall, t.units)}.")
    if summary.has_interventions and summary.targets:
        moves = [abs(t.difference) for t in summary.targets if math.isfinite(t.difference)]
        if moves:
            largest = max(moves)
            spend = (f"GBP {wording.number(summary.package_spend_gbp_m)}m "
                     if math.isfinite(summary.package_spend_gbp_m) else "")
            if largest < 0.01:
                messages.append(
                    f"The {spend}package changes no target's chance by as much as one "
                    f"percentage point (largest change {wording.points(largest)}): at this "
                    "scale it does not change the answer.")
            else:
                t = max(summary.targets, key=lambda x: abs(x.difference)
                        if math.isfinite(x.difference) else -1)
                messages.append(f"The {spend}package moves \u201c{t.description}\u201d by "
                                f"{wording.points(t.difference)}, the most of any target.")
    package = next((v for v in summary.value_for_money if v.id == lr.ALL_INTERVENTIONS), None)
    if package is not None and package.local:
        messages.append(f"Value for money of the package (local view): {package.text('local')}.")
    return messages[:5]
