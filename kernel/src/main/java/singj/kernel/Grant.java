package singj.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import singj.kernel.dev.Devices;
import singj.kernel.host.MemoryAccount;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Quotas;

/**
 * What a SIP was granted at start: the names it may register and open, its heap quota and its
 * quotas of kernel resources. A program's manifest only asks; whoever starts the program grants
 * ({@link #decide}): the kernel's policy, the embedding host or the shell through
 * {@link SipOptions}, and a parent SIP, which never grants more than it holds.
 *
 * @param devices the devices it may take ({@code Sip.device}): those its manifest asks for whose
 *     driver the kernel's device policy says its program is
 * @param refusals what was asked and not granted, and why: a line each, printed on the SIP's
 *     standard error before its {@code main} runs
 */
public record Grant(Grants names, long memoryQuota, Quotas quotas, Set<String> devices, List<String> refusals) {
    public Grant {
        devices = Set.copyOf(devices);
        refusals = List.copyOf(refusals);
    }

    /**
     * A system SIP's: every name, the system's too, and no quotas of kernel resources but the
     * exchange heap's (the console holds an end for every SIP that prints; the kernel's image is
     * trusted not to loop making threads).
     */
    static Grant system(KernelConfig config) {
        return new Grant(Grants.ALL, config.defaultMemoryQuota(), new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE, config.defaultExchangeQuota()), Set.of(), List.of());
    }

    /**
     * A system program's ({@link Kernel#spawnSystem(SealedProgram, SipOptions, Grants)}): the names
     * its manifest asks for, the system's included, within {@code offered}; a system SIP's quotas.
     */
    static Grant systemProgram(SealedProgram program, Grants offered, KernelConfig config) {
        Grants asked = program.manifest().grants();
        Grants names = new Grants(asked.registers(), asked.opens(), true).intersect(offered);
        List<String> refusals = new ArrayList<>();
        for (String pattern : asked.registers()) {
            if (!names.coversRegister(pattern)) {
                refusals.add("asked to register " + pattern + ", not granted: the system's policy does not offer it");
            }
        }
        for (String pattern : asked.opens()) {
            if (!names.coversOpen(pattern)) {
                refusals.add("asked to open " + pattern + ", not granted: the system's policy does not offer it");
            }
        }
        Grant system = system(config);
        return new Grant(names, system.memoryQuota(), system.quotas(), Set.of(), refusals);
    }

    /**
     * The grant of a user program's new SIP: what its manifest asks, narrowed to what the kernel
     * gives user programs (never the names under {@value Grants#SYSTEM_PREFIX}, and a system
     * service only if the manifest, the starter and the parent all name it: {@link Grants}), to
     * what the starter offers in {@code options} ({@link Grants#ANY_USER} if it offers nothing),
     * and to what {@code parent} holds, if a SIP starts it. The
     * devices it asks for it gets if the kernel's device policy names its program as their driver,
     * and with each the names under {@value Grants#DEVICE_PREFIX} of that device, if it asks for them.
     *
     * @param identity who the program is (its name and a digest of its code), for the device policy
     */
    static Grant decide(SealedProgram program, Supplier<String> identity, SipOptions options, Grant parent,
                        KernelConfig config, Devices deviceTable) {
        ProgramManifest asked = program.manifest();
        List<String> refusals = new ArrayList<>();

        Set<String> devices = new TreeSet<>();
        for (String device : new TreeSet<>(asked.devices())) {
            if (!deviceTable.isAttached(device)) {
                refusals.add("asked for device " + device + " (SingJ-Devices), not granted: no such device is attached");
            } else if (!deviceTable.isDriver(device, identity.get())) {
                refusals.add("asked for device " + device + " (SingJ-Devices), not granted: the system's policy gives it "
                        + "only to the driver it names, and this is not that program");
            } else {
                devices.add(device);
            }
        }

        Grants offered = options.grants() != null ? options.grants() : Grants.ANY_USER;
        Grants names = asked.grants().user().intersect(offered);
        if (parent != null) {
            names = names.intersect(parent.names());
        }
        // a driver's own names come with its device, whoever starts it: the shell can restart it
        names = names.union(asked.grants().intersect(Grants.driverNames(devices)));
        explain(asked.grants().registers(), names::coversRegister, "register", offered::coversRegister, parent,
                p -> parent.names().coversRegister(p), refusals);
        explain(asked.grants().opens(), names::coversOpen, "open", offered::coversOpen, parent,
                p -> parent.names().coversOpen(p), refusals);

        long memory = options.memoryQuota() > 0 ? options.memoryQuota()
                : program.memoryQuota() > 0 ? program.memoryQuota() : config.defaultMemoryQuota();
        Quotas quotas = options.quotas().orElse(Quotas.defaults(config.defaultExchangeQuota()));
        long askedExchange = asked.exchangeQuota();
        if (askedExchange > 0 && askedExchange < quotas.exchangeBytes()) {
            quotas = quotas.atMost(new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                    askedExchange)); // it asked for less than it could have: less it gets
        } else if (askedExchange > quotas.exchangeBytes()) {
            refusals.add("asked for an exchange-heap quota of " + size(askedExchange) + " (SingJ-Exchange-Quota), "
                    + "granted " + size(quotas.exchangeBytes()) + ": its starter gives no more");
        }
        if (parent != null) {
            Quotas capped = quotas.atMost(parent.quotas());
            if (!capped.equals(quotas)) {
                refusals.add("quotas " + quotas.format() + " narrowed to " + capped.format()
                        + ": its parent holds no more");
            }
            quotas = capped;
            if (memory > parent.memoryQuota()) {
                refusals.add("heap quota of " + size(memory) + " narrowed to "
                        + size(parent.memoryQuota()) + ": its parent holds no more");
                memory = parent.memoryQuota();
            }
        }
        return new Grant(names, memory, quotas, devices, refusals);
    }

    /** A line for each asked pattern the grant does not cover wholly, with the first reason that applies. */
    private static void explain(List<String> asked, java.util.function.Predicate<String> granted, String verb,
                                java.util.function.Predicate<String> offered, Grant parent,
                                java.util.function.Predicate<String> parentHolds, List<String> refusals) {
        for (String pattern : asked) {
            if (granted.test(pattern)) {
                continue;
            }
            String why = Grants.isSystemName(pattern)
                    ? "names under " + Grants.SYSTEM_PREFIX + " go only to system programs"
                    : !offered.test(pattern) ? "its starter did not grant it"
                    : parent != null && !parentHolds.test(pattern) ? "its parent holds no grant for it"
                    : "it is not granted whole";
            refusals.add("asked to " + verb + " " + pattern + ", not granted: " + why);
        }
    }

    /** One line for ps: the names, heap and quotas granted. */
    public String describe() {
        return names.describe() + (devices.isEmpty() ? "" : "; devices " + String.join(" ", devices)) + "; memory " + size(memoryQuota) + "; exchange "
                + size(quotas.exchangeBytes()) + "; threads " + limit(quotas.threads()) + ", channels "
                + limit(quotas.channels()) + ", names " + limit(quotas.names()) + ", accepts " + limit(quotas.accepts());
    }

    private static String size(long bytes) {
        return bytes >= KernelConfig.MIB || bytes == 0 ? MemoryAccount.mib(bytes) : (bytes + 512) / 1024 + " KiB";
    }

    private static String limit(int quota) {
        return quota == Integer.MAX_VALUE ? "unlimited" : Integer.toString(quota);
    }
}
