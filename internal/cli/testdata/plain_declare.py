#!/usr/bin/env python3
"""A plain Python generator of the DS file, the yardstick of issue 9's speed
targets ("at least 5x faster than a plain Python generator doing the same
work"): read the préétabli and the payroll CSV, reconcile them by
immatriculation, write the B00-B06 records with their control sums, sync
the file and print its SHA-256. Standard library only, straightforward code,
no validation beyond what the generation needs: the kind of script a payroll
office writes. BenchmarkPlainPythonDeclare10k runs it on the benchmark's
inputs and checks that it writes the same bytes as `tasrih declare`.

usage: plain_declare.py PREETABLI PAYROLL OUTDIR
"""
import csv
import hashlib
import os
import sys

CEILING = 600000  # centimes: 6 000,00 MAD (2026)
RANK = {"": 0, "SO": 1, "DE": 2, "IT": 3, "IL": 4, "AT": 5, "CS": 6, "MS": 7, "MP": 8}


def num(v, w):
    return str(v).rjust(w, "0")


def rec(s):
    return s.ljust(260) + "\n"


def main(pre_path, pay_path, out_dir):
    with open(pre_path, encoding="ascii") as f:
        pre = f.read().splitlines()
    header = next(l for l in pre if l.startswith("A00"))
    employer = next(l for l in pre if l.startswith("A01"))
    insured = [l for l in pre if l.startswith("A02")]
    aff, per = employer[3:10], employer[10:16]

    known = {l[16:25] for l in insured}
    rows = {}
    entrants = []
    with open(pay_path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            days = int(row["jours"])
            real = int(row["salaire"].replace(" ", "").replace(",", ""))
            r = (days, real, row["situation"].strip(), row)
            if row["immatriculation"] in known:
                rows.setdefault(row["immatriculation"], []).append(r)
            else:
                entrants.append(r)

    out = [rec("B00" + header[3:17] + "B0"), rec("B0" + employer[2:])]
    t = dict(n=0, enf=0, pay=0, ded=0, net=0, imma=0, rev=0, days=0, real=0, plaf=0, ctr=0)
    for l in insured:
        immat = l[16:25]
        days, real, sit, _ = rows[immat][0]
        net = int(l[99:105])
        rev = net if sit in ("SO", "DE") else 0
        plaf = min(real, CEILING)
        ctr = int(immat) + rev + days + real + plaf + RANK[sit]
        out.append(rec("B02" + l[3:105] + num(rev, 6) + num(days, 2) + num(real, 13) + num(plaf, 9) + sit.ljust(2) + num(ctr, 19)))
        t["n"] += 1
        t["enf"] += int(l[85:87])
        t["pay"] += int(l[87:93])
        t["ded"] += int(l[93:99])
        t["net"] += net
        t["imma"] += int(immat)
        t["rev"] += rev
        t["days"] += days
        t["real"] += real
        t["plaf"] += plaf
        t["ctr"] += ctr
    out.append(rec("B03" + aff + per + num(t["n"], 6) + num(t["enf"], 6) + num(t["pay"], 12) + num(t["ded"], 12)
                   + num(t["net"], 12) + num(t["imma"], 15) + num(t["rev"], 12) + num(t["days"], 6)
                   + num(t["real"], 15) + num(t["plaf"], 13) + num(t["ctr"], 19)))
    e = dict(n=0, imma=0, days=0, real=0, plaf=0, ctr=0)
    for days, real, sit, row in entrants:
        immat = row["immatriculation"] or "000000000"
        name = (row["nom"] + " " + row["prenom"]).strip().upper()
        plaf = min(real, CEILING)
        ctr = int(immat) + days + real + plaf
        out.append(rec("B04" + aff + per + immat + name.ljust(60) + row["cin"].upper().ljust(8) + num(days, 2)
                       + num(real, 13) + num(plaf, 9) + num(ctr, 19)))
        e["n"] += 1
        e["imma"] += int(immat)
        e["days"] += days
        e["real"] += real
        e["plaf"] += plaf
        e["ctr"] += ctr
    if not entrants:
        out.append(rec("B04" + aff + per + " " * 9 + " " * 68 + "00" + "0" * 13 + "0" * 9 + "0" * 19))
    out.append(rec("B05" + aff + per + num(e["n"], 6) + num(e["imma"], 15) + num(e["days"], 6) + num(e["real"], 15)
                   + num(e["plaf"], 13) + num(e["ctr"], 19)))
    out.append(rec("B06" + aff + per + num(t["n"] + e["n"], 6) + num(t["imma"] + e["imma"], 15)
                   + num(t["days"] + e["days"], 6) + num(t["real"] + e["real"], 15)
                   + num(t["plaf"] + e["plaf"], 13) + num(t["ctr"] + e["ctr"], 19)))

    data = "".join(out).encode("ascii")
    path = os.path.join(out_dir, "DS_%s_%s.txt" % (aff, per))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    dfd = os.open(out_dir, os.O_RDONLY)
    os.fsync(dfd)
    os.close(dfd)
    print(path, hashlib.sha256(data).hexdigest())


if __name__ == "__main__":
    main(*sys.argv[1:4])
