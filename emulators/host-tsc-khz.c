// SPDX-License-Identifier: GPL-2.0
/*
 * Print the host's TSC frequency in kHz: TSC ticks over 200 ms of
 * CLOCK_MONOTONIC_RAW. QEMU's TCG gives the guest the host's TSC rate, and a
 * test kernel without ACPI has no timer to calibrate the TSC against but the
 * PIT, which TCG does not keep in step (emulators/qemu.sh).
 * Exit 1, with a message, when the host's TSC does not tick.
 */
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(void)
{
	struct timespec nap = { 0, 200000000 };
	unsigned long long t0, t1;
	double n0, n1, khz;

	n0 = now_ns();
	t0 = __rdtsc();
	nanosleep(&nap, NULL);
	n1 = now_ns();
	t1 = __rdtsc();
	khz = (double)(t1 - t0) / (n1 - n0) * 1e6;
	if (khz < 1000) {
		fprintf(stderr, "host-tsc-khz: the TSC did not tick (%.0f kHz)\n", khz);
		return 1;
	}
	printf("%.0f\n", khz);
	return 0;
}
