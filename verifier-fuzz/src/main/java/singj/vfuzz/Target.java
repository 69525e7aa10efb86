package singj.vfuzz;

import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The class an operator mutates, where it comes from, and the random numbers that choose the mutation. */
record Target(Source source, String name, ClassModel model, Random random) {
    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    boolean coin() {
        return random.nextBoolean();
    }

    int version() {
        return model.majorVersion();
    }

    String superName() {
        return model.superclass().map(ClassEntry::asInternalName).orElse("java/lang/Object");
    }

    /** Any class of the source, by internal name. */
    String someSourceClass() {
        return pick(source.names());
    }

    /** Classes to put where a class is named: the JDK's usual ones, this class, its superclass, others of the source. */
    List<String> classChoices() {
        List<String> choices = new ArrayList<>(List.of("java/lang/Object", "java/lang/String", "java/lang/Number",
                "java/lang/Runnable", "java/util/List", "java/lang/Throwable", "java/lang/Exception", "java/lang/Cloneable",
                "java/io/Serializable", "java/lang/Integer", "java/util/ArrayList"));
        choices.add(name);
        choices.add(superName());
        choices.add(someSourceClass());
        choices.add(someSourceClass());
        return choices;
    }

    /** Field and value types to put in a descriptor. */
    List<String> typeChoices() {
        List<String> choices = new ArrayList<>(List.of("I", "J", "F", "D", "Z", "B", "Ljava/lang/Object;",
                "Ljava/lang/String;", "[I", "[Ljava/lang/Object;", "Ljava/lang/Runnable;", "Ljava/lang/Cloneable;"));
        choices.add("L" + name + ";");
        choices.add("L" + someSourceClass() + ";");
        return choices;
    }
}
