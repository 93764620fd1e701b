#!/bin/sh
# naive.sh - the naive client of item 3: what a script would do to show the
# pipeline. Fetches every page of every stage one after the other (limit
# 200, following endCursor), then sums the amounts per stage and currency.
#
# usage: naive.sh BASE_URL HEADER_FILE STAGE...
#   HEADER_FILE holds the line "Authorization: Bearer KEY" (curl -H @file),
#   so the key is never in argv.
# Prints "pages=N records=M", then one line per stage and currency:
#   STAGE CURRENCY COUNT SUM_MICROS      (CURRENCY "-" for no amount)
# Needs: curl, sed, awk. Sums are exact: whole units and the micros below
# one unit are added separately (awk numbers are doubles).
set -u
url=$1
hdr=$2
shift 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/naive.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pages=0
for stage in "$@"; do
    after=
    n=0
    while :; do
        q="limit=200&filter=stage%5Beq%5D%3A$stage"
        [ -n "$after" ] && q="$q&starting_after=$after"
        n=$((n + 1))
        page="$tmp/$stage.$n.json"
        curl -sS -f -H "@$hdr" -o "$page" "$url/rest/opportunities?$q" || exit 1
        pages=$((pages + 1))
        # the next cursor (URL-encoded) when there is a next page
        after=$(sed -n '/"hasNextPage":true/{s/.*"endCursor":"\([^"]*\)".*/\1/;s/+/%2B/g;s|/|%2F|g;s/=/%3D/g;p;}' "$page")
        [ -n "$after" ] || break
    done
done
# One awk record per opportunity, from its "amount" object on.
awk -v pages="$pages" -v RS='"amount":[{]' '
    FNR == 1 { stage = FILENAME; sub(/^.*\//, "", stage); sub(/\..*$/, "", stage); next }
    {
        records++
        cur = "-"; m = "0"
        if (match($0, /^"amountMicros":-?[0-9]+,"currencyCode":"[A-Z]+"/)) {
            s = substr($0, 16, RLENGTH - 15)          # N,"currencyCode":"XXX"
            m = s; sub(/,.*/, "", m)
            cur = s; sub(/^.*:"/, "", cur); sub(/"$/, "", cur)
        }
        k = stage " " cur; n[k]++
        neg = substr(m, 1, 1) == "-"
        if (neg) m = substr(m, 2)
        l = length(m)
        u = l > 6 ? substr(m, 1, l - 6) + 0 : 0
        r = l > 6 ? substr(m, l - 5) + 0 : m + 0
        if (neg) { u = -u; r = -r }
        units[k] += u; rest[k] += r
    }
    END {
        printf "pages=%d records=%d\n", pages, records
        for (k in n) {
            u = units[k] + int(rest[k] / 1000000); r = rest[k] % 1000000
            if (r < 0) { r += 1000000; u -= 1 }
            if (u == 0) printf "%s %d %d\n", k, n[k], r
            else printf "%s %d %.0f%06d\n", k, n[k], u, r
        }
    }' "$tmp"/*.json
