package dev.latent.launcher.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigProblem;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestException;
import dev.latent.launcher.config.ManifestTree;
import dev.latent.launcher.config.ProblemId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the manifest loader with mutations of the shipped profiles: characters deleted and
 * inserted (YAML's indicators, tabs, quotes, NUL), lines duplicated (duplicate keys), dropped
 * and swapped, values replaced by other types and by odd numbers (NaN, infinities, huge, hex),
 * YAML tags and aliases, unknown and misspelt keys, deep nesting, {@code extends} to anything,
 * and {@code --set}s and {@code --engine}s of any shape. Each case goes through what
 * {@code latent explain} does (the tree with its {@code extends} chain and the sets, then the
 * loader's resolution and binding, then the resolved manifest) and either loads or fails with a
 * {@link ManifestException} that names the file and has problems, each with an id, a message
 * and, where it is about a key, the key's path. Anything else fails the property with the
 * manifest that caused it. The seed is fixed; the plugin catalog is discovered once (a fuzzed
 * {@code plugins:} list is read by the tree and the loader, but no jar is loaded from it).
 */
class ManifestFuzzTest {

    /** Problems about a whole file or a command-line option rather than one key: their path may be empty. */
    private static final Set<String> FILE_PROBLEMS = Set.of(ProblemId.INVALID_YAML, ProblemId.UNREADABLE_FILE,
            ProblemId.INVALID_SET);
    private static final List<String> INSERTED = List.of(":", "[", "{", "]", "}", "\t", ",", "\"", "'", "&", "*",
            "!", "|", ">", "#", "-", "?", "%", "@", "`", "\n", " ", "\\", "\u0000", "\u00e9", ": ", "\n  ", "- ");
    private static final List<String> KEYS = List.of("seed", "dtype", "engine", "dataset", "model", "loss",
            "optimizer", "noise", "listeners", "training", "output", "plugins", "extends", "description", "name",
            "epochs", "batchSize", "learningRate", "hidden", "code", "threads", "directory", "trainLimit", "momentum",
            "earlyStopping", "patience", "monitor", "validationFraction", "schedule", "epoch", "learningrate",
            "modle", "optimiser", "trainng", "hiden", "nmae", "", "a.b", "<<", "~", "1", "null");
    private static final List<String> VALUES = List.of("NaN", ".nan", ".NaN", "-.inf", ".inf", "+.inf", "1e309",
            "-1e309", "1e-400", "-1", "0", "-0.0", "1.5", "3", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "99999999999999999999999999999", "1" + "0".repeat(1200), "0x1F", "0o17", "017",
            "1_000", "1:20", "true", "yes", "off", "null", "~", "", "[]", "{}", "[1, x]", "[[1]]", "[1, [2, 3]]",
            "[null]", "{name: x}", "{name: [ae]}", "{name: null}", "{name: {a: 1}}", "'quoted'", "\"a\\0b\"",
            "\"\\u0000\"", "\"\\x00\"", "!!binary AAAA", "!!binary ===", "!!float abc", "!!float .nan", "!!int x",
            "!!int 0x", "!!str 1", "!!bool maybe", "!!timestamp 2020-13-45", "!!set {a, b}", "!!omap [a: 1]",
            "!custom 1", "&a 1", "*a", "*nope", "|\n  block", ">-", "-", "? x", "\"unterminated", "'", "a: b: c",
            "x".repeat(3000), "2001-12-14t21:59:43.10-05:00", "=", "ae", "adam", "mse", "cpu", "gpu", "mnist",
            "gaussian", "relu", "sigmoid", "validation_loss", "float64", "float16", "/", ".", "..", "runs/../..",
            "[/nonexistent, 3]", "[\"\\0\"]");
    private static final List<String> EXTENDS = List.of("default", "default.yaml", "defualt", "optimizers/adam",
            "optimizers", "nowhere.yaml", "fuzz.yaml", "", "/", "..", ".", "[a]", "{a: 1}", "\"a\\0b\"", "5", "null",
            "dae", "../profiles/default.yaml", "\"\\u0000\"");
    private static final List<String> SET_PATHS = List.of("training.epochs", "model.hidden", "model", "optimizer.name",
            "noise", "seed", "a.b.c", "", ".", "a..b", "loss.name.x", "model.name", "engine", "training.earlyStopping",
            "dataset.directory", "plugins", "extends", "description.x");
    private static final List<String> ENGINES = List.of("cpu", "gpu", "tpu", "", "cpux");

    private static FuzzHome home;

    @BeforeContainer
    static void makeHome() throws IOException {
        home = FuzzHome.create("latent-manifest-fuzz");
    }

    @AfterContainer
    static void removeHome() throws IOException {
        home.delete();
    }

    @Property(tries = 2500, seed = "4040", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void mutatedProfilesLoadOrFailWithAManifestException(@ForAll("manifests") Case c) throws IOException {
        Path file = Files.writeString(home.dir().resolve("fuzz.yaml"), c.text());
        try {
            ManifestTree tree = ManifestTree.read(file, home.profiles(), c.sets());
            tree.pluginFolders();
            Manifest manifest = home.loader().load(tree, c.engine());
            assertFalse(manifest.resolved().isEmpty());
            assertFalse(manifest.engineReport().isBlank());
        } catch (ManifestException e) {
            assertWellFormed(e);
        }
    }

    /**
     * A manifest error names a file first (the manifest, or the file of its {@code extends} chain
     * that is at fault) and lists problems, each with an id, a message and, about a key, its path.
     */
    static void assertWellFormed(ManifestException e) {
        String head = e.getMessage().lines().findFirst().orElse("");
        int end = head.contains(" (extends ") ? head.indexOf(" (extends ") : head.lastIndexOf(" has ");
        assertTrue(end > 0 && Files.isRegularFile(Path.of(head.substring(0, end))),
                "the message does not start with a file: " + e.getMessage());
        assertFalse(e.problems().isEmpty(), "no problems: " + e.getMessage());
        for (ConfigProblem p : e.problems()) {
            assertTrue(p.id().startsWith("latent/"), "id " + p.id());
            assertFalse(p.message().isBlank(), "a problem without a message: " + e.getMessage());
            assertTrue(!p.path().isBlank() || FILE_PROBLEMS.contains(p.id()),
                    "a problem without a path: " + p.line() + " in " + e.getMessage());
        }
    }

    /** A manifest's text with the command line's sets and engine, and how it was made. */
    record Case(String how, String text, List<String> sets, String engine) {
        @Override
        public String toString() {
            return how + "\n--- sets " + sets + ", engine " + engine + "\n" + text;
        }
    }

    /** One change to a manifest's text, named for the report. */
    record Mutation(String name, UnaryOperator<String> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Case> manifests() {
        Arbitrary<String> profile = Arbitraries.of(home.profileTexts());
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<String>> sets = Combinators.combine(Arbitraries.of(SET_PATHS), Arbitraries.of(VALUES),
                Arbitraries.of("=", "", "==", " = "))
                .as((path, value, eq) -> path + eq + value).list().ofMaxSize(2);
        Arbitrary<String> engine = Arbitraries.oneOf(Arbitraries.just((String) null), Arbitraries.of(ENGINES));
        return Combinators.combine(profile, mutations, sets, engine)
                .as((text, ms, s, e) -> {
                    String t = text;
                    for (Mutation m : ms) {
                        t = m.change().apply(t);
                    }
                    return new Case(ms.toString(), t, s, e);
                });
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 1 << 16);
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(VALUES),
                Arbitraries.doubles().map(Object::toString), Arbitraries.longs().map(Object::toString),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofMaxLength(10));
        return Arbitraries.oneOf(
                at.map(i -> new Mutation("delete char " + i, t -> t.isEmpty() ? t
                        : t.substring(0, i % t.length()) + t.substring(i % t.length() + 1))),
                Combinators.combine(at, Arbitraries.of(INSERTED)).as((i, s) -> new Mutation(
                        "insert " + quote(s) + " at " + i, t -> t.substring(0, i % (t.length() + 1)) + s
                                + t.substring(i % (t.length() + 1)))),
                at.map(i -> new Mutation("duplicate line " + i, t -> lines(t, i, (ls, n) -> ls.add(n, ls.get(n))))),
                at.map(i -> new Mutation("drop line " + i, t -> lines(t, i, (ls, n) -> ls.remove(n)))),
                Combinators.combine(at, at).as((i, j) -> new Mutation("swap lines " + i + " and " + j,
                        t -> lines(t, i, (ls, n) -> {
                            int m = j % ls.size();
                            String a = ls.get(n);
                            ls.set(n, ls.get(m));
                            ls.set(m, a);
                        }))),
                Combinators.combine(at, value).as((i, v) -> new Mutation("value " + i + " = " + quote(v),
                        t -> replaceValue(t, i, v))),
                Combinators.combine(at, key, value).as((i, k, v) -> new Mutation("add " + quote(k + ": " + v)
                        + " after line " + i, t -> lines(t, i, (ls, n) -> ls.add(n + 1, indent(ls.get(n)) + k + ": " + v)))),
                Combinators.combine(at, Arbitraries.oneOf(Arbitraries.integers().between(1, 120),
                        Arbitraries.integers().between(990, 1010)), Arbitraries.of(true, false)).as(
                        (i, depth, list) -> new Mutation("nest " + depth + (list ? " lists" : " mappings") + " at value " + i,
                                t -> replaceValue(t, i, list ? "[".repeat(depth) + "1" + "]".repeat(depth)
                                        : "{a: ".repeat(depth) + "1" + "}".repeat(depth)))),
                Arbitraries.of(EXTENDS).map(x -> new Mutation("extends " + quote(x), t -> "extends: " + x + "\n" + t)),
                Arbitraries.just(new Mutation("empty", t -> "")),
                Arbitraries.of(VALUES).map(v -> new Mutation("only " + quote(v), t -> v)));
    }

    /** Replaces the value of the {@code i}-th {@code key: value} line (modulo their number). */
    private static String replaceValue(String text, int i, String value) {
        List<String> ls = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        List<Integer> keyed = new ArrayList<>();
        for (int n = 0; n < ls.size(); n++) {
            if (ls.get(n).matches("\\s*[A-Za-z][\\w.]*:.*")) {
                keyed.add(n);
            }
        }
        if (!keyed.isEmpty()) {
            int n = keyed.get(i % keyed.size());
            String line = ls.get(n);
            ls.set(n, line.substring(0, line.indexOf(':') + 1) + " " + value);
        }
        return String.join("\n", ls);
    }

    private interface LineEdit {
        void edit(List<String> lines, int n);
    }

    /** The text with its lines edited at line {@code at} (taken modulo the line count). */
    private static String lines(String text, int at, LineEdit edit) {
        List<String> ls = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        edit.edit(ls, at % ls.size());
        return String.join("\n", ls);
    }

    private static String indent(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }

    private static String quote(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + " chars)" : s;
        return "'" + shown.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0") + "'";
    }
}
