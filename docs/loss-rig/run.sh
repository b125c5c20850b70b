#!/usr/bin/env bash
# run.sh SIDE(A|B) DIR(up|down) PCT RUNS -> one "SIDE DIR PCT dut_mib_s linux_mib_s" line per run
# The side-by-side loss measurement of docs/loss.md: the Linux peer (netns.sh of
# ../shared/side-by-side) gets a classic-BPF random drop of PCT % on its veth,
# both directions; the DUT program (xfer.c, built by build.sh as A = upstream,
# B = this project) receives (up) or sends (down) 16 MiB. Run from the
# project root as root.
set -u
side=$1 dir=$2 pct=$3 runs=$4
export NS_PEER=lossp NS_DUT=lossd
E2E=${E2E_PY:-tests/e2e/e2e.py}
N=$((16*1048576))
for i in $(seq 1 "$runs"); do
  ${SBS_DIR:-../shared/side-by-side}/netns.sh down >/dev/null 2>&1
  ${SBS_DIR:-../shared/side-by-side}/netns.sh up
  if [ "$pct" != 0 ]; then
    ip netns exec $NS_PEER tc qdisc add dev vpeer clsact
    for d in egress ingress; do
      ip netns exec $NS_PEER tc filter add dev vpeer $d bpf da bytecode "5,32 0 0 4294963256,148 0 0 100,53 0 1 $pct,6 0 0 0,6 0 0 2,"
    done
  fi
  log=${LOG_DIR:-/tmp}/$side-$dir-$pct-$i.log
  if [ "$dir" = up ]; then mode=recv; else mode=send; fi
  ip netns exec $NS_DUT env SBS_IFACE=vdut SBS_PCAP_IMMEDIATE=1 XFER_MODE=$mode XFER_BYTES=$N timeout 150 ${BUILD_DIR:-/tmp/side-by-side}/$side/app > "$log" 2>&1 &
  app=$!
  for t in $(seq 1 100); do grep -q "XFER listening" "$log" && break; sleep 0.1; done
  sleep 2
  if [ "$dir" = up ]; then
    py=$(ip netns exec $NS_PEER timeout 140 python3 $E2E client-send --host 10.99.0.2 --port 5201 --bytes $N --timeout 60 2>&1 | grep RESULT)
  else
    py=$(ip netns exec $NS_PEER timeout 140 python3 $E2E client-recv --host 10.99.0.2 --port 5201 --expect $N --timeout 60 2>&1 | grep RESULT)
  fi
  wait $app
  dut=$(grep RESULT "$log" | sed 's/.*mib_s=//')
  lin=$(echo "$py" | sed 's/.*mib_s=//')
  echo "$side $dir $pct run$i dut_mib_s=$dut linux_mib_s=$lin bytes=$(grep RESULT "$log" | sed 's/.*bytes=\([0-9]*\).*/\1/')"
done
${SBS_DIR:-../shared/side-by-side}/netns.sh down >/dev/null 2>&1
