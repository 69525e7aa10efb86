package singj.installer;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import singj.installer.linear.HandleLinearity;
import singj.installer.surface.JdkSurface;
import singj.installer.verify.TypeVerifier;
import singj.kernel.ProgramManifest;
import singj.kernel.SealedProgram;

/**
 * Install = verify, then compile. {@link #verify} runs every install-time check and reports every
 * violation; {@link #seal} also rewrites the program into the sealed form the kernel runs.
 */
public final class Installer {
    private final Allowlist allowlist;
    private final boolean linearHandles;

    public Installer(Allowlist allowlist) {
        this(allowlist, true);
    }

    private Installer(Allowlist allowlist, boolean linearHandles) {
        this.allowlist = allowlist;
        this.linearHandles = linearHandles;
    }

    public static Installer standard() {
        return new Installer(Allowlist.standard());
    }

    /**
     * This installer without the install-time linearity of handles ({@link HandleLinearity}), for
     * tests of the second line only: programs that reuse a sent or freed handle on purpose, to
     * show that the run-time generation check stops them too. Never for installing real programs.
     */
    public Installer withoutLinearHandlesForRuntimeTests() {
        return new Installer(allowlist, false);
    }

    /** Checks {@code jar} against the SIP rules without installing it. */
    public VerificationReport verify(ProgramJar jar) {
        return verify(jar, jar.defaultName());
    }

    private VerificationReport verify(ProgramJar jar, String name) {
        return analyse(jar, name).report();
    }

    /**
     * Verifies {@code jar} and returns its sealed form, to be stored in an image or run at once.
     *
     * @throws RejectedProgramException if any rule is broken
     */
    public SealedProgram seal(ProgramJar jar, String name, long memoryQuota) {
        Analysis analysis = analyse(jar, name);
        if (!analysis.report().passed()) {
            throw new RejectedProgramException(analysis.report());
        }
        Sealer sealer = new Sealer(analysis.hierarchy(), analysis.models().values(), analysis.identity(),
                analysis.refusedSites());
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        Set<String> contracts = analysis.contracts().names();
        analysis.models().forEach((internal, model) -> {
            String binary = internal.replace('/', '.');
            // contract classes are pure data, loaded once for every SIP: nothing to seal
            sealed.put(binary, contracts.contains(binary) ? jar.classes().get(binary)
                    : sealer.seal(UnreachedMethods.drop(internal, model, analysis.reached())));
        });
        ManifestAttributes manifest = analysis.manifest();
        return new SealedProgram(name, jar.mainClass(), sealed, memoryQuota,
                new ProgramManifest(contracts, manifest.grants(), manifest.exchangeQuota(), manifest.endpoints(),
                        manifest.devices(), manifest.isolation()), jar.resources());
    }

    private record Analysis(VerificationReport report, Map<String, ClassModel> models, ClassHierarchy hierarchy,
                            ManifestAttributes manifest, ContractClasses.Found contracts, Reachability.Reached reached,
                            IdentityOperations identity, Sealer.RefusedSites refusedSites) {}

    private Analysis analyse(ProgramJar jar, String name) {
        List<Violation> violations = new ArrayList<>();
        Map<String, ClassModel> models = new LinkedHashMap<>();
        ClassFile classFile = ClassFile.of();
        int methods = 0;
        for (var entry : jar.classes().entrySet()) {
            String expected = entry.getKey().replace('.', '/');
            try {
                ClassModel model = classFile.parse(entry.getValue());
                String actual = model.thisClass().asInternalName();
                if (!actual.equals(expected)) {
                    violations.add(Violation.ofClass("malformed-class", entry.getKey(),
                            "the entry " + expected + ".class holds class " + actual.replace('/', '.')));
                    continue;
                }
                for (MethodModel method : model.methods()) {
                    method.code().ifPresent(code -> code.elementList()); // parse the code now: errors belong here
                    methods++;
                }
                models.put(actual, model);
            } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException
                     | UnsupportedOperationException | ClassCastException e) {
                violations.add(Violation.ofClass("malformed-class", entry.getKey(),
                        "the class file does not parse: " + e.getMessage()));
            }
        }
        ClassHierarchy hierarchy = new ClassHierarchy(models);
        TypeVerifier types = new TypeVerifier(hierarchy);
        // the other rules read every constant they meet; a class whose constants are broken would stop them
        Map<String, ClassModel> readable = new LinkedHashMap<>(models);
        Set<String> unsafe = new HashSet<>();
        for (var entry : models.entrySet()) {
            ClassModel model = entry.getValue();
            List<Violation> found = types.verify(model, jar.classes().get(entry.getKey().replace('/', '.')));
            if (!found.isEmpty()) {
                unsafe.add(entry.getKey());
            }
            if (found.stream().anyMatch(v -> TypeVerifier.UNREADABLE_RULES.contains(v.rule()))) {
                readable.remove(model.thisClass().asInternalName());
            }
            violations.addAll(found);
        }
        ManifestAttributes manifest = ManifestAttributes.read(jar.attributes(), violations);
        ContractClasses.Found contracts = new ContractClasses.Found(Set.of(), Set.of());
        Reachability.Reached reached = new Reachability.Reached(Set.of(), Set.of());
        IdentityOperations identity = IdentityOperations.none();
        List<Violation> refusedIfReached = new ArrayList<>();
        Sealer.RefusedSites refusedSites = new Sealer.RefusedSites();
        int unreachable = 0;
        try {
            contracts = ContractClasses.check(readable, manifest.contracts(), violations);
            reached = Reachability.of(readable, hierarchy, jar.mainClass(), contracts.names(), manifest.reflected(),
                    jar.serviceProviders());
            for (var model : readable.entrySet()) {
                unreachable += UnreachedMethods.count(model.getKey(), model.getValue(), reached);
            }
            SipRules.Checked checked = SipRules.check(readable, hierarchy, allowlist, JdkSurface.standard(), reached);
            for (Violation violation : checked.violations()) {
                Integer site = checked.sites().get(violation);
                // a library's corner the program may never use: refused where it is reached, as
                // the JVM links a missing class only when it runs (the program's own code is judged here)
                if (site != null && jar.libraryClasses().contains(violation.className())) {
                    refusedIfReached.add(violation);
                    refusedSites.add(violation, site);
                } else {
                    violations.add(violation);
                }
            }
            identity = new IdentityOperations(types.identitySites(), new ObjectSharing(hierarchy, contracts.names()));
            violations.addAll(identity.violations(reached));
            if (linearHandles) {
                Set<String> exempt = new HashSet<>(unsafe); // the linearity walk trusts the types
                contracts.names().forEach(contract -> exempt.add(contract.replace('.', '/')));
                Reachability.Reached runs = reached;
                violations.addAll(HandleLinearity.check(readable, hierarchy::isSubtype, runs::reaches, exempt));
            }
            for (var endpoint : manifest.endpoints().entrySet()) {
                if (!contracts.contracts().contains(endpoint.getValue()) && !endpoint.getValue().startsWith("singj.abi.")) {
                    violations.add(Violation.ofClass("manifest", "META-INF/MANIFEST.MF", ManifestAttributes.ENDPOINTS + ": "
                            + endpoint.getKey() + " speaks " + endpoint.getValue() + ", which is not a contract of this jar"));
                }
            }
            NameUses.check(readable, manifest.grants(), violations);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
            violations.add(Violation.ofClass("malformed-class", jar.source().toString(),
                    "a class file does not parse: " + e.getMessage()));
        }
        return new Analysis(new VerificationReport(name, jar.classes().size(), methods, unreachable, violations,
                refusedIfReached), models, hierarchy, manifest, contracts, reached, identity, refusedSites);
    }
}
