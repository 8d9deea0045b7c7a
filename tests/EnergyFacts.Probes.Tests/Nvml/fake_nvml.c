/*
 * A fake NVML for EnergyFacts tests: exports the NVML functions the nvml probe calls, with behaviour steered by
 * fake_nvml_set(key, device, value). Each test loads its own copy of the .so, so state is per test.
 * Build variants: -DFAKE_NVML_OMIT_INIT (no nvmlInit/nvmlInit_v2), -DFAKE_NVML_OMIT_ENERGY (no
 * nvmlDeviceGetTotalEnergyConsumption, like drivers before Volta support).
 */
#include <stdio.h>
#include <string.h>

#define MAX_DEVICES 8

static int init_result = 0;
static int initialized = 0;
static int init_calls = 0;
static int shutdown_calls = 0;
static unsigned int device_count = 1;
static int count_result = 0;

static unsigned long long energy_mj[MAX_DEVICES];
static int energy_result[MAX_DEVICES];
static unsigned int power_mw[MAX_DEVICES];
static int power_result[MAX_DEVICES];
static long long lost_after_reads[MAX_DEVICES] = {-1, -1, -1, -1, -1, -1, -1, -1};
static long long reads[MAX_DEVICES];
static unsigned int util_gpu[MAX_DEVICES];
static unsigned int util_mem[MAX_DEVICES];
static unsigned long long mem_total[MAX_DEVICES];
static unsigned long long mem_used[MAX_DEVICES];
static int name_result[MAX_DEVICES];

/* Device handles are pointers into this array, so handle → index is pointer arithmetic. */
static int handles[MAX_DEVICES];

static int index_of(void *device)
{
    long i = (int *)device - handles;
    return (i >= 0 && i < MAX_DEVICES) ? (int)i : -1;
}

void fake_nvml_set(const char *key, int device, long long value)
{
    int d = (device >= 0 && device < MAX_DEVICES) ? device : 0;
    if (strcmp(key, "init_result") == 0) init_result = (int)value;
    else if (strcmp(key, "count") == 0) device_count = (unsigned int)value;
    else if (strcmp(key, "count_result") == 0) count_result = (int)value;
    else if (strcmp(key, "energy_mj") == 0) energy_mj[d] = (unsigned long long)value;
    else if (strcmp(key, "energy_result") == 0) energy_result[d] = (int)value;
    else if (strcmp(key, "power_mw") == 0) power_mw[d] = (unsigned int)value;
    else if (strcmp(key, "power_result") == 0) power_result[d] = (int)value;
    else if (strcmp(key, "lost_after_reads") == 0) { lost_after_reads[d] = value; reads[d] = 0; }
    else if (strcmp(key, "util_gpu") == 0) util_gpu[d] = (unsigned int)value;
    else if (strcmp(key, "util_mem") == 0) util_mem[d] = (unsigned int)value;
    else if (strcmp(key, "mem_total") == 0) mem_total[d] = (unsigned long long)value;
    else if (strcmp(key, "mem_used") == 0) mem_used[d] = (unsigned long long)value;
    else if (strcmp(key, "name_result") == 0) name_result[d] = (int)value;
}

long long fake_nvml_get(const char *key)
{
    if (strcmp(key, "init_calls") == 0) return init_calls;
    if (strcmp(key, "shutdown_calls") == 0) return shutdown_calls;
    if (strcmp(key, "initialized") == 0) return initialized;
    return -1;
}

static int read_allowed(int d)
{
    if (!initialized) return 1;  /* NVML_ERROR_UNINITIALIZED */
    if (lost_after_reads[d] >= 0 && reads[d]++ >= lost_after_reads[d]) return 15; /* GPU_IS_LOST */
    return 0;
}

#ifndef FAKE_NVML_OMIT_INIT
int nvmlInit_v2(void)
{
    init_calls++;
    if (init_result != 0) return init_result;
    initialized = 1;
    return 0;
}
#endif

int nvmlShutdown(void)
{
    shutdown_calls++;
    initialized = 0;
    return 0;
}

const char *nvmlErrorString(int result)
{
    switch (result) {
    case 0: return "Success";
    case 3: return "Not Supported";
    case 4: return "Insufficient Permissions";
    case 9: return "Driver Not Loaded";
    case 13: return "Function Not Found";
    case 15: return "GPU is lost";
    case 18: return "RM has detected an NVML/RM version mismatch.";
    default: return "Unknown Error";
    }
}

int nvmlDeviceGetCount_v2(unsigned int *count)
{
    if (!initialized) return 1;
    if (count_result != 0) return count_result;
    *count = device_count;
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device)
{
    if (!initialized) return 1;
    if (index >= device_count || index >= MAX_DEVICES) return 2;
    *device = &handles[index];
    return 0;
}

int nvmlDeviceGetUUID(void *device, char *uuid, unsigned int length)
{
    int d = index_of(device);
    if (d < 0) return 2;
    snprintf(uuid, length, "GPU-%d0000000-0000-0000-0000-000000000000", d);
    return 0;
}

int nvmlDeviceGetHandleByUUID(const char *uuid, void **device)
{
    char expected[96];
    if (!initialized) return 1;
    for (unsigned int d = 0; d < device_count && d < MAX_DEVICES; d++) {
        snprintf(expected, sizeof expected, "GPU-%u0000000-0000-0000-0000-000000000000", d);
        if (strcmp(expected, uuid) == 0) { *device = &handles[d]; return 0; }
    }
    return 6; /* NOT_FOUND */
}

int nvmlDeviceGetName(void *device, char *name, unsigned int length)
{
    int d = index_of(device);
    if (d < 0) return 2;
    if (name_result[d] != 0) return name_result[d];
    snprintf(name, length, "Fake GPU %d", d);
    return 0;
}

#ifndef FAKE_NVML_OMIT_ENERGY
int nvmlDeviceGetTotalEnergyConsumption(void *device, unsigned long long *energy)
{
    int d = index_of(device);
    if (d < 0) return 2;
    if (energy_result[d] != 0) return energy_result[d];
    int rc = read_allowed(d);
    if (rc != 0) return rc;
    *energy = energy_mj[d];
    return 0;
}
#endif

int nvmlDeviceGetPowerUsage(void *device, unsigned int *power)
{
    int d = index_of(device);
    if (d < 0) return 2;
    if (power_result[d] != 0) return power_result[d];
    int rc = read_allowed(d);
    if (rc != 0) return rc;
    *power = power_mw[d];
    return 0;
}

typedef struct { unsigned int gpu; unsigned int memory; } fake_utilization;
typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } fake_memory;

int nvmlDeviceGetUtilizationRates(void *device, fake_utilization *utilization)
{
    int d = index_of(device);
    if (d < 0) return 2;
    if (!initialized) return 1;
    utilization->gpu = util_gpu[d];
    utilization->memory = util_mem[d];
    return 0;
}

int nvmlDeviceGetMemoryInfo(void *device, fake_memory *memory)
{
    int d = index_of(device);
    if (d < 0) return 2;
    if (!initialized) return 1;
    memory->total = mem_total[d];
    memory->used = mem_used[d];
    memory->free = mem_total[d] - mem_used[d];
    return 0;
}
