// SPDX-License-Identifier: GPL-2.0-only
/*
 * The churn of the churn cells: while the tests run, migrate the memory of
 * every process that has a VM between two NUMA nodes (numa=fake=2), as
 * compaction, NUMA balancing or memory hotplug may on a real host. KVM must
 * then unmap the VM's memory (MMU notifier) and fault it back in.
 *
 * Evidence that KVM did: a VM's pages_4k + pages_2m (its leaf mappings,
 * /sys/kernel/debug/kvm/PID-FD/) read right before and right after a
 * migration; a drop is mappings KVM zapped (vCPUs fault some back at once,
 * so it undercounts). Each pass adds to running totals, written to
 * /tmp/churn.stat as "passes migrated unmapped errors" for guest/init:
 * pages migrated (/proc/vmstat's pgmigrate_success), mappings dropped,
 * migrate_pages() calls that failed.
 *
 * Usage: churn PERIOD_MS
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define KVM_DEBUGFS	"/sys/kernel/debug/kvm"

static long read_long(const char *path, const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!key) {
			v = strtol(line, NULL, 10);
			break;
		}
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ' ') {
			v = strtol(line + strlen(key), NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

/* A VM's leaf mappings, -1 if the VM is gone. */
static long vm_mappings(const char *vm)
{
	char path[512];
	long a, b;

	snprintf(path, sizeof(path), KVM_DEBUGFS "/%s/pages_4k", vm);
	a = read_long(path, NULL);
	snprintf(path, sizeof(path), KVM_DEBUGFS "/%s/pages_2m", vm);
	b = read_long(path, NULL);
	return a < 0 || b < 0 ? -1 : a + b;
}

int main(int argc, char **argv)
{
	long passes = 0, migrated = 0, unmapped = 0, errors = 0, moved0, before, after;
	unsigned long nodes[2] = { 1, 2 };
	struct timespec period;
	struct dirent *e;
	int to = 1, ms;
	DIR *d;
	FILE *f;

	if (argc != 2 || (ms = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: %s PERIOD_MS\n", argv[0]);
		return 2;
	}
	period.tv_sec = ms / 1000;
	period.tv_nsec = (ms % 1000) * 1000000L;

	for (;;) {
		moved0 = read_long("/proc/vmstat", "pgmigrate_success");
		d = opendir(KVM_DEBUGFS);
		while (d && (e = readdir(d))) {
			/* A VM's directory is "PID-FD". */
			int pid = atoi(e->d_name);

			if (pid <= 1 || !strchr(e->d_name, '-'))
				continue;
			before = vm_mappings(e->d_name);
			if (syscall(SYS_migrate_pages, pid, 3, &nodes[!to], &nodes[to]) < 0)
				errors++;
			after = vm_mappings(e->d_name);
			if (before >= 0 && after >= 0 && after < before)
				unmapped += before - after;
		}
		if (d)
			closedir(d);
		migrated += read_long("/proc/vmstat", "pgmigrate_success") - moved0;
		passes++;
		to = !to;

		f = fopen("/tmp/churn.stat.tmp", "w");
		if (f) {
			fprintf(f, "%ld %ld %ld %ld\n", passes, migrated, unmapped, errors);
			fclose(f);
			rename("/tmp/churn.stat.tmp", "/tmp/churn.stat");
		}
		nanosleep(&period, NULL);
	}
}
