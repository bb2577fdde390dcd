package dev.latent.launcher.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader never sees half a file or half a folder, and a failed write leaves nothing behind. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void writeCreatesTheFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.write(target, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hello", Files.readString(target));
        assertEquals(List.of("a.txt"), listing());
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "old content that is longer");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("a.txt"), listing());
    }

    @Test
    void throwingWriterLeavesNoTargetAndNoTemporary() throws IOException {
        Path target = dir.resolve("a.npy");
        IOException io = new IOException("disk full");
        IOException thrownIo = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw io;
        }));
        assertSame(io, thrownIo);
        RuntimeException bug = new IllegalStateException("bug");
        RuntimeException thrownBug = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw bug;
        }));
        assertSame(bug, thrownBug);
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing());
    }

    @Test
    void throwingWriterKeepsThePreviousFile() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "previous");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new UncheckedIOException(new IOException("cut"));
        }));
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of("a.txt"), listing());
    }

    @Test
    void writeFolderReplacesTheWholeFolder() throws IOException {
        Path target = dir.resolve("parameters");
        Files.createDirectories(target.resolve("nested"));
        Files.writeString(target.resolve("stale.npy"), "stale");
        Files.writeString(target.resolve("nested/old.npy"), "old");
        AtomicFiles.writeFolder(target, folder -> {
            Files.writeString(folder.resolve("w.npy"), "w");
            AtomicFiles.write(folder.resolve("b.npy"), out -> out.write('b'));
        });
        assertEquals(List.of("parameters", "parameters/b.npy", "parameters/w.npy"), listing());
        assertEquals("w", Files.readString(target.resolve("w.npy")));
        assertEquals("b", Files.readString(target.resolve("b.npy")));
    }

    @Test
    void throwingFolderWriterKeepsThePreviousFolderIntact() throws IOException {
        Path target = dir.resolve("parameters");
        Files.createDirectories(target);
        Files.writeString(target.resolve("w.npy"), "previous w");
        Files.writeString(target.resolve("b.npy"), "previous b");
        IOException io = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.writeFolder(target, folder -> {
            Files.writeString(folder.resolve("w.npy"), "new w");
            Files.createDirectories(folder.resolve("sub"));
            Files.writeString(folder.resolve("sub/x.npy"), "x");
            throw io;
        }));
        assertSame(io, thrown);
        assertEquals(List.of("parameters", "parameters/b.npy", "parameters/w.npy"), listing());
        assertEquals("previous w", Files.readString(target.resolve("w.npy")));
        assertEquals("previous b", Files.readString(target.resolve("b.npy")));
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeFolder(target, folder -> {
            Files.writeString(folder.resolve("w.npy"), "new w");
            throw new IllegalArgumentException("bug");
        }));
        assertEquals(List.of("parameters", "parameters/b.npy", "parameters/w.npy"), listing());
        assertEquals("previous w", Files.readString(target.resolve("w.npy")));
    }

    @Test
    void throwingFolderWriterWithNoPreviousFolderLeavesNothing() throws IOException {
        Path target = dir.resolve("parameters");
        assertThrows(IOException.class, () -> AtomicFiles.writeFolder(target, folder -> {
            Files.writeString(folder.resolve("w.npy"), "w");
            throw new IOException("cut");
        }));
        assertEquals(List.of(), listing());
    }

    @Test
    void aLeftoverTemporaryFolderFromACrashIsDiscarded() throws IOException {
        Path target = dir.resolve("parameters");
        Files.createDirectories(dir.resolve("parameters.tmp"));
        Files.writeString(dir.resolve("parameters.tmp/half.npy"), "half");
        AtomicFiles.writeFolder(target, folder -> Files.writeString(folder.resolve("w.npy"), "w"));
        assertEquals(List.of("parameters", "parameters/w.npy"), listing());
    }
}
