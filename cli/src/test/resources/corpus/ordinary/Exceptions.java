import java.util.*;

/** Exception chains, a custom hierarchy, try-with-resources with suppressed exceptions, finally. */
public class Exceptions {
    static class AppException extends Exception {
        AppException(String message) { super(message); }
        AppException(String message, Throwable cause) { super(message, cause); }
    }
    static class ValidationException extends AppException {
        final String field;
        ValidationException(String field, String message) { super(field + ": " + message); this.field = field; }
    }
    static class StorageException extends AppException {
        StorageException(String message, Throwable cause) { super(message, cause); }
    }
    static final class FatalError extends RuntimeException {
        FatalError(Throwable cause) { super(cause); }
    }

    static final class Resource implements AutoCloseable {
        private final String name;
        private final boolean failOnClose;
        private final List<String> log;
        Resource(String name, boolean failOnClose, List<String> log) {
            this.name = name; this.failOnClose = failOnClose; this.log = log;
            log.add("open " + name);
        }
        void use(boolean fail) {
            log.add("use " + name);
            if (fail) throw new IllegalStateException("use of " + name + " failed");
        }
        @Override public void close() {
            log.add("close " + name);
            if (failOnClose) throw new UncheckedCloseException("close of " + name + " failed");
        }
    }
    static final class UncheckedCloseException extends RuntimeException {
        UncheckedCloseException(String m) { super(m); }
    }

    static void validate(String field, String value) throws ValidationException {
        if (value == null || value.isBlank()) throw new ValidationException(field, "must not be blank");
    }

    static int parse(String s) throws StorageException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new StorageException("cannot load record '" + s + "'", e);
        }
    }

    @SuppressWarnings("finally")
    static int finallyWins() {
        try {
            throw new RuntimeException("lost");
        } finally {
            return 7;
        }
    }

    static String order(List<String> trace) {
        try {
            trace.add("try");
            return "returned";
        } finally {
            trace.add("finally");
        }
    }

    static void printChain(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null; c = c.getCause()) {
            System.out.println("  ".repeat(depth++) + c);
        }
    }

    public static void main(String[] args) {
        try {
            validate("email", " ");
        } catch (ValidationException e) {
            System.out.println("validation: " + e.getMessage() + " field=" + e.field + " isApp=" + (e instanceof AppException));
        }
        try {
            parse("12x");
        } catch (AppException e) {
            System.out.println("toString: " + e);
            System.out.println("cause: " + e.getCause());
            System.out.println("cause message: " + e.getCause().getMessage());
            printChain(new FatalError(e));
        }
        try {
            Object o = "string";
            Integer i = (Integer) o;
        } catch (ClassCastException e) {
            System.out.println("class cast caught: " + (e.getMessage() != null));
        }
        try {
            int[] a = new int[2];
            a[5] = 1;
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println(e);
        }
        try {
            Object o = null;
            o.toString();
        } catch (NullPointerException e) {
            System.out.println("NPE caught");
        }
        try {
            System.out.println(10 / (args.length - args.length));
        } catch (ArithmeticException e) {
            System.out.println(e.getMessage());
        }
        List<String> log = new ArrayList<>();
        try (Resource a = new Resource("a", false, log); Resource b = new Resource("b", true, log)) {
            a.use(false);
            b.use(true);
        } catch (IllegalStateException e) {
            System.out.println("primary: " + e.getMessage());
            for (Throwable s : e.getSuppressed()) System.out.println("suppressed: " + s);
        }
        System.out.println("resource log " + log);
        log.clear();
        try (Resource c = new Resource("c", true, log)) {
            c.use(false);
        } catch (UncheckedCloseException e) {
            System.out.println("close failure alone: " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
        }
        System.out.println("finally wins: " + finallyWins());
        List<String> trace = new ArrayList<>();
        System.out.println(order(trace) + " " + trace);
        try {
            try {
                throw new AppException("inner");
            } finally {
                System.out.println("inner finally runs");
            }
        } catch (AppException e) {
            System.out.println("outer caught " + e.getMessage());
        }
        for (int i = 0; i < 4; i++) {
            try {
                switch (i) {
                    case 0 -> throw new IllegalArgumentException("arg");
                    case 1 -> throw new UnsupportedOperationException();
                    case 2 -> throw new StackOverflowError("deep");
                    default -> System.out.println("no exception for " + i);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                System.out.println("multi-catch " + e.getClass().getName() + " message=" + e.getMessage());
            } catch (Error e) {
                System.out.println("error " + e);
            } finally {
                System.out.println("finally " + i);
            }
        }
        Exception withSuppressed = new Exception("top");
        withSuppressed.addSuppressed(new RuntimeException("hidden"));
        System.out.println(withSuppressed.getSuppressed()[0].getMessage() + " " + new RuntimeException((String) null).getMessage()
                + " " + new RuntimeException(new Exception("root")).getMessage());
        StackTraceElement top = new Throwable().getStackTrace()[0];
        System.out.println("top frame " + top.getClassName() + "." + top.getMethodName() + ":" + top.getLineNumber());
    }
}
