package singj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A program that was run to its end, with its exit code and both its outputs. */
record FinishedProcess(int exitCode, String stdout, String stderr) {

    /**
     * Runs {@code command} in {@code directory} and waits for it, reading stdout and stderr at
     * the same time (so neither can fill its pipe and stall the program). A program still
     * running after {@code timeout} is killed, with its children, and reported.
     */
    static FinishedProcess run(List<String> command, Path directory, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            throw new NativeBaselineException("could not start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = readAll(process.getInputStream());
        CompletableFuture<String> stderr = readAll(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new NativeBaselineException(String.join(" ", command) + " was still running after " + timeout + ", killed");
            }
            return new FinishedProcess(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NativeBaselineException("interrupted while waiting for " + String.join(" ", command), e);
        } catch (ExecutionException e) {
            throw new NativeBaselineException("could not read the output of " + String.join(" ", command) + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static CompletableFuture<String> readAll(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        });
        return text;
    }
}
