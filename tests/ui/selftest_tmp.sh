. "$(dirname "$0")/lib.sh"
ui_build_tool || echo "tool build failed"
sim_start
echo "sim at $SIM_URL"
PB=/tmp/selftest/fake.sh
pb_start -x 60 -y 10
expect 'url=http' 'fake shows url'
expect_aligned 'borders'
expect_dump selftest 'dump'
keys q
wait_exit 5 && pass exited || fail exited
expect 'pipeboard exited with status 3' 'status line'
expect 'pane: before' 'restored screen'
cmp -s $UI_TMP/stty.before $UI_TMP/stty.after && pass stty || fail stty
id=$(sim_stage_ids PROPOSAL | sim_nth 2); echo "id=$id"
sim_get_field "$id" stage
sim_faults 'PATCH /rest/opportunities/* 500'; sim_api GET /__sim/faults; echo
ui_finish
