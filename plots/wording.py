"""How lissim's figures and report write numbers and probabilities, in one place.

Text for people (figures, HTML): thousands separators, no scientific notation, about three
significant figures, probabilities as whole percentages with the words of the UK
probability yardstick (Professional Head of Intelligence Assessment, PHIA). Machine output
(CSV) is written by `lissim export` in the shortest exact form instead (docs/compare.md).
"""

import math

# The PHIA probability yardstick: (word, lowest, highest) probability of each range.
# The ranges leave gaps (5-10%, 20-25%, ...) on purpose; a value in a gap takes the nearer
# word (ties the word nearer to 50%), and the number is always shown beside it.
YARDSTICK = (
    ("remote chance", 0.00, 0.05),
    ("highly unlikely", 0.10, 0.20),
    ("unlikely", 0.25, 0.35),
    ("realistic possibility", 0.40, 0.50),
    ("likely", 0.55, 0.75),
    ("highly likely", 0.80, 0.90),
    ("almost certain", 0.95, 1.00),
)
YARDSTICK_SOURCE = ("UK Professional Head of Intelligence Assessment (PHIA) probability "
                    "yardstick")


def yardstick_word(p):
    """The yardstick's word for probability p (in [0, 1]); '' for NaN."""
    if p is None or not math.isfinite(p):
        return ""
    p = min(max(float(p), 0.0), 1.0)
    best, best_key = "", None
    for word, low, high in YARDSTICK:
        distance = 0.0 if low <= p <= high else min(abs(p - low), abs(p - high))
        key = (round(distance, 12), abs((low + high) / 2 - 0.5))
        if best_key is None or key < best_key:
            best, best_key = word, key
    return best


def percent(p, decimals=0):
    """A probability as a percentage: '14%'; '<1%' and '>99%' at the ends, because a Monte
    Carlo share of 0 or 1 is not a certainty; 'n/a' for NaN."""
    if p is None or not math.isfinite(p):
        return "n/a"
    step = 10.0 ** -decimals
    value = 100.0 * float(p)
    if value < step / 2:
        return f"<{step:g}%"
    if value >= 100.0 - step / 2:
        return f">{100.0 - step:g}%"
    return f"{value:.{decimals}f}%"


def percent_with_word(p, decimals=0):
    """'14% (highly unlikely)'."""
    word = yardstick_word(p)
    return f"{percent(p, decimals)} ({word})" if word else percent(p, decimals)


def points(diff, decimals=1):
    """A difference of probabilities in percentage points: '+0.2 pp', 'no change'."""
    if diff is None or not math.isfinite(diff):
        return "n/a"
    value = 100.0 * float(diff)
    if round(value, decimals) == 0:
        return "no change" if value == 0 else f"{'+' if value > 0 else '-'}<{10.0 ** -decimals:g} pp"
    return f"{value:+.{decimals}f} pp"


def number(value, significant=3, signed=False):
    """A number for people: '35,930', '4.98', '0.0413', '-0.0000222'; never 1e-05."""
    if value is None or not math.isfinite(value):
        return "n/a"
    value = float(value)
    sign = "+" if signed and value > 0 else ""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude >= significant - 1:
        return f"{sign}{value:,.0f}"
    decimals = min(significant - 1 - magnitude, 9)
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return sign + text if text not in ("0", "-0") else "0"


def money_gbp(value_gbp):
    """GBP amounts for text: 'GBP 298,000' (three significant figures)."""
    if value_gbp is None or not math.isfinite(value_gbp):
        return "n/a"
    rounded = float(f"{value_gbp:.3g}")
    return f"GBP {rounded:,.0f}"


def units_text(units):
    """Units as a reader says them after a difference of an indicator (a distance to a
    target, an effect): a difference of percentages is in percentage points."""
    return {"persons": "jobs", "%": "pp",
            "% of comparator GVA per hour": "pp of comparator GVA per hour"}.get(units, units)


def short_units(units):
    """Units short enough for a label beside a bar."""
    return {"persons": "jobs", "%": "pp", "% of comparator GVA per hour": "pp",
            "jobs per working-age resident": "jobs per resident"}.get(units, units)


COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count(n):
    """Small counts in words, as in running text: 'six'; larger ones as numbers."""
    return COUNT_WORDS[n] if 0 <= n < len(COUNT_WORDS) else f"{n:,}"


def quantity(value, units, signed=False):
    """A value in an indicator's units: '64,070 jobs', '2.1 percentage points'."""
    text = number(value, signed=signed)
    words = units_text(units)
    if not words:
        return text
    return f"{text} {words}"


# Short names of the indicators, for titles and labels.
INDICATOR_SHORT = {
    "jobs": "jobs",
    "jobs_change": "jobs",
    "employment_rate_gap": "employment-rate gap",
    "activity_rate_gap": "activity-rate gap",
    "private_density_gap": "private-sector density gap",
    "productivity_gap": "productivity gap",
    "better_jobs_share_of_growth": "better jobs' share of new jobs",
}


def target_phrase(target):
    """What a target asks, in a few words: '+100,000 jobs', 'productivity gap halved'."""
    short = INDICATOR_SHORT.get(target.indicator, target.indicator.replace("_", " "))
    x = target.threshold
    if target.rule == "at_least" and target.indicator.endswith("_change"):
        return f"{number(x, signed=True)} {short}"
    if target.rule == "at_least":
        return f"{short} at least {number(x)}"
    if target.rule == "at_most":
        return f"{short} closed" if x == 0 and target.indicator.endswith("_gap") \
            else f"{short} at most {number(x)}"
    if target.rule == "reduce_by":
        return f"{short} halved" if x == 0.5 else f"{short} cut by {number(100 * x)}%"
    if target.rule == "share_of_growth_at_least":
        return f"{short} at least {number(x)}%"
    return target.id.replace("_", " ")


def chance_title(p, target):
    """A figure title that states the message: '14% chance of +100,000 jobs by 2024'."""
    return f"{percent(p)} chance ({yardstick_word(p)}) of {target_phrase(target)} by " \
           f"{target.deadline}"
