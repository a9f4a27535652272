#!/usr/bin/python3
"""Writes the tiny test panel in this folder (the shared/data/uk_regions format, made-up round
numbers, not real data): UK, the nine English ITL1 regions, ITL2 TLC1 (= ITL3 TLC11 + TLC12),
TLC2 (= TLC21) and TLD1 (= TLD11), years 2010-2014 (2012-2014 for GVA by industry), BRES 2015
for the four NUTS3 areas. tests/unit/test_build_region.cpp computes its expected values from the
2014 numbers below by hand. Run: /usr/bin/python3 make_panel.py"""
import csv

YEARS = range(2010, 2015)
# 2014: filled jobs, hours worked a week, current-price GVA per hour (GBP)
ITL3 = {"TLC11": (100000, 3000000, 25.0), "TLC12": (50000, 1600000, 30.0),
        "TLC21": (80000, 2400000, 28.0), "TLD11": (60000, 1800000, 27.0)}
ITL2 = {"TLC1": (150000, 4600000, 26.74), "TLC2": ITL3["TLC21"], "TLD1": ITL3["TLD11"]}
ITL1 = {"TLC": (230000, 7000000, 27.2), "TLD": (60000, 1800000, 27.0), "TLE": (1000000, 30000000, 29.0),
        "TLF": (900000, 27000000, 30.0), "TLG": (1100000, 33000000, 29.5), "TLH": (1200000, 36000000, 31.0),
        "TLI": (2000000, 62000000, 45.0), "TLJ": (1500000, 45000000, 33.0), "TLK": (1000000, 30000000, 30.5)}
UK = {"UKX": (9000000, 272000000, 32.0)}
LEVELS = [("UK", UK), ("ITL1", ITL1), ("ITL2", ITL2), ("ITL3", ITL3)]


def wiggle(code, year, k):
    """A small deterministic year-to-year variation, so the calibration has errors to fit."""
    h = sum(ord(c) * (i + 1) for i, c in enumerate(code)) + 7 * year + 13 * k
    return 1 + 0.004 * ((h % 7) - 3)


with open("subregional_productivity.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["series", "level", "code", "name", "year", "value", "unit"])
    for level, areas in LEVELS:
        for code, (jobs, hours, price) in areas.items():
            for year in YEARS:
                back = 2014 - year
                j = jobs if back == 0 else round(jobs * (1 - 0.01 * back) * wiggle(code, year, 1), 2)
                hr = hours if back == 0 else round(hours * (1 - 0.012 * back) * wiggle(code, year, 2), 2)
                index = 100.0 if back == 0 else round(100 * (1 - 0.008 * back) * wiggle(code, year, 3), 2)
                p = price if back == 0 else round(price * index / 100 * (1 - 0.015 * back), 2)
                name = "Area " + code
                w.writerow(["filled_jobs", level, code, name, year, j, "jobs"])
                w.writerow(["hours_worked_per_week", level, code, name, year, hr, "hours a week"])
                w.writerow(["gva_per_hour_current_price", level, code, name, year, p, "GBP per hour"])
                w.writerow(["gva_per_hour_chained_volume_index", level, code, name, year, index, "index 2020=100"])

# GVA by industry, 2014 (GBP m, 2019 prices); earlier years 2% a year lower.
INDUSTRIES = [("Total", "All industries"), ("AB (1-9)", "Agriculture; mining"), ("C (10-33)", "Manufacturing"),
              ("F (41-43)", "Construction"), ("G (45-47)", "Wholesale and retail"), ("J (58-63)", "Information"),
              ("68", "Real estate excluding imputed rental"), ("68IMP", "Owner-occupiers' imputed rental")]
GVA = {"TLC11": [2700, 100, 900, 300, 700, 200, 150, 350], "TLC12": [1700, 50, 300, 200, 500, 300, 100, 250],
       "TLC21": [2000, 40, 500, 200, 600, 250, 110, 300], "TLD11": [1500, 30, 300, 150, 500, 200, 100, 220]}
GVA["TLC1"] = [a + b for a, b in zip(GVA["TLC11"], GVA["TLC12"])]
GVA["TLC2"], GVA["TLD1"] = GVA["TLC21"], GVA["TLD11"]
for code, (jobs, _, _) in ITL1.items():
    if code not in ("TLC", "TLD"):
        GVA[code] = [v * jobs / 60000 for v in GVA["TLD11"]]
GVA["TLC"] = [a + b for a, b in zip(GVA["TLC1"], GVA["TLC2"])]
GVA["TLD"] = GVA["TLD1"]
GVA["UKX"] = [sum(GVA[c][i] for c in ITL1) for i in range(len(INDUSTRIES))]
for level, codes in [("itl1", ["UKX"] + list(ITL1)), ("itl2", list(ITL2)), ("itl3", list(ITL3))]:
    with open(f"gva_by_industry_chained_volume_{level}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["level", "code", "name", "sic07_code", "sic07_description", "year", "gbp_m_2019_prices"])
        for code in codes:
            for (sic, description), value in zip(INDUSTRIES, GVA[code]):
                for year in range(2012, 2015):
                    w.writerow([level.upper(), code, "Area " + code, sic, description, year,
                                round(value * (1 - 0.02 * (2014 - year)), 3)])

BRES = {"UKC11": {"A": 500, "B": 100, "C": 9000, "F": 4000, "G": 12000, "J": 3000, "L": 1400},
        "UKC12": {"A": 200, "B": 0, "C": 3000, "F": 2000, "G": 6000, "J": 2500, "L": 300},
        "UKC21": {"A": 300, "B": 50, "C": 5000, "F": 3000, "G": 9000, "J": 2000, "L": 700},
        "UKD11": {"A": 400, "B": 20, "C": 4000, "F": 2500, "G": 8000, "J": 1500, "L": 600}}
with open("bres_employees_by_section_nuts3.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["year", "nuts3_code", "name", "sic07_section", "section_description", "employees"])
    for code, sections in BRES.items():
        for section, n in sections.items():
            w.writerow([2015, code, "Area " + code, section, "Section " + section, n])
