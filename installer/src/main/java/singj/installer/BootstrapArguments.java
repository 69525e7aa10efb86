package singj.installer;

import java.lang.classfile.BootstrapMethodEntry;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.ConstantValueEntry;
import java.lang.classfile.constantpool.InvokeDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.constant.DirectMethodHandleDesc;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The positive list of what an {@code invokedynamic} may name: the bootstraps javac emits for
 * ordinary code, and for each the shape of the static arguments javac gives it, down to the last
 * nested constant. The JVM resolves every static argument before it calls the bootstrap, and a
 * dynamic constant among them runs its own bootstrap with its own arguments, so a constant that
 * fits no shape here is refused wherever it stands: {@code ConstantBootstraps.invoke} of
 * {@code System.exit} as a switch label runs the JVM's own {@code exit} before any check of the
 * label could. The method references found in their places, and the enum constants the labels
 * name, are returned for the caller to check as member uses (the allowlist, and the redirects:
 * {@link Redirects#rewritesHandle}): a label resolves its enum constant as {@code getstatic} would.
 *
 * <p>Works on the constant pool entries rather than on {@code ConstantDesc} symbols: turning a
 * dynamic constant into a symbol follows its arguments without limit, and a class file can make a
 * dynamic constant its own argument.
 */
final class BootstrapArguments {
    /** What one static argument may be. */
    private enum Slot {
        STRING("a string"),
        VALUE("a string or number"),
        CLASS("a class"),
        METHOD_TYPE("a method type"),
        /** The method a lambda or method reference runs: any kind of method handle but a field's. */
        METHOD_REF("a method reference"),
        /** A record component's getter, for {@code ObjectMethods}. */
        GETTER("a field getter"),
        /** A qualified enum constant as a switch label: {@code ConstantBootstraps.invoke(EnumDesc.of, ...)}. */
        ENUM_DESC("an EnumDesc.of constant"),
        /** The enum class of such a label: {@code ConstantBootstraps.invoke(ClassDesc.of, name)}. */
        CLASS_DESC("a ClassDesc.of constant");

        final String description;

        Slot(String description) {
            this.description = description;
        }
    }

    /** The arguments of one bootstrap: the first ones by position, then any number of {@code rest}. */
    private record Shape(List<Set<Slot>> leading, Set<Slot> rest) {
        Set<Slot> at(int position) {
            return position < leading.size() ? leading.get(position) : rest;
        }
    }

    private static final Set<Slot> NOTHING = EnumSet.noneOf(Slot.class);

    /** The bootstraps javac emits (owner.name, all static methods), with their arguments. */
    private static final Map<String, Shape> BOOTSTRAPS = Map.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", new Shape(List.of(
                    EnumSet.of(Slot.METHOD_TYPE), EnumSet.of(Slot.METHOD_REF), EnumSet.of(Slot.METHOD_TYPE)), NOTHING),
            // then the flags, and for markers and bridges a count and the classes or method types
            "java/lang/invoke/LambdaMetafactory.altMetafactory", new Shape(List.of(
                    EnumSet.of(Slot.METHOD_TYPE), EnumSet.of(Slot.METHOD_REF), EnumSet.of(Slot.METHOD_TYPE),
                    EnumSet.of(Slot.VALUE)), EnumSet.of(Slot.VALUE, Slot.CLASS, Slot.METHOD_TYPE)),
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants", new Shape(List.of(
                    EnumSet.of(Slot.STRING)), EnumSet.of(Slot.VALUE)),
            "java/lang/invoke/StringConcatFactory.makeConcat", new Shape(List.of(), NOTHING),
            "java/lang/runtime/ObjectMethods.bootstrap", new Shape(List.of(
                    EnumSet.of(Slot.CLASS), EnumSet.of(Slot.STRING)), EnumSet.of(Slot.GETTER)),
            "java/lang/runtime/SwitchBootstraps.typeSwitch", new Shape(List.of(),
                    EnumSet.of(Slot.CLASS, Slot.VALUE, Slot.ENUM_DESC)),
            "java/lang/runtime/SwitchBootstraps.enumSwitch", new Shape(List.of(),
                    EnumSet.of(Slot.CLASS, Slot.STRING)));

    /** The only bootstrap of the dynamic constants javac emits (all inside typeSwitch labels). */
    private static final String CONSTANT_BOOTSTRAP = "java/lang/invoke/ConstantBootstraps.invoke";

    /** The {@code java.lang.constant} factories javac calls through {@code ConstantBootstraps.invoke}. */
    private enum Factory {
        CLASS_DESC(Slot.CLASS_DESC, "java/lang/constant/ClassDesc.of(Ljava/lang/String;)Ljava/lang/constant/ClassDesc;",
                List.of(Slot.STRING)),
        ENUM_DESC(Slot.ENUM_DESC, "java/lang/Enum$EnumDesc.of(Ljava/lang/constant/ClassDesc;Ljava/lang/String;)"
                + "Ljava/lang/Enum$EnumDesc;", List.of(Slot.CLASS_DESC, Slot.STRING));

        final Slot makes;
        /** owner.name(descriptor) of the static method. */
        final String method;
        final List<Slot> parameters;

        Factory(Slot makes, String method, List<Slot> parameters) {
            this.makes = makes;
            this.method = method;
            this.parameters = parameters;
        }
    }

    /** An enum constant a switch label names: its class (internal name) and the constant's name. */
    record EnumConstant(String owner, String name) {}

    /**
     * What {@link #check} found: what fits no shape; and in the places that fit, the method
     * references and enum constants, for the caller to check as member uses.
     */
    record Findings(List<String> problems, List<DirectMethodHandleDesc> references, List<EnumConstant> enumConstants) {}

    private final List<String> problems = new ArrayList<>();
    private final List<DirectMethodHandleDesc> references = new ArrayList<>();
    private final List<EnumConstant> enumConstants = new ArrayList<>();

    private BootstrapArguments() {}

    /** Checks the bootstrap of {@code site} and every one of its static arguments, at any depth. */
    static Findings check(InvokeDynamicEntry site) {
        BootstrapArguments check = new BootstrapArguments();
        check.site(site.bootstrap());
        return new Findings(List.copyOf(check.problems), List.copyOf(check.references),
                List.copyOf(check.enumConstants));
    }

    private void site(BootstrapMethodEntry bootstrap) {
        MethodHandleEntry method = bootstrap.bootstrapMethod();
        String key = ownerAndName(method);
        Shape shape = method.kind() == REF_INVOKE_STATIC ? BOOTSTRAPS.get(key) : null;
        if (shape == null) {
            problems.add("bootstrap " + binary(key) + " is not one javac emits for ordinary code (lambdas, string "
                    + "concatenation, records, switches)");
            return;
        }
        String bootstrapName = shortName(key);
        List<LoadableConstantEntry> arguments = bootstrap.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            argument(arguments.get(i), shape.at(i), "argument " + i + " of " + bootstrapName);
        }
    }

    /** Checks one constant against what its place allows; {@code place} says where it is, for the message. */
    private void argument(LoadableConstantEntry constant, Set<Slot> allowed, String place) {
        for (Slot slot : allowed) {
            if (accepts(slot, constant, place)) {
                return;
            }
        }
        problems.add(place + ": " + describe(constant) + "; javac puts "
                + (allowed.isEmpty() ? "nothing" : "only " + allowed.stream().map(s -> s.description)
                        .collect(Collectors.joining(" or "))) + " there");
    }

    /**
     * Whether {@code constant} is what {@code slot} stands for; of one that is, keeps the method
     * reference or enum constant, and checks the arguments of a factory's constant in turn.
     */
    private boolean accepts(Slot slot, LoadableConstantEntry constant, String place) {
        return switch (slot) {
            case STRING -> constant instanceof StringEntry;
            case VALUE -> constant instanceof ConstantValueEntry;
            case CLASS -> constant instanceof ClassEntry;
            case METHOD_TYPE -> constant instanceof MethodTypeEntry;
            case METHOD_REF, GETTER -> {
                if (!(constant instanceof MethodHandleEntry handle)
                        || !(slot == Slot.GETTER ? handle.kind() == REF_GET_FIELD : isMethodKind(handle.kind()))) {
                    yield false;
                }
                references.add(handle.asSymbol());
                yield true;
            }
            case ENUM_DESC, CLASS_DESC -> {
                Factory factory = factoryOf(constant);
                if (factory == null || factory.makes != slot) {
                    yield false;
                }
                int before = problems.size();
                factoryArguments((ConstantDynamicEntry) constant, factory, place);
                if (factory == Factory.ENUM_DESC && problems.size() == before) {
                    enumConstants.add(enumConstant((ConstantDynamicEntry) constant));
                }
                yield true;
            }
        };
    }

    /** The arguments after the factory's handle must be exactly the factory's parameters. */
    private void factoryArguments(ConstantDynamicEntry constant, Factory factory, String place) {
        List<LoadableConstantEntry> arguments = constant.bootstrap().arguments();
        String name = shortName(factory.method.substring(0, factory.method.indexOf('(')));
        if (arguments.size() - 1 != factory.parameters.size()) {
            problems.add(place + ": " + name + " takes " + factory.parameters.size() + " arguments, not "
                    + (arguments.size() - 1));
            return;
        }
        for (int i = 0; i < factory.parameters.size(); i++) {
            argument(arguments.get(i + 1), EnumSet.of(factory.parameters.get(i)),
                    "argument " + i + " of " + name + " in " + place);
        }
    }

    /** The constant a well-formed {@code EnumDesc.of(ClassDesc.of(className), name)} names. */
    private static EnumConstant enumConstant(ConstantDynamicEntry label) {
        List<LoadableConstantEntry> arguments = label.bootstrap().arguments();
        var type = (ConstantDynamicEntry) arguments.get(1);
        String className = ((StringEntry) type.bootstrap().arguments().get(1)).stringValue();
        return new EnumConstant(className.replace('.', '/'), ((StringEntry) arguments.get(2)).stringValue());
    }

    /** The factory {@code constant} calls through {@code ConstantBootstraps.invoke}, or null. */
    private static Factory factoryOf(LoadableConstantEntry constant) {
        if (!(constant instanceof ConstantDynamicEntry dynamic)) {
            return null;
        }
        BootstrapMethodEntry bootstrap = dynamic.bootstrap();
        if (bootstrap.bootstrapMethod().kind() != REF_INVOKE_STATIC
                || !ownerAndName(bootstrap.bootstrapMethod()).equals(CONSTANT_BOOTSTRAP)
                || bootstrap.arguments().isEmpty()
                || !(bootstrap.arguments().getFirst() instanceof MethodHandleEntry target)
                || target.kind() != REF_INVOKE_STATIC) {
            return null;
        }
        String method = ownerAndName(target) + target.reference().type().stringValue();
        for (Factory factory : Factory.values()) {
            if (factory.method.equals(method)) {
                return factory;
            }
        }
        return null;
    }

    /**
     * A constant in words, naming the member a handle or a dynamic constant's bootstrap reaches,
     * and the handle a dynamic constant passes its bootstrap first (what {@code ConstantBootstraps.invoke}
     * calls). Goes no deeper: a message needs no more, and the depth is the class file's to choose.
     */
    static String describe(LoadableConstantEntry constant) {
        if (constant instanceof ConstantDynamicEntry dynamic) {
            BootstrapMethodEntry bootstrap = dynamic.bootstrap();
            String text = "a dynamic constant from " + binary(ownerAndName(bootstrap.bootstrapMethod()));
            if (!bootstrap.arguments().isEmpty()) {
                text += " of " + shallow(bootstrap.arguments().getFirst());
            }
            return text;
        }
        return shallow(constant);
    }

    private static String shallow(LoadableConstantEntry constant) {
        return switch (constant) {
            case StringEntry string -> "the string \"" + abbreviate(string.stringValue()) + "\"";
            case ConstantValueEntry value -> "the number " + value.constantValue();
            case ClassEntry type -> "the class " + binary(type.asInternalName());
            case MethodTypeEntry type -> "the method type " + type.descriptor().stringValue();
            case MethodHandleEntry handle -> "a " + kindName(handle.kind()) + " handle to " + member(handle);
            case ConstantDynamicEntry dynamic -> "a dynamic constant from "
                    + binary(ownerAndName(dynamic.bootstrap().bootstrapMethod()));
        };
    }

    /** The member a handle names: {@code java.lang.System.exit(I)V}, or {@code java.lang.System.out} for a field. */
    static String member(MethodHandleEntry handle) {
        String name = binary(ownerAndName(handle));
        return isMethodKind(handle.kind()) ? name + handle.reference().type().stringValue() : name;
    }

    private static boolean isMethodKind(int kind) {
        return kind >= REF_INVOKE_VIRTUAL && kind <= KINDS.size();
    }

    private static final int REF_GET_FIELD = 1;
    private static final int REF_INVOKE_VIRTUAL = 5;
    private static final int REF_INVOKE_STATIC = 6;
    /** The JVM's names of the reference kinds 1 to 9 (JVMS 5.4.3.5). */
    private static final List<String> KINDS = List.of("REF_getField", "REF_getStatic", "REF_putField", "REF_putStatic",
            "REF_invokeVirtual", "REF_invokeStatic", "REF_invokeSpecial", "REF_newInvokeSpecial", "REF_invokeInterface");

    private static String kindName(int kind) {
        return kind >= 1 && kind <= KINDS.size() ? KINDS.get(kind - 1) : "kind " + kind;
    }

    private static String ownerAndName(MethodHandleEntry handle) {
        return handle.reference().owner().asInternalName() + "." + handle.reference().name().stringValue();
    }

    /** {@code java/lang/runtime/SwitchBootstraps.typeSwitch} as {@code SwitchBootstraps.typeSwitch}. */
    private static String shortName(String ownerAndName) {
        return binary(ownerAndName.substring(ownerAndName.lastIndexOf('/') + 1));
    }

    private static String binary(String internal) {
        return internal.replace('/', '.');
    }

    /** At most 40 characters, control characters (a concatenation recipe's tags) escaped. */
    private static String abbreviate(String text) {
        StringBuilder shown = new StringBuilder();
        for (char c : (text.length() <= 40 ? text : text.substring(0, 37)).toCharArray()) {
            shown.append(c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() <= 40 ? shown.toString() : shown + "...";
    }
}
