package singj.vfuzz;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.classfile.instruction.LabelTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Changes inside one method's code, and the rebuilt class with each kind of StackMapTable. A change
 * is chosen (with its random numbers) before the class is rebuilt, so that when the ClassFile API
 * cannot regenerate frames for it (it checks types too) the same change is written with stale frames.
 */
final class CodeEdits {
    private CodeEdits() {}

    /** One element of one method's code. */
    record Place(int methodIndex, MethodModel method, CodeModel code, List<CodeElement> elements, int index) {
        CodeElement element() {
            return elements.get(index);
        }

        CodeElement next() {
            return index + 1 < elements.size() ? elements.get(index + 1) : null;
        }

        int maxLocals() {
            return ((CodeAttribute) code).maxLocals();
        }

        /** The method's labels in code order: the places a branch or a handler can name. */
        List<Label> labels() {
            List<Label> labels = new ArrayList<>();
            for (CodeElement e : elements) {
                if (e instanceof LabelTarget target) {
                    labels.add(target.label());
                }
            }
            return labels;
        }

        boolean isConstructor() {
            return method.methodName().equalsString("<init>");
        }

        String where() {
            int instruction = 0;
            for (int i = 0; i < index; i++) {
                if (elements.get(i) instanceof Instruction) {
                    instruction++;
                }
            }
            return method.methodName().stringValue() + method.methodType().stringValue() + " instruction #" + instruction;
        }
    }

    /**
     * What to write in place of the chosen element (the write may emit it too), whether to leave out
     * the element after it, and what to add after the last element.
     */
    record Change(String description, Consumer<CodeBuilder> write, boolean skipNext, Consumer<CodeBuilder> atEnd) {
        static Change replace(String description, Consumer<CodeBuilder> write) {
            return new Change(description, write, false, b -> {});
        }
    }

    interface Chooser {
        Optional<Change> choose(Place place, Target target);
    }

    /** A change at a random element of a random method that {@code eligible} accepts, or empty if there is none. */
    static Optional<Mutation> at(Target t, Predicate<Place> eligible, Chooser chooser) {
        List<Place> places = new ArrayList<>();
        List<MethodModel> methods = t.model().methods();
        for (int m = 0; m < methods.size(); m++) {
            MethodModel method = methods.get(m);
            if (method.code().isEmpty()) {
                continue;
            }
            CodeModel code = method.code().get();
            List<CodeElement> elements = code.elementList();
            for (int i = 0; i < elements.size(); i++) {
                Place place = new Place(m, method, code, elements, i);
                if (eligible.test(place)) {
                    places.add(place);
                }
            }
        }
        if (places.isEmpty()) {
            return Optional.empty();
        }
        Place place = t.pick(places);
        return chooser.choose(place, t).map(change -> rebuild(t, place, change));
    }

    private static Mutation rebuild(Target t, Place place, Change change) {
        String description = place.where() + ": " + change.description();
        Mutation.Frames frames = t.version() < 50 ? Mutation.Frames.NONE
                : t.coin() ? Mutation.Frames.REGENERATED : Mutation.Frames.STALE;
        if (frames == Mutation.Frames.REGENERATED) {
            try {
                return new Mutation(write(t, place.methodIndex(), edit(place, change), frames, null), description, frames);
            } catch (IllegalArgumentException | IllegalStateException e) {
                frames = Mutation.Frames.STALE; // the ClassFile API refused to compute frames for the changed code
            }
        }
        return new Mutation(write(t, place.methodIndex(), edit(place, change), frames, null), description, frames);
    }

    /** The class with method {@code methodIndex}'s frames replaced by {@code frames} and its code as it was. */
    static Mutation withFrames(Target t, int methodIndex, List<StackMapFrameInfo> frames, String description) {
        return new Mutation(write(t, methodIndex, CodeTransform.ACCEPT_ALL, Mutation.Frames.EDITED, frames), description,
                Mutation.Frames.EDITED);
    }

    private static CodeTransform edit(Place place, Change change) {
        return new CodeTransform() {
            private int index;

            @Override
            public void accept(CodeBuilder builder, CodeElement element) {
                int at = index++;
                if (at == place.index()) {
                    change.write().accept(builder);
                } else if (!(change.skipNext() && at == place.index() + 1)) {
                    builder.with(element);
                }
            }

            @Override
            public void atEnd(CodeBuilder builder) {
                change.atEnd().accept(builder);
            }
        };
    }

    private static byte[] write(Target t, int methodIndex, CodeTransform edit, Mutation.Frames frames,
                                List<StackMapFrameInfo> editedFrames) {
        ClassFile classFile = frames == Mutation.Frames.REGENERATED
                ? ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(t.source().resolver()))
                : ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
        MethodModel method = t.model().methods().get(methodIndex);
        Optional<StackMapTableAttribute> original = method.code().flatMap(c -> c.findAttribute(Attributes.stackMapTable()));
        CodeTransform withFrames = new CodeTransform() {
            @Override
            public void accept(CodeBuilder builder, CodeElement element) {
                edit.accept(builder, element);
            }

            @Override
            public void atStart(CodeBuilder builder) {
                edit.atStart(builder);
            }

            @Override
            public void atEnd(CodeBuilder builder) {
                edit.atEnd(builder);
                switch (frames) {
                    // the original frames stay at the labels they named, whatever the code there is now
                    case STALE -> original.ifPresent(builder::with);
                    case EDITED -> builder.with(StackMapTableAttribute.of(editedFrames));
                    default -> {}
                }
            }
        };
        int[] seen = {0};
        return classFile.transformClass(t.model(), (builder, element) -> {
            if (element instanceof MethodModel m && seen[0]++ == methodIndex) {
                builder.transformMethod(m, MethodTransform.transformingCode(withFrames));
            } else {
                builder.with(element);
            }
        });
    }
}
