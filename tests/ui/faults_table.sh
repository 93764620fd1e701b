#!/bin/sh
# faults_table.sh - writes the fault matrix table (markdown) from the cells'
# results of a run of tests/ui/test_faults_*.sh:
#   BUILD=/tmp/b sh tests/ui/test_faults_move.sh; … ; sh tests/ui/faults_table.sh [RESULTS.tsv] >table.md
# Each result line: OP<TAB>FAULT<TAB>pass|FAIL<TAB>what the user saw.
# Rows are the operations, columns the faults; a cell is ✓ or ✗ and the
# words the user saw (cut to 70 characters; "|" escaped).
set -u
RES=${1:-${BUILD:-build}/tests/ui/faults/results.tsv}
[ -r "$RES" ] || { echo "faults_table.sh: no results file $RES" >&2; exit 1; }
awk -F '\t' '
BEGIN {
    nf = split("500 503 429 hang close truncate malformed wrongshape 401 404 restart", F, " ")
    no = split("open page move reorder edit create delete undo search refresh", O, " ")
    file["open"] = "reads"; file["page"] = "reads"; file["search"] = "reads"; file["refresh"] = "reads"
    file["move"] = "move"; file["reorder"] = "move"
    file["edit"] = "writes"; file["create"] = "writes"; file["delete"] = "writes"; file["undo"] = "writes"
    label["page"] = "next page"
}
{
    t = $4
    gsub(/^ +| +$/, "", t); gsub(/  +/, " ", t); gsub(/\|/, "\\|", t)
    if (length(t) > 70) t = substr(t, 1, 69) "…"
    cell[$1, $2] = ($3 == "pass" ? "✓ " : "✗ ") t   # a later run of the cell wins
}
END {
    printf "| operation (test file) |"
    for (i = 1; i <= nf; i++) printf " %s |", F[i]
    printf "\n|---|"
    for (i = 1; i <= nf; i++) printf "---|"
    printf "\n"
    for (o = 1; o <= no; o++) {
        op = O[o]
        printf "| **%s** (test_faults_%s.sh) |", (op in label ? label[op] : op), file[op]
        for (i = 1; i <= nf; i++) {
            c = ((op, F[i]) in cell) ? cell[op, F[i]] : "not run"
            if (c ~ /^✓/) pass++; else if (c ~ /^✗/) failed++
            printf " %s |", c
        }
        printf "\n"
    }
    printf "\n%d cells pass, %d fail, %d not run.\n", pass, failed, no * nf - pass - failed
}' "$RES"
