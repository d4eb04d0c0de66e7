// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark, not a test: what an MMIO generation wrap costs.
 *
 * 1. Memslot updates per second: the main thread toggles dirty logging on a
 *    one-page memslot that the vCPU never touches, the vCPU idle, and times
 *    -u updates.  From that rate and the number of memslot address spaces
 *    (2 with SMM: each update advances the generation by 2), it prints the
 *    updates per wrap of an 18-bit MMIO generation (this series) and of a
 *    19-bit one (before), and the shortest time between two wraps.
 *
 * 2. For each size in -m (MiB): the vCPU writes one byte per 4 KiB page of
 *    that much memory (a pass), so that KVM maps it all with 4 KiB SPTEs
 *    (stat pages_4k).  Then memslot updates go on until the one after which
 *    pages_4k drops: that update zapped all SPTEs, i.e. the MMIO generation
 *    wrapped.  Printed: the updates it took, the time of that update and the
 *    median time of the others, the time of the next pass (every page faults
 *    again: the refault), and of one more pass (nothing to fault: warm).
 *
 * Times are the L1 guest's clock: under Bochs that clock is virtual
 * (instructions / ips), not wall time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"

#define MEM_GPA		0x100000000ul
#define MEM_SLOT	10
#define DUMMY_GPA	0xe0000000ul
#define DUMMY_SLOT	11

static uint64_t guest_pages;

static void guest_code(void)
{
	volatile uint8_t *p = (volatile uint8_t *)MEM_GPA;
	uint64_t i;

	for (;;) {
		for (i = 0; i < READ_ONCE(guest_pages); i++)
			p[i * PAGE_SIZE]++;
		GUEST_SYNC(0);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct dummy {
	void *mem;
	uint32_t flags;
};

static void *dummy_page(void)
{
	void *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	TEST_ASSERT(p != MAP_FAILED, "mmap");
	return p;
}

static void dummy_update(struct kvm_vm *vm, struct dummy *d)
{
	d->flags ^= KVM_MEM_LOG_DIRTY_PAGES;
	vm_set_user_memory_region(vm, DUMMY_SLOT, d->flags, DUMMY_GPA, PAGE_SIZE, d->mem);
}

static double run_pass(struct kvm_vcpu *vcpu)
{
	struct ucall uc;
	double t = now();

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_IO);
	TEST_ASSERT_EQ(get_ucall(vcpu, &uc), UCALL_SYNC);
	return now() - t;
}

static void bench_rate(uint64_t updates, int nr_as)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	struct dummy d = { .mem = dummy_page() };
	double t, rate;
	uint64_t i, wrap18 = (1ul << 18) / nr_as, wrap19 = (1ul << 19) / nr_as;

	vm_set_user_memory_region(vm, DUMMY_SLOT, 0, DUMMY_GPA, PAGE_SIZE, d.mem);
	t = now();
	for (i = 0; i < updates; i++)
		dummy_update(vm, &d);
	t = now() - t;
	rate = updates / t;
	pr_info("rate: %lu memslot updates in %.3f s: %.0f updates/s\n", updates, t, rate);
	pr_info("wrap: %d memslot address spaces: a wrap every %lu updates (18-bit MMIO generation), %lu (19-bit, before); at this rate every %.2f s (18-bit), %.2f s (19-bit)\n",
		nr_as, wrap18, wrap19, wrap18 / rate, wrap19 / rate);
	kvm_vm_free(vm);
	munmap(d.mem, PAGE_SIZE);
}

static void bench_zap(uint64_t mib, uint64_t max_updates)
{
	uint64_t npages = mib << (20 - PAGE_SHIFT), i, n = 0, before, after;
	struct dummy d = { .mem = dummy_page() };
	double t, dt, wrap_t = 0, refault, warm, first, *times;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	times = calloc(max_updates, sizeof(*times));
	TEST_ASSERT(times, "calloc");
	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, MEM_GPA, MEM_SLOT, npages, 0);
	virt_map(vm, MEM_GPA, MEM_GPA, npages);
	vm_set_user_memory_region(vm, DUMMY_SLOT, 0, DUMMY_GPA, PAGE_SIZE, d.mem);
	guest_pages = npages;
	sync_global_to_guest(vm, guest_pages);

	first = run_pass(vcpu);
	before = vm_get_stat(vm, "pages_4k");
	TEST_ASSERT(before >= npages, "%lu MiB mapped with %lu 4 KiB SPTEs only", mib, before);

	for (i = 0; i < max_updates; i++) {
		t = now();
		dummy_update(vm, &d);
		dt = now() - t;
		after = vm_get_stat(vm, "pages_4k");
		if (after < before / 2) {
			wrap_t = dt;
			break;
		}
		times[n++] = dt;
	}
	TEST_ASSERT(i < max_updates, "%lu MiB: no zap in %lu memslot updates", mib, max_updates);

	refault = run_pass(vcpu);
	warm = run_pass(vcpu);
	qsort(times, n, sizeof(*times), cmp_double);
	pr_info("zap: %lu MiB (%lu 4 KiB SPTEs): wrap after %lu updates; that update %.3f ms (median of the others %.3f ms); first pass %.3f s, refault pass %.3f s, warm pass %.3f s\n",
		mib, before, i + 1, wrap_t * 1e3, n ? times[n / 2] * 1e3 : 0.0,
		first, refault, warm);
	kvm_vm_free(vm);
	free(times);
	munmap(d.mem, PAGE_SIZE);
}

static void help(const char *name)
{
	printf("usage: %s [-u UPDATES] [-m MIB[,MIB...]]\n"
	       " -u: memslot updates to time for the rate (default 65536)\n"
	       " -m: memory sizes for the zap and refault (default 16,64)\n", name);
	exit(KSFT_SKIP);
}

int main(int argc, char *argv[])
{
	uint64_t updates = 1ul << 16, sizes[8];
	char *mib = "16,64", *tok;
	int nr_as, nr_sizes = 0, opt, i;

	while ((opt = getopt(argc, argv, "u:m:h")) != -1) {
		switch (opt) {
		case 'u':
			updates = strtoull(optarg, NULL, 0);
			break;
		case 'm':
			mib = optarg;
			break;
		default:
			help(argv[0]);
		}
	}
	for (tok = strtok(mib, ","); tok && nr_sizes < 8; tok = strtok(NULL, ","))
		sizes[nr_sizes++] = strtoull(tok, NULL, 0);

	nr_as = kvm_check_cap(KVM_CAP_MULTI_ADDRESS_SPACE) ?: 1;
	bench_rate(updates, nr_as);
	/* A wrap comes within (2^19 / nr_as) updates in both layouts. */
	for (i = 0; i < nr_sizes; i++)
		bench_zap(sizes[i], (1ul << 19) / nr_as + 16);
	return 0;
}
