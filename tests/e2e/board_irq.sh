#!/usr/bin/env bash
# The LAN9118's interrupt on QEMU mps2-an386, found and tested without any
# operating system: build/firmware/lan9118-irqprobe.elf (source:
# firmware/irqprobe/lan9118_irqprobe.c) watches the NVIC pending bits of
# all 32 external lines while it drives the controller:
#   - the reset pin configuration (active low) asserts line 13 while idle;
#     IRQ_EN|IRQ_POL|IRQ_TYPE (0x111) keeps it quiet;
#   - a software interrupt raises exactly one line: 13;
#   - clearing the source drops it; IRQ_EN clear gates it;
#   - a frame through the PHY loopback sets RSFL and raises line 13 and
#     reads back byte-exact with the driver's 2-byte offsets; RSFL latches
#     while masked and fires when enabled;
#   - ETHERNET_IRQHandler at vector 16 + 13 runs once per interrupt.
# Then the real firmware boots (no network attached) and its driver must
# report its own start-up test of line 13.
# No root needed. QEMU's exit status is the probe's verdict.
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 90

board_boot probe lan9118-irqprobe
e2e_wait_exit probe 30
sed "s/^/[$E2E_NAME]     /" "${E2E_LOG[probe]}"
e2e_assert "$E2E_STATUS -eq 0" "the probe exited with status $E2E_STATUS (want 0)"
n="$(grep -c '^PROBE [0-9]* ok:' "${E2E_LOG[probe]}" || true)"
e2e_assert "$n -eq 10" "$n of 10 probe checks passed"
grep -q '^PROBE result: PASS (0 failed); LAN9118 interrupt line = 13$' "${E2E_LOG[probe]}" ||
    e2e_fail "the probe did not find line 13"
e2e_log "FIGURE lan9118_irq_line=13"

# The firmware's driver tests the same line at start-up.
board_boot fw fw-good-tap
e2e_wait_log fw '^lan9118: (interrupt line|no interrupt|interrupt line [0-9]+ is asserted)' 20
board_check_sane fw
grep -q '^lan9118: interrupt line 13 tested (software interrupt taken; IRQ_CFG=0x00000111)$' "${E2E_LOG[fw]}" ||
    { grep '^lan9118' "${E2E_LOG[fw]}" >&2; e2e_fail "the driver's start-up interrupt test did not pass"; }
e2e_log "driver: $(grep -m1 '^lan9118: interrupt line' "${E2E_LOG[fw]}")"
e2e_stop_app fw
e2e_pass
