package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.Checks;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.config.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding YAML sections to configuration records: types, defaults, required keys, checks, unbinding. */
class RecordBinderTest {

    /** Every supported type, each with a default. */
    public record Everything(
            @Setting(value = "a count, >= 1", defaultValue = "3") int count,
            @Setting(value = "a big number", defaultValue = "10000000000") long big,
            @Setting(value = "a rate, > 0", defaultValue = "0.5") double rate,
            @Setting(value = "a flag", defaultValue = "true") boolean flag,
            @Setting(value = "a label", defaultValue = "hello world") String label,
            @Setting(value = "sizes", defaultValue = "[1, 2]") List<Integer> sizes) {

        public Everything {
            sizes = List.copyOf(sizes);
            Checks.of().atLeast("count", count, 1).positive("rate", rate).done();
        }
    }

    /** Keys without defaults: one documented, one not annotated at all. */
    public record Needs(@Setting("the plugin's name") String title, int plain,
                        @Setting(value = "optional", defaultValue = "0") int extra) {
    }

    /** A section with a nested section, as an optimizer with its schedule. */
    public record Outer(@Setting(value = "a rate", defaultValue = "0.1") double rate,
                        @Setting(value = "the inner section", defaultValue = "{}") Everything inner) {
    }

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Everything DEFAULTS = new Everything(3, 10_000_000_000L, 0.5, true, "hello world", List.of(1, 2));

    private final List<ConfigProblem> problems = new ArrayList<>();

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private <R extends Record> R bind(String text, Class<R> type) {
        return RecordBinder.bind(text == null ? null : yaml(text), type, "sec", "sec 'x'", List.of("name"), problems);
    }

    private List<String> lines() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void bindsEverySupportedType() {
        Everything e = bind("{count: 7, big: 12345678901, rate: 2, flag: false, label: 42, sizes: [4, 5, 6]}",
                Everything.class);
        assertEquals(List.of(), lines());
        assertEquals(new Everything(7, 12_345_678_901L, 2.0, false, "42", List.of(4, 5, 6)), e);
    }

    @Test
    void missingAndNullKeysTakeTheirDefaults() {
        assertEquals(DEFAULTS, bind(null, Everything.class));
        assertEquals(DEFAULTS, bind("{}", Everything.class));
        assertEquals(new Everything(9, 10_000_000_000L, 0.5, true, "hello world", List.of(1, 2)),
                bind("{count: 9, label: ~, sizes: null}", Everything.class));
        assertEquals(List.of(), lines());
    }

    @Test
    void ignoredKeysAreNotSettings() {
        assertEquals(DEFAULTS, bind("{name: x}", Everything.class));
        assertEquals(List.of(), lines());
    }

    @Test
    void requiredKeysAreReportedWithTheirDescription() {
        assertNull(bind("{extra: 1}", Needs.class));
        assertEquals(List.of("sec.title is required (the plugin's name)", "sec.plain is required"), lines());
        problems.clear();
        assertEquals(new Needs("t", 4, 0), bind("{title: t, plain: 4}", Needs.class));
        assertEquals(List.of(), lines());
    }

    @Test
    void wrongTypesAreEachReported() {
        assertNull(bind("{count: 3.5, big: x, rate: '0.1', flag: 1, label: [a], sizes: 5}", Everything.class));
        assertEquals(List.of("sec.count expected an integer, found 3.5",
                "sec.big expected an integer, found 'x'",
                "sec.rate expected a number, found '0.1'",
                "sec.flag expected true or false, found 1",
                "sec.label expected a string, found [\"a\"]",
                "sec.sizes expected a list, found 5"), lines());
    }

    @Test
    void integerOutOfRangeAndBadListElementsAreReported() {
        assertNull(bind("{count: 3000000000, sizes: [1, b, 2.5]}", Everything.class));
        assertEquals(List.of("sec.count expected an integer, found 3000000000",
                "sec.sizes[1] expected an integer, found 'b'",
                "sec.sizes[2] expected an integer, found 2.5"), lines());
    }

    @Test
    void unknownKeysListTheAllowedOnes() {
        assertNull(bind("{count: 2, colour: red}", Everything.class));
        assertEquals(List.of("sec.colour is not a setting of sec 'x'; allowed: count, big, rate, flag, label, sizes"),
                lines());
    }

    @Test
    void nestedRecordsBindWithTheirOwnDefaultsAndPaths() {
        assertEquals(new Outer(0.1, DEFAULTS), bind("{}", Outer.class));
        assertEquals(new Outer(0.2, new Everything(5, 10_000_000_000L, 0.5, true, "hello world", List.of(1, 2))),
                bind("{rate: 0.2, inner: {count: 5}}", Outer.class));
        assertNull(bind("{inner: {count: 0, colour: red}}", Outer.class));
        assertEquals(List.of("sec.inner.colour is not a setting of sec.inner; allowed: count, big, rate, flag, label, sizes",
                "sec.inner.count must be >= 1, found 0"), lines());
        problems.clear();
        assertNull(bind("{inner: 3}", Outer.class));
        assertEquals(List.of("sec.inner expected a mapping, found 3"), lines());
        Map<String, Object> unbound = RecordBinder.unbind(new Outer(0.1, DEFAULTS));
        assertEquals(3, ((Map<?, ?>) unbound.get("inner")).get("count"));
    }

    @Test
    void anUnknownKeyDoesNotHideTheRangeChecks() {
        assertNull(bind("{count: 0, colour: red}", Everything.class));
        assertEquals(List.of("sec.colour is not a setting of sec 'x'; allowed: count, big, rate, flag, label, sizes",
                "sec.count must be >= 1, found 0"), lines());
    }

    @Test
    void compactConstructorChecksArePlacedUnderThePath() {
        assertNull(bind("{count: 0, rate: -1}", Everything.class));
        assertEquals(List.of(new ConfigProblem("sec.count", "must be >= 1, found 0"),
                new ConfigProblem("sec.rate", "must be > 0, found -1")), problems);
    }

    @Test
    void emptyPathUsesTheBareKeys() {
        assertNull(RecordBinder.bind(yaml("{rate: 0}"), Everything.class, "", "top", List.of(), problems));
        assertEquals(List.of("rate must be > 0, found 0"), lines());
    }

    @Test
    void problemsAreAppendedToThoseAlreadyFound() {
        problems.add(new ConfigProblem("earlier", "was wrong"));
        assertEquals(DEFAULTS, bind("{}", Everything.class));
        assertNull(bind("{count: 0}", Everything.class));
        assertEquals(List.of("earlier was wrong", "sec.count must be >= 1, found 0"), lines());
    }

    @Test
    void unbindGivesEveryComponentInOrder() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("count", 3);
        expected.put("big", 10_000_000_000L);
        expected.put("rate", 0.5);
        expected.put("flag", true);
        expected.put("label", "hello world");
        expected.put("sizes", List.of(1, 2));
        assertEquals(expected, RecordBinder.unbind(DEFAULTS));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(RecordBinder.unbind(DEFAULTS).keySet()));
    }

    @Test
    void unbindThenBindIsTheIdentity() throws Exception {
        Everything original = new Everything(11, -5L, 1e-8, false, "a: b", List.of(7, 0, 3));
        JsonNode asJson = new ObjectMapper().valueToTree(RecordBinder.unbind(original));
        assertEquals(original, RecordBinder.bind(asJson, Everything.class, "sec", "sec", List.of(), problems));
        String asYaml = YAML.writeValueAsString(RecordBinder.unbind(original));
        assertEquals(original, bind(asYaml, Everything.class));
        assertEquals(List.of(), lines());
    }

    @Test
    void describeListsTypeDefaultAndMeaning() {
        assertEquals(List.of("title (String, required): the plugin's name", "plain (int, required)",
                "extra (int, default 0): optional"), RecordBinder.describe(Needs.class));
    }

    /** A record whose component type the binder does not support. */
    public record Unsupported(@Setting(value = "a map", defaultValue = "{}") Map<String, Integer> table) {
    }

    @Test
    void unsupportedComponentTypeIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> bind("{table: {a: 1}}", Unsupported.class));
    }
}
