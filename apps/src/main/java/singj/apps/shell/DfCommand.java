package singj.apps.shell;

import java.io.PrintStream;
import java.util.Locale;
import singj.abi.Directory;

/** {@code df}: the file system's size, what is used and free, and the shell's quota. */
record DfCommand() implements Command {
    @Override
    public String name() {
        return "df";
    }

    @Override
    public String usage() {
        return "df";
    }

    @Override
    public String summary() {
        return "Show the file system's size, used and free space and files, and the shell's quota.";
    }

    @Override
    public String details() {
        return "Two rows for the file system served at /fs: 'space', the blocks that hold file contents\n"
                + "and directories (metadata and the journal are not counted), and 'files', the files and\n"
                + "directories it can hold. Then the shell's own quota: each SIP may use so many bytes and\n"
                + "create so many files, whatever number of times it connects; a program run from the\n"
                + "shell has a quota of its own.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        Directory.FsStatus st = session.files().statfs(session, name());
        PrintStream out = session.out();
        long size = st.blocks() * st.blockSize();
        long free = st.freeBlocks() * st.blockSize();
        out.printf(Locale.ROOT, "%-6s %10s %10s %10s %5s%n", "", "size", "used", "free", "use%");
        out.printf(Locale.ROOT, "%-6s %10s %10s %10s %5s%n", "space", HumanUnits.bytes(size), HumanUnits.bytes(size - free),
                HumanUnits.bytes(free), percent(size - free, size));
        out.printf(Locale.ROOT, "%-6s %10d %10d %10d %5s%n", "files", st.files(), st.files() - st.freeFiles(),
                st.freeFiles(), percent(st.files() - st.freeFiles(), st.files()));
        out.printf(Locale.ROOT, "quota of the shell: %s of %s, %d of %s files%n", HumanUnits.bytes(st.usedBytes()),
                st.quotaBytes() == Long.MAX_VALUE ? "unlimited" : HumanUnits.bytes(st.quotaBytes()), st.usedFiles(),
                st.quotaFiles() == Long.MAX_VALUE ? "unlimited" : Long.toString(st.quotaFiles()));
        return Outcome.CONTINUE;
    }

    /** Rounded up, as df does: a file system with anything used never shows 0%. */
    private static String percent(long used, long total) {
        return total == 0 ? "-" : ((used * 100 + total - 1) / total) + "%";
    }
}
