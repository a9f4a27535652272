#!/usr/bin/python3
"""Derive the North East LEP 2014 sector baseline (seeds/north_east/baseline.yaml).

Run:  /usr/bin/python3 seeds/north_east/derive_baseline.py [--check]

Standard library only. Prints the derived sector table, the region and comparator
figures, and checks the constraints the loader relies on:
  * sector jobs sum exactly to the APS total 811,300;
  * hours-weighted GVA per hour reproduces 27.36 GBP/hour (within 0.01);
  * total hours sum(J_s h_s) match 25.44 m hours a week x 52 (within 0.1%);
  * jobs-weighted better-jobs (SOC 1-3) share reproduces 37.1% (within 0.1 pp);
  * seed 002: digital (ICT) GVA per hour above the LEP average and above the
    estimated ExL ICT level; professional/scientific/technical below both.
With --check it also reads baseline.yaml beside this script (a minimal line reader for
the numeric fields, no YAML library needed) and checks that every number in the file
equals the derived one.

Tags used in comments: V = quoted from a source, D = computed from published figures,
E = estimate (how it was made is written next to it). The sources are those in
shared/data/north_east.md unless stated otherwise.
"""

import os
import re
import sys

# ---------------------------------------------------------------------------
# 1. Inputs
# ---------------------------------------------------------------------------

APS_JOBS_TOTAL = 811_300          # V: APS workplace-based employment, Apr 2013-Mar 2014 (NE Data Hub "More jobs")
GVA_PER_HOUR_TOTAL = 27.36        # D: ONS subregional productivity (2023 release), ITL3 -> LEP, hours-weighted
HOURS_PER_WEEK_TOTAL = 25.44e6    # D: ONS productivity hours table, ITL3 sum
NOMINAL_GVA_TOTAL_M = 36_230.0    # D: ONS regional GVA (balanced), ITL3 sum, GBP m current prices (cross-check only)
BETTER_JOBS_TOTAL = 0.371         # D: Skills Imperative 2035 (DfE) modelled employment, SOC 1-3 share, 2015
WORKING_AGE_POP = 1_245_300       # D: NE region 1,661,400 minus Tees Valley 416,100 (mid-2016; used as the 2014 level)
COMPARATOR_GVA_PER_HOUR = 29.64   # D: ONS subregional productivity, England excluding London

# D: BRES 2015 (employees + working owners), NE LEP, sum of Nomis 5-digit cells, by SIC section.
BRES_2015 = {
    "A": 9_555, "B": 640, "C": 92_385, "D": 4_115, "E": 4_420, "F": 39_000,
    "G": 114_835, "H": 31_455, "I": 63_775, "J": 25_550, "K": 17_930, "L": 14_060,
    "M": 48_645, "N": 63_570, "O": 53_215, "P": 73_495, "Q": 121_625, "R": 17_940,
    "S": 19_805,
}
BRES_TOTAL = 816_015  # D: as published with the table

# V: LEP statements of the time: about 62,500 jobs in advanced manufacturing out of about
# 120,000 in wider manufacturing. E: the advanced share of SIC C is taken as 62,500 / 120,000.
ADV_MFG_SHARE_OF_C = 62_500 / 120_000

# D: real GVA 2014, chained volume (GBP m, 2023 release), ITL2 TLC4 = NE LEP. Sections not
# listed (A, B, E, H, I, R, S, T) share the remainder of the all-sections total.
CVM_2014 = {"C": 6_542, "D": 859, "F": 2_642, "G": 4_835, "J": 757, "K": 2_600, "L": 5_034,
            "M": 1_833, "N": 1_666, "O": 3_028, "P": 2_926, "Q": 5_354}
CVM_2014_ALL = 43_628

# E: owner-occupiers' imputed rent as a share of section L GVA (UK national-accounts pattern,
# about two-thirds to three-quarters; 0.70 taken). It has no workers, so it is removed from L
# and, with all other GVA, spread over sectors in proportion to their market GVA (so the total
# still reproduces ONS's 27.36, which includes it).
IMPUTED_RENT_SHARE_OF_L = 0.70

# E: relative GVA per hour of the sections with no LEP GVA figure in reach, used only to split
# the remainder of the CVM total among them (approximate UK pattern: agriculture and
# accommodation low, quarrying and water/waste capital intensive).
REL_Q_REMAINDER = {"A": 0.60, "B": 1.80, "E": 1.30, "H": 0.95, "I": 0.55, "R": 0.80, "S": 0.70}

# E: GVA per hour of advanced relative to other manufacturing (UK pattern: chemicals, pharma,
# vehicles, machinery, electronics versus food, metals, plastics, furniture; about 1.4-1.7).
ADV_TO_OTHER_MFG_Q = 1.5

# E: digital (SIC J). The LEP chained-volume figure (757) gives about GBP 13/hour, which
# contradicts seed 002 (ICT productivity above the LEP average and above ExL); the data note
# flags it as a chain-linking artefact of a falling-price industry. Instead:
#   ExL ICT GVA per hour ~ 1.2 x ExL whole economy (E: UK ICT is about 1.3-1.4 x the whole
#   economy in ONS industry productivity data; London's high-value ICT lowers the ExL ratio);
#   NE digital = 1.05 x that (seed 002 says "higher"; the 5% margin is an assumption).
EXL_ICT_RATIO = 1.2
NE_ICT_MARGIN_OVER_EXL = 1.05
# E: ExL professional, scientific and technical GVA per hour ~ 0.95 x ExL whole economy
# (UK PST is close to the whole-economy average); used only to check seed 002.
EXL_PST_RATIO = 0.95

# E: average actual weekly hours in the main job by SIC section, all workers (UK LFS pattern
# around 2014, rounded; not transcribed from a single table). Only the relative pattern is
# used: it is scaled so total hours equal the LEP's 25.44 m a week.
WEEKLY_HOURS_UK = {
    "A": 41.0, "B": 42.0, "C_adv": 38.5, "C_oth": 36.5, "D": 38.5, "E": 39.5, "F": 38.5,
    "G": 30.0, "H": 37.0, "I": 25.5, "J": 35.5, "K": 35.0, "L": 32.5, "M": 34.5,
    "N": 32.0, "O": 33.5, "P": 30.0, "Q": 30.5, "R": 26.5, "S": 29.0,
}

# E: share of jobs in SOC 2010 major groups 1-3 by section (UK APS pattern around 2014,
# rounded). Scaled by one common factor so the LEP total is the DfE 37.1%.
SOC13_UK = {
    "A": 0.22, "B": 0.40, "C_adv": 0.40, "C_oth": 0.24, "D": 0.55, "E": 0.25, "F": 0.25,
    "G": 0.20, "H": 0.15, "I": 0.11, "J": 0.72, "K": 0.62, "L": 0.52, "M": 0.75,
    "N": 0.26, "O": 0.55, "P": 0.62, "Q": 0.46, "R": 0.42, "S": 0.32,
}

# E: private-sector share of jobs by section in the NE (ONS public-sector classification:
# NHS, councils, academies, civil service and armed forces public; universities and FE
# colleges, housing associations, privatised utilities and Royal Mail private).
PRIVATE_SHARE = {
    "A": 0.99, "B": 1.00, "C_adv": 1.00, "C_oth": 1.00, "D": 1.00, "E": 0.80, "F": 0.98,
    "G": 1.00, "H": 0.95, "I": 0.99, "J": 0.97, "K": 0.90, "L": 0.93, "M": 0.97,
    "N": 0.95, "O": 0.02, "P": 0.38, "Q": 0.48, "R": 0.75, "S": 0.95,
}

# E: comparator private density. ExL workplace jobs per resident aged 16-64 ~ 0.71
# (ExL 16-64 employment rate 72.6% x the NE's own ratio of workplace jobs to resident
# 16-64 employment, 811,300 / (0.673 x 1,245,300) = 0.968, rounded); ExL private share of
# jobs ~ 0.82 (UK public sector about 17.5% of employment in 2014, ONS public sector
# employment; ExL taken as similar). Range of the gap: about 0.05-0.10.
EXL_JOBS_DENSITY = 0.71
EXL_PRIVATE_SHARE = 0.82

# The sectors: id, name, member sections (C is split into C_adv and C_oth).
SECTORS = [
    ("digital", "Digital (information and communication)", ["J"]),
    ("advanced_manufacturing", "Advanced manufacturing", ["C_adv"]),
    ("other_manufacturing", "Other manufacturing", ["C_oth"]),
    ("energy", "Energy and utilities (mining, electricity and gas, water and waste)", ["B", "D", "E"]),
    ("health_life_sciences", "Health and life sciences (health and social work)", ["Q"]),
    ("professional_scientific", "Professional, scientific and technical", ["M"]),
    ("construction", "Construction", ["F"]),
    ("distribution_transport", "Wholesale, retail, transport and storage", ["G", "H"]),
    ("hospitality", "Accommodation and food services", ["I"]),
    ("finance_real_estate", "Finance, insurance and real estate", ["K", "L"]),
    ("business_support", "Administrative and support services", ["N"]),
    ("public_education", "Public administration, defence and education", ["O", "P"]),
    ("other_services", "Agriculture, arts, recreation and other services", ["A", "R", "S"]),
]


# ---------------------------------------------------------------------------
# 2. Derivation
# ---------------------------------------------------------------------------

def largest_remainder(values, total):
    """Round values to integers that sum exactly to total (Hamilton's method)."""
    floors = {k: int(v) for k, v in values.items()}
    short = total - sum(floors.values())
    order = sorted(values, key=lambda k: values[k] - floors[k], reverse=True)
    for k in order[:short]:
        floors[k] += 1
    return floors


def derive():
    out = {}
    # Section jobs (BRES), with C split; scale to the APS total (D).
    sec_bres = dict(BRES_2015)
    c = sec_bres.pop("C")
    sec_bres["C_adv"] = c * ADV_MFG_SHARE_OF_C
    sec_bres["C_oth"] = c * (1 - ADV_MFG_SHARE_OF_C)
    assert abs(sum(sec_bres.values()) - BRES_TOTAL) < 1e-6, "BRES sections must sum to the published total"
    scale = APS_JOBS_TOTAL / BRES_TOTAL
    sec_jobs = {k: v * scale for k, v in sec_bres.items()}

    raw_jobs = {sid: sum(sec_jobs[s] for s in secs) for sid, _, secs in SECTORS}
    jobs = largest_remainder(raw_jobs, APS_JOBS_TOTAL)

    # Hours per job: UK weekly pattern, jobs-weighted within sector, scaled to the LEP total.
    annual_hours_total = HOURS_PER_WEEK_TOTAL * 52
    weekly = {sid: sum(sec_jobs[s] * WEEKLY_HOURS_UK[s] for s in secs) / sum(sec_jobs[s] for s in secs)
              for sid, _, secs in SECTORS}
    target_weekly = annual_hours_total / 52 / APS_JOBS_TOTAL
    uk_pattern_avg = sum(jobs[s] * weekly[s] for s in jobs) / APS_JOBS_TOTAL
    hours_scale = target_weekly / uk_pattern_avg
    hours = {sid: round(weekly[sid] * hours_scale * 52) for sid in jobs}
    total_hours = sum(jobs[s] * hours[s] for s in jobs)

    # Section hours (for splitting GVA inside groups), with the same scale.
    sec_hours = {s: sec_jobs[s] * WEEKLY_HOURS_UK[s] * hours_scale * 52 for s in sec_jobs}

    # Market GVA by section in CVM units (only shares are used).
    gva = {}
    listed = dict(CVM_2014)
    gva_c = listed.pop("C")
    remainder = CVM_2014_ALL - sum(CVM_2014.values())
    w = {s: sec_hours[s] * REL_Q_REMAINDER[s] for s in REL_Q_REMAINDER}
    for s in REL_Q_REMAINDER:
        gva[s] = remainder * w[s] / sum(w.values())
    for s, v in listed.items():
        gva[s] = v
    imputed_rent = gva["L"] * IMPUTED_RENT_SHARE_OF_L
    gva["L"] -= imputed_rent
    h_adv, h_oth = sec_hours["C_adv"], sec_hours["C_oth"]
    gva["C_adv"] = gva_c * ADV_TO_OTHER_MFG_Q * h_adv / (ADV_TO_OTHER_MFG_Q * h_adv + h_oth)
    gva["C_oth"] = gva_c - gva["C_adv"]

    sector_hours = {sid: jobs[sid] * hours[sid] for sid in jobs}
    market_q = {sid: sum(gva[s] for s in secs) / sector_hours[sid] for sid, _, secs in SECTORS}

    # Digital set from the ExL ICT estimate (E); the rest scaled to reproduce 27.36 (D).
    exl_ict = EXL_ICT_RATIO * COMPARATOR_GVA_PER_HOUR
    exl_pst = EXL_PST_RATIO * COMPARATOR_GVA_PER_HOUR
    q_digital = round(NE_ICT_MARGIN_OVER_EXL * exl_ict, 2)
    target_gva = GVA_PER_HOUR_TOTAL * total_hours
    rest_gva = target_gva - q_digital * sector_hours["digital"]
    rest_market = sum(market_q[s] * sector_hours[s] for s in jobs if s != "digital")
    k = rest_gva / rest_market
    q = {s: (q_digital if s == "digital" else round(market_q[s] * k, 2)) for s in jobs}

    # Better jobs: UK pattern, scaled to 37.1% (E scaled to D).
    soc_raw = {sid: sum(sec_jobs[s] * SOC13_UK[s] for s in secs) / sum(sec_jobs[s] for s in secs)
               for sid, _, secs in SECTORS}
    uk_pattern_soc = sum(jobs[s] * soc_raw[s] for s in jobs) / APS_JOBS_TOTAL
    soc_scale = BETTER_JOBS_TOTAL / uk_pattern_soc
    better = {s: round(soc_raw[s] * soc_scale, 3) for s in jobs}

    private = {sid: round(sum(sec_jobs[s] * PRIVATE_SHARE[s] for s in secs) / sum(sec_jobs[s] for s in secs), 3)
               for sid, _, secs in SECTORS}
    private_jobs = sum(private[s] * jobs[s] for s in jobs)
    ne_density = private_jobs / WORKING_AGE_POP
    exl_density = EXL_JOBS_DENSITY * EXL_PRIVATE_SHARE

    out.update(dict(jobs=jobs, hours=hours, q=q, better=better, private=private,
                    total_hours=total_hours, hours_scale=hours_scale, uk_pattern_avg=uk_pattern_avg,
                    soc_scale=soc_scale, uk_pattern_soc=uk_pattern_soc, k=k, market_q=market_q,
                    imputed_rent_share=imputed_rent / CVM_2014_ALL, exl_ict=exl_ict, exl_pst=exl_pst,
                    ne_density=ne_density, exl_density=exl_density, private_jobs=private_jobs,
                    raw_jobs=raw_jobs, weekly=weekly, remainder=remainder,
                    gva_share={sid: sum(gva[s] for s in secs) / sum(gva.values()) for sid, _, secs in SECTORS}))
    return out


# ---------------------------------------------------------------------------
# 3. Population projection (D): ONS 2018-based subnational projections for the LEP.
# ---------------------------------------------------------------------------

def population_growth():
    # 2018-28: -10,300 working-age; 2018-43: -21,000 (V). Compound annual rates on the base level.
    p0 = WORKING_AGE_POP
    r1 = ((p0 - 10_300) / p0) ** (1 / 10) - 1
    p28 = p0 - 10_300
    r2 = ((p0 - 21_000) / p28) ** (1 / 15) - 1
    return {2015: round(100 * r1, 3), 2029: round(100 * r2, 3)}


# ---------------------------------------------------------------------------
# 4. Report and checks
# ---------------------------------------------------------------------------

def report(d):
    ok = True
    jobs, hours, q, better, private = d["jobs"], d["hours"], d["q"], d["better"], d["private"]
    print("North East LEP 2014 sector baseline (derived)")
    print(f"{'sector':26s} {'jobs':>8s} {'share':>6s} {'h/job':>6s} {'GBP/h':>7s} {'GVA%':>6s} {'priv':>6s} {'SOC1-3':>7s}")
    tot_h = d["total_hours"]
    for sid, _, _ in SECTORS:
        print(f"{sid:26s} {jobs[sid]:8d} {100*jobs[sid]/APS_JOBS_TOTAL:6.1f} {hours[sid]:6d} {q[sid]:7.2f} "
              f"{100*q[sid]*jobs[sid]*hours[sid]/(GVA_PER_HOUR_TOTAL*tot_h):6.1f} {private[sid]:6.3f} {better[sid]:7.3f}")
    print()
    sum_jobs = sum(jobs.values())
    qbar = sum(q[s] * jobs[s] * hours[s] for s in jobs) / tot_h
    soc = sum(better[s] * jobs[s] for s in jobs) / sum_jobs
    target_hours = HOURS_PER_WEEK_TOTAL * 52

    def check(name, cond, detail):
        nonlocal ok
        print(f"  [{'ok' if cond else 'FAIL'}] {name}: {detail}")
        ok = ok and cond

    print("Constraints")
    check("jobs sum", sum_jobs == APS_JOBS_TOTAL, f"{sum_jobs} vs {APS_JOBS_TOTAL}")
    check("GVA per hour", abs(qbar - GVA_PER_HOUR_TOTAL) <= 0.01, f"{qbar:.4f} vs {GVA_PER_HOUR_TOTAL}")
    check("total hours", abs(tot_h / target_hours - 1) < 1e-3,
          f"{tot_h/1e6:.2f} m a year = {tot_h/52/1e6:.3f} m a week vs 25.44")
    check("better jobs share", abs(100 * soc - 37.1) <= 0.1, f"{100*soc:.2f}% vs 37.1%")
    check("seed 002 ICT > LEP average", q["digital"] > GVA_PER_HOUR_TOTAL, f"{q['digital']:.2f} > {GVA_PER_HOUR_TOTAL}")
    check("seed 002 ICT > ExL ICT (E)", q["digital"] > d["exl_ict"], f"{q['digital']:.2f} > {d['exl_ict']:.2f}")
    check("seed 002 PST < LEP average", q["professional_scientific"] < GVA_PER_HOUR_TOTAL,
          f"{q['professional_scientific']:.2f} < {GVA_PER_HOUR_TOTAL}")
    check("seed 002 PST < ExL PST (E)", q["professional_scientific"] < d["exl_pst"],
          f"{q['professional_scientific']:.2f} < {d['exl_pst']:.2f}")
    print()
    print("Working")
    print(f"  BRES -> APS scale: {APS_JOBS_TOTAL}/{BRES_TOTAL} = {APS_JOBS_TOTAL/BRES_TOTAL:.6f}")
    print(f"  hours: UK-pattern jobs-weighted average {d['uk_pattern_avg']:.2f} h/week; LEP "
          f"{HOURS_PER_WEEK_TOTAL/APS_JOBS_TOTAL:.2f} h/week per APS job; scale {d['hours_scale']:.4f}")
    print(f"  implied nominal GVA 27.36 x hours = {GVA_PER_HOUR_TOTAL*tot_h/1e6:,.0f} m vs ONS balanced "
          f"{NOMINAL_GVA_TOTAL_M:,.0f} m ({100*(GVA_PER_HOUR_TOTAL*tot_h/1e6/NOMINAL_GVA_TOTAL_M-1):+.2f}%)")
    print(f"  CVM remainder for A,B,E,H,I,R,S: {d['remainder']:.0f} of {CVM_2014_ALL}")
    print(f"  imputed rent removed from L: {100*d['imputed_rent_share']:.1f}% of GVA, spread pro rata")
    print(f"  current-price GBP per CVM GBP of market GVA (non-digital sectors): {d['k']/1e6:.4f}")
    print(f"  digital market GVA/hour from CVM share would be {d['market_q']['digital']*d['k']:.2f} (rejected, see notes)")
    print(f"  ExL ICT estimate {d['exl_ict']:.2f}; ExL PST estimate {d['exl_pst']:.2f}")
    print(f"  SOC1-3: UK pattern at LEP structure {100*d['uk_pattern_soc']:.1f}%, scale {d['soc_scale']:.4f}")
    pub = APS_JOBS_TOTAL - d["private_jobs"]
    print(f"  private jobs {d['private_jobs']:,.0f}; public {pub:,.0f} ({100*pub/APS_JOBS_TOTAL:.1f}% of jobs)")
    print(f"  NE private density {d['ne_density']:.4f} = private jobs / {WORKING_AGE_POP:,}")
    print(f"  ExL private density {EXL_JOBS_DENSITY} x {EXL_PRIVATE_SHARE} = {d['exl_density']:.4f}; "
          f"gap {d['exl_density']-d['ne_density']:.4f}")
    print(f"  population growth % a year: {population_growth()}")
    return ok


def yaml_numbers(path):
    """Minimal reader: numeric fields per sector id, plus a few top-level ones."""
    sectors, current, other = {}, None, {}
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*-\s+id:\s*(\w+)", line)
            if m:
                current = sectors.setdefault(m.group(1), {})
                continue
            m = re.match(r"\s*(\w+):\s*(-?[0-9.]+)\s*(#.*)?$", line)
            if m:
                key, val = m.group(1), float(m.group(2))
                if current is not None and key in ("jobs", "gva_per_hour", "hours_per_job",
                                                   "private_share", "better_jobs_share"):
                    current[key] = val
                else:
                    other.setdefault(key, val)
            if re.match(r"^region_baseline:", line):
                current = None
    return sectors, other


def check_yaml(d):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "baseline.yaml")
    sectors, other = yaml_numbers(path)
    ok = True
    fields = {"jobs": d["jobs"], "gva_per_hour": d["q"], "hours_per_job": d["hours"],
              "private_share": d["private"], "better_jobs_share": d["better"]}
    for sid, _, _ in SECTORS:
        for key, table in fields.items():
            got = sectors.get(sid, {}).get(key)
            if got is None or abs(got - table[sid]) > 1e-9:
                print(f"  [FAIL] baseline.yaml {sid}.{key} = {got}, derived {table[sid]}")
                ok = False
    if set(sectors) != {s for s, _, _ in SECTORS}:
        print(f"  [FAIL] baseline.yaml sectors {sorted(sectors)}")
        ok = False
    dens = round(d["exl_density"], 3)
    if abs(other.get("private_density", -1) - dens) > 1e-9:
        print(f"  [FAIL] comparator private_density {other.get('private_density')} vs derived {dens}")
        ok = False
    print(f"  [{'ok' if ok else 'FAIL'}] baseline.yaml numbers equal the derived ones")
    return ok


def main():
    d = derive()
    ok = report(d)
    if "--check" in sys.argv[1:]:
        print()
        ok = check_yaml(d) and ok
    if "--yaml" in sys.argv[1:]:
        for sid, name, secs in SECTORS:
            print(f"  - id: {sid}\n    jobs: {d['jobs'][sid]}\n    gva_per_hour: {d['q'][sid]:.2f}\n"
                  f"    hours_per_job: {d['hours'][sid]}\n    private_share: {d['private'][sid]}\n"
                  f"    better_jobs_share: {d['better'][sid]}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
