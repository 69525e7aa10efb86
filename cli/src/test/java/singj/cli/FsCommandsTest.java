package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProcessRunner.Result;

/** singj mkfs and singj fsck on image files: what they say of a good image and of damaged ones. */
class FsCommandsTest {
    @TempDir
    Path work;

    @Test
    void mkfsMakesAnImageFsckFindsClean() throws Exception {
        Path image = work.resolve("new.img");
        Result made = ProcessRunner.singj("", "mkfs", "--size", "8m", image.toString());
        assertEquals(0, made.exitCode(), made.err());
        assertTrue(made.out().contains("SingJ file system, 2048 blocks of 4096 bytes (8 MiB)"), made.out());
        assertEquals(8 << 20, Files.size(image));
        Result checked = ProcessRunner.singj("", "fsck", image.toString());
        assertEquals(0, checked.exitCode(), checked.out() + checked.err());
        assertTrue(checked.out().contains(image + ": clean"), checked.out());
    }

    @Test
    void aWrongMagicNumberIsNamedAndCannotBeRepaired() throws Exception {
        Path image = work.resolve("magic.img");
        ProcessRunner.singj("", "mkfs", "--size", "4m", image.toString());
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(0);
            f.write('X');
        }
        Result checked = ProcessRunner.singj("", "fsck", image.toString());
        assertEquals(FsckCommand.DAMAGED, checked.exitCode());
        assertTrue(checked.out().contains("superblock (block 0): wrong magic number"), checked.out());
        assertTrue(checked.out().contains("the file system cannot be mounted"), checked.out());
    }

    @Test
    void aTruncatedImageIsNamed() throws Exception {
        Path image = work.resolve("cut.img");
        ProcessRunner.singj("", "mkfs", "--size", "4m", image.toString());
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        Result checked = ProcessRunner.singj("", "fsck", image.toString());
        assertEquals(FsckCommand.DAMAGED, checked.exitCode());
        assertTrue(checked.out().contains("the image is truncated"), checked.out());
    }

    @Test
    void aBitmapLeakIsRepaired() throws Exception {
        Path image = work.resolve("leak.img");
        ProcessRunner.singj("", "mkfs", "--size", "4m", image.toString());
        // the last block of the disk marked in use: its bit in the one bitmap block
        long bitmapStart = 1 + 81 + 4; // superblock, journal (header + 80), inode table of a 1024-block disk
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            long at = bitmapStart * 4096 + 1022 / 8;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b | 1 << (1022 % 8));
        }
        Result checked = ProcessRunner.singj("", "fsck", image.toString());
        assertEquals(FsckCommand.DAMAGED, checked.exitCode(), checked.out());
        assertTrue(checked.out().contains("block 1022 is marked in use but nothing uses it"), checked.out());
        Result repaired = ProcessRunner.singj("", "fsck", "--repair", image.toString());
        assertEquals(FsckCommand.REPAIRED, repaired.exitCode(), repaired.out());
        assertEquals(0, ProcessRunner.singj("", "fsck", image.toString()).exitCode());
    }

    @Test
    void aMissingImageOrATooSmallOneIsBadInput() {
        Result missing = ProcessRunner.singj("", "fsck", work.resolve("none.img").toString());
        assertEquals(Errors.BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("none.img: no such image file"), missing.err());
        Result small = ProcessRunner.singj("", "mkfs", "--size", "100k", work.resolve("small.img").toString());
        assertEquals(Errors.BAD_INPUT, small.exitCode());
        assertTrue(small.err().contains("too small for a file system"), small.err());
    }
}
